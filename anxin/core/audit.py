"""The one way to read a sealed value, and the hash-chained access log behind it.

`read_sealed()` writes the log row in the same transaction as the read: if the row cannot
be written, the read fails. A refused read is logged too (in its own transaction, since
the caller then answers 404).
"""

import hashlib
import hmac
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone

from anxin.core.models import AccessLog, AccessLogHead
from anxin.core.sealed import associated_data, unseal

SYSTEM = "system"


def _digest(row: AccessLog) -> str:
    message = "|".join(
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
    return hmac.new(settings.ANXIN_AUDIT_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


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
    AccessLogHead.objects.filter(pk=1).update(last_hash=row.hash, count=models.F("count") + 1)
    return row


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
    the refusal and raise Http404 so that the record's existence does not leak."""
    if not allowed:
        access_log_append(
            actor=actor,
            role=role,
            record=record,
            field=field,
            purpose=purpose,
            subject_uuid=subject_uuid,
            outcome=AccessLog.Outcome.DENIED,
        )
        raise Http404
    token = getattr(record, field)
    with transaction.atomic():
        access_log_append(
            actor=actor,
            role=role,
            record=record,
            field=field,
            purpose=purpose,
            subject_uuid=subject_uuid,
        )
        if not token:
            return None
        return unseal(token, aad=associated_data(record, field))


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
    an empty field reads as ""."""
    return {
        field: read_sealed(
            record, field, actor=actor, purpose=purpose, subject_uuid=subject_uuid, role=role
        )
        or ""
        for field in fields
    }


@dataclass
class ChainFault:
    row_id: int
    problem: str


def verify_chain() -> Iterator[ChainFault]:
    """Walk the log in order and report every row whose HMAC or link is wrong (an edited
    row, or one after a deleted row) and a tip that does not match the head (a deleted
    last row). Ids are not checked for gaps: a rolled-back read leaves one on PostgreSQL."""
    previous = "0" * 64
    last_id = 0
    seen = 0
    for row in AccessLog.objects.order_by("id").iterator(chunk_size=2000):
        seen += 1
        if row.prev_hash != previous:
            yield ChainFault(row.id, "does not link to the previous row")
        if not hmac.compare_digest(_digest(row), row.hash):
            yield ChainFault(row.id, "content does not match its HMAC")
        previous = row.hash
        last_id = row.id
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != previous or head.count != seen):
        yield ChainFault(last_id, "the chain's tip does not match its head")
