"""The one way to read a sealed value, and the hash-chained access log behind it.

`read_sealed()` writes the log row in the same transaction as the read: if the row cannot
be written, the read fails. A read refused by policy is logged too (in its own
transaction, since the caller then answers 404).

A value that does not open (tampered, copied from another record or field, or sealed under
a key that has left the ring) does not take the page down: `read_sealed()` logs the read as
UNREADABLE, tells the auditors (at most once an hour) and returns an `Unavailable`, which a
template shows as a plain explanation in place of that one field. The row is written in the
caller's transaction, where it sits in order with the page's other reads; should that
transaction roll back, the row is written again in a transaction of its own once it has
(`flush_unreadable()`, run at the end of every request), so the refused read is never lost.

How the log resists someone with the database and without the audit key (docs/decisions
0023):

- each row carries an HMAC over its content and the previous row's HMAC: an edited,
  deleted, reordered or invented row breaks the chain;
- the head (the tip's hash and the number of rows) carries an HMAC too: cutting the
  newest rows and moving the head to the new tip needs the key;
- `anxin verify-audit` writes the signed head as an anchor outside the database and checks
  that the chain still holds an earlier anchor's row at the same position: putting back a
  head copied before the cut, or emptying the table, is found there;
- on PostgreSQL a statement trigger refuses TRUNCATE (row triggers do not see it).
"""

import hashlib
import hmac
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from anxin.core.models import AccessLog, AccessLogHead
from anxin.core.notifications import notify
from anxin.core.sealed import SealError, associated_data, unseal

logger = logging.getLogger(__name__)

SYSTEM = "system"
GENESIS = "0" * 64
# A page reloaded over a bad value alerts the auditors once, not on every reload.
UNREADABLE_ALERT_EVERY = timedelta(hours=1)


def _hmac(message: str) -> str:
    key = settings.ANXIN_AUDIT_KEY.encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def _digest(row: AccessLog) -> str:
    return _hmac(
        "|".join(
            [
                row.prev_hash,
                row.at.isoformat(),
                str(row.actor_id or ""),
                row.actor_label,
                row.actor_role,
                row.record_type,
                str(row.record_uuid),
                row.field,
                str(row.subject_uuid or ""),
                row.purpose,
                row.outcome,
            ]
        )
    )


def head_mac(count: int, last_hash: str) -> str:
    """The head's signature. Its message starts with a word no row's message can start
    with (a row's starts with a hash), so a row's HMAC never passes for a head's."""
    return _hmac(f"head|{count}|{last_hash}")


def _actor_fields(actor) -> dict:
    if actor is None or isinstance(actor, str):
        return {"actor": None, "actor_label": f"{SYSTEM}:{actor or 'job'}"}
    return {"actor": actor, "actor_label": actor.get_username()}


@transaction.atomic
def access_log_append(
    *,
    actor,
    role: str = "",
    record: models.Model,
    field: str,
    purpose: str,
    subject_uuid: uuid.UUID | None,
    outcome: str = AccessLog.Outcome.GRANTED,
) -> AccessLog:
    """Append one row to the chain. `actor` is a user, or a string naming a system job."""
    head, _ = AccessLogHead.objects.select_for_update().get_or_create(pk=1)
    row = AccessLog(
        at=timezone.now(),
        actor_role=role,
        record_type=record._meta.label_lower,
        record_uuid=record.uuid,
        field=field,
        subject_uuid=subject_uuid,
        purpose=purpose,
        outcome=outcome,
        prev_hash=head.last_hash,
        **_actor_fields(actor),
    )
    row.hash = _digest(row)
    row.save(force_insert=True)
    count = head.count + 1
    AccessLogHead.objects.filter(pk=1).update(
        last_hash=row.hash, count=count, mac=head_mac(count, row.hash)
    )
    return row


# --- reading sealed values --------------------------------------------------------------


class Unavailable(SafeString):
    """A sealed value that did not open, standing where its text would be.

    It renders as a short explanation (so templates show it with no change, filters such
    as `linebreaksbr` included), it is true in `{% if %}`, and `is_unavailable()` tells
    code that must not take it for content (a form's initial value, a JSON payload)."""

    field: str

    def __new__(cls, field: str) -> "Unavailable":
        text = gettext(
            "This item cannot be shown: its sealed content did not open (it may have been "
            "altered, or the key it was sealed with is missing). The privacy officer has "
            "been told. The rest of the page is not affected."
        )
        html = format_html(
            '<span class="sealed-unavailable fst-italic text-danger-emphasis" role="note">'
            "{}</span>",
            text,
        )
        value = super().__new__(cls, html)
        value.field = field
        return value


# What an edit page says instead of opening a form over a value that did not open: saving
# the form would overwrite it, and it may still open once its key is put back.
UNAVAILABLE_EDIT = gettext_lazy(
    "This record holds an item that cannot be opened, so it cannot be edited now: saving "
    "would overwrite it. The privacy officer has been told."
)

# What a download says instead of a file whose sealed content did not open.
UNAVAILABLE_FILE = gettext_lazy(
    "The file cannot be opened: its sealed content did not open. The privacy officer has been told."
)


def is_unavailable(value) -> bool:
    return isinstance(value, Unavailable)


def any_unavailable(values: dict | Iterable) -> bool:
    """Whether any of these read values (a dict's values, or an iterable) did not open."""
    items = values.values() if isinstance(values, dict) else values
    return any(isinstance(value, Unavailable) for value in items)


# Unreadable reads logged inside a transaction that has not committed yet, per thread.
_pending = threading.local()


def _pending_entries() -> list[dict]:
    if not hasattr(_pending, "entries"):
        _pending.entries = []
    return _pending.entries


def forget_unreadable(**_signal) -> None:
    """Start a request with nothing pending (connected to `request_started`): what an
    earlier request left behind was written by its own `request_finished`."""
    _pending_entries().clear()


def _log_unreadable(entry: dict) -> None:
    """Log a read whose value did not open, so that it survives whatever the caller's
    transaction then does (see the module's docstring), and alert the auditors."""
    row = access_log_append(**entry, outcome=AccessLog.Outcome.UNREADABLE)
    if not transaction.get_connection().in_atomic_block:
        _alert_unreadable(row)
        return
    pending = _pending_entries()
    pending.append(entry)

    def committed() -> None:
        for index, item in enumerate(pending):
            if item is entry:
                del pending[index]
                break
        _alert_unreadable(row)

    # Dropped by Django if the transaction (or the savepoint around it) rolls back: the
    # entry then stays pending and flush_unreadable() writes it again.
    transaction.on_commit(committed, robust=True)


def flush_unreadable(**_signal) -> int:
    """Write, each in a transaction of its own, the unreadable reads whose rows were rolled
    back with their caller's transaction. Connected to `request_finished`; a command or
    task that reads sealed values in a transaction that may fail calls it at the end."""
    pending = _pending_entries()
    if not pending or transaction.get_connection().in_atomic_block:
        return 0
    written = 0
    while pending:
        entry = pending.pop(0)
        try:
            row = access_log_append(**entry, outcome=AccessLog.Outcome.UNREADABLE)
        except Exception:
            # The database is gone too: the page has failed already; say so in the log
            # (names and ids only) rather than hide the first error behind this one.
            logger.exception(
                "could not log an unreadable read of %s %s",
                entry["record"]._meta.label_lower,
                entry["record"].pk,
            )
            continue
        _alert_unreadable(row)
        written += 1
    return written


# Who hears of the log's faults and unreadable values: the privacy officers. Core knows
# no role, so people tells it who they are (`PeopleConfig.ready()`); until then, nobody.
_privacy_officers: Callable[[], Iterable] = list


def privacy_officers_register(finder: Callable[[], Iterable]) -> None:
    """Name the function that lists the accounts to alert (people: the auditors)."""
    global _privacy_officers
    _privacy_officers = finder


def auditors():
    """Every active account the alerts go to (the privacy officers)."""
    return _privacy_officers()


def _alert_unreadable(row: AccessLog) -> None:
    """Tell the auditors that a sealed value did not open, unless one did within the last
    hour already (that alert covers this one: the access log lists them all)."""
    since = row.at - UNREADABLE_ALERT_EVERY
    earlier = AccessLog.objects.filter(
        outcome=AccessLog.Outcome.UNREADABLE, at__gte=since, pk__lt=row.pk
    )
    if earlier.exists():
        return
    try:
        notify(
            recipients=auditors(),
            template="sealed_unreadable",
            context={"at": row.at},
            url="/",
        )
    except Exception:
        # The read is logged; a failed alert must not turn the page into a 500.
        logger.exception("could not alert the auditors of an unreadable sealed value")


def read_sealed(
    record: models.Model,
    field: str,
    *,
    actor,
    purpose: str,
    subject_uuid: uuid.UUID | None,
    allowed: bool = True,
    role: str = "",
):
    """Open `record.<field>` for `actor`, logging the read; when `allowed` is false, log
    the refusal and raise Http404 so that the record's existence does not leak. A value
    that does not open is logged as such and comes back as an `Unavailable`."""
    entry = {
        "actor": actor,
        "role": role,
        "record": record,
        "field": field,
        "purpose": purpose,
        "subject_uuid": subject_uuid,
    }
    if not allowed:
        access_log_append(**entry, outcome=AccessLog.Outcome.DENIED)
        raise Http404
    token = getattr(record, field)
    value = None
    if token:
        try:
            # Opened in memory only: nothing leaves this function before its row is written.
            value = unseal(token, aad=associated_data(record, field))
        except SealError:
            _log_unreadable(entry)
            return Unavailable(field)
    access_log_append(**entry)
    return value


@transaction.atomic
def read_sealed_fields(
    record: models.Model,
    fields: list[str] | tuple[str, ...],
    *,
    actor,
    purpose: str,
    subject_uuid: uuid.UUID | None,
    role: str = "",
) -> dict[str, object]:
    """Several sealed fields of one record, each read logged, all in one transaction;
    an empty field reads as "", one that does not open as an `Unavailable`."""
    return {
        field: read_sealed(
            record, field, actor=actor, purpose=purpose, subject_uuid=subject_uuid, role=role
        )
        or ""
        for field in fields
    }


# --- verifying the chain ------------------------------------------------------------------


@dataclass
class ChainFault:
    row_id: int | None  # None: the fault is in the head or an anchor, not in one row
    problem: str

    def __str__(self) -> str:
        where = f"row {self.row_id}" if self.row_id is not None else "log"
        return f"{where}: {self.problem}"


_NO_HEAD = object()


def verify_chain(*, head: object = _NO_HEAD) -> Iterator[ChainFault]:
    """Walk the log in order and report every row whose HMAC or link is wrong (an edited,
    reordered or invented row, or one after a deleted row), a head that is missing or not
    signed with the audit key, and a head that the chain does not reach (deleted last
    rows). Ids are not checked for gaps: a rolled-back read leaves one on PostgreSQL.

    The head is read before the walk (or given, as read by the caller): rows appended
    while the walk runs come after it and are checked like the others, so the check holds
    on a log in use."""
    if head is _NO_HEAD:
        head = AccessLogHead.objects.filter(pk=1).first()
    previous = GENESIS
    at_head = GENESIS
    last_id = None
    seen = 0
    for row in AccessLog.objects.order_by("id").iterator(chunk_size=2000):
        seen += 1
        if row.prev_hash != previous:
            yield ChainFault(row.id, "does not link to the previous row")
        if not hmac.compare_digest(_digest(row), row.hash):
            yield ChainFault(row.id, "content does not match its HMAC")
        previous = row.hash
        last_id = row.id
        if head is not None and seen == head.count:
            at_head = row.hash
    if head is None:
        if seen:
            yield ChainFault(None, "the head row is missing")
        return
    if not hmac.compare_digest(head.mac, head_mac(head.count, head.last_hash)):
        yield ChainFault(None, "the head is not signed with the audit key")
    if head.count > seen or at_head != head.last_hash:
        yield ChainFault(last_id, "the chain's tip does not match its head")


# --- anchors: the signed head, kept outside the database -----------------------------------


@dataclass(frozen=True)
class Anchor:
    """The head at one moment, signed with the audit key: `count` rows, the last of which
    has hash `hash`. Written as one JSON line; a later chain must extend it."""

    count: int
    hash: str
    at: str  # ISO 8601, UTC
    mac: str

    @staticmethod
    def _mac(count: int, hash: str, at: str) -> str:
        return _hmac(f"anchor|{count}|{hash}|{at}")

    @classmethod
    def of_head(cls, head: AccessLogHead | None, *, now: datetime | None = None) -> "Anchor":
        count, last_hash = (head.count, head.last_hash) if head else (0, GENESIS)
        at = (now or timezone.now()).astimezone(UTC).isoformat(timespec="seconds")
        return cls(count=count, hash=last_hash, at=at, mac=cls._mac(count, last_hash, at))

    @classmethod
    def parse(cls, line: str) -> "Anchor":
        """One anchor from its line; ValueError if it is not one."""
        try:
            data = json.loads(line)
            anchor = cls(
                count=int(data["count"]),
                hash=str(data["hash"]),
                at=str(data["at"]),
                mac=str(data["mac"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError("not an access-log anchor") from exc
        return anchor

    @property
    def is_signed(self) -> bool:
        return hmac.compare_digest(self.mac, self._mac(self.count, self.hash, self.at))

    def line(self) -> str:
        data = {"count": self.count, "hash": self.hash, "at": self.at, "mac": self.mac}
        return "anxin-audit-anchor " + json.dumps(data, separators=(",", ":"))


def anchors_read(lines: Iterable[str]) -> tuple[list[Anchor], list[ChainFault]]:
    """The anchors among these lines (a file, or lines copied from syslog or an auditor's
    mail: anything before the JSON is ignored), and a fault for each that is not signed."""
    anchors: list[Anchor] = []
    faults: list[ChainFault] = []
    for number, line in enumerate(lines, start=1):
        if "{" not in line:
            continue
        try:
            anchor = Anchor.parse(line[line.index("{") :])
        except ValueError:
            faults.append(ChainFault(None, f"anchor line {number} cannot be read"))
            continue
        if not anchor.is_signed:
            faults.append(ChainFault(None, f"anchor line {number} is not signed with the key"))
            continue
        anchors.append(anchor)
    return anchors, faults


def verify_anchor(anchor: Anchor) -> Iterator[ChainFault]:
    """Check that the log still extends `anchor`: the row at its position is the row it
    names (the chain vouches for every row before it) and no fewer rows are left."""
    if anchor.count == 0:
        return
    rows = AccessLog.objects.order_by("id")
    row = rows.filter(hash=anchor.hash).only("id").first()
    if row is None:
        yield ChainFault(
            None,
            f"row {anchor.count} anchored at {anchor.at} is missing: the log was cut",
        )
        return
    position = rows.filter(id__lte=row.id).count()
    if position != anchor.count:
        yield ChainFault(
            row.id,
            f"anchored as row {anchor.count} at {anchor.at}, now row {position}",
        )
    total = rows.count()
    if total < anchor.count:
        yield ChainFault(None, f"{total} rows, fewer than the {anchor.count} anchored")
