"""Notifications: an inbox item for each recipient and, for those with an address, an
e-mail through Django's mail API.

A notification never carries clinical content (DESIGN.md). That is kept by construction:

- every kind of notification is a pair of templates, `emails/<name>_subject.txt` and
  `emails/<name>_body.txt`, registered with `notification_kind()` in its app's
  `notifications.py`, where the change is reviewed;
- the context holds plain text, whole numbers and dates only: passing a record (a case,
  a session) raises TypeError, so no template can reach into one;
- the link is a path inside Anxin: what is behind it is shown only after sign-in, under
  the usual access rules.

Each recipient reads the notification in his or her own language (`user.language` when
the user model has it, otherwise the site's default, zh-hant). A send to many people runs
in the worker through `notify_later()`, which notifies each person exactly once even when
its worker is killed and the send restarted (see `notify_task`).

Some lists of people are personal facts: the people invited because of what they declared
about themselves (invariant 10), those asked about counselling they had. Such a send is
`sensitive`: its inbox items carry no title and are deleted when they expire (at the
caller's time, at the latest `ANXIN_SENSITIVE_INBOX_DAYS` after sending), its mail is
deleted once sent, and its task keeps no list after the send (decision 0021).
"""

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django_tasks import TaskResult, task

from anxin.core.jobs import job_finish, job_progress, job_start
from anxin.core.models import BulkRecipient, BulkSend, Job, Notification, OutgoingMail
from anxin.core.tasks import FORGET, on_give_up

logger = logging.getLogger(__name__)

# The kinds of notification: name -> what it is for, and the context each needs (a missing
# one is a programming error, not an empty line). Each app registers its own kinds in its
# `notifications.py` with `notification_kind()` (found by `autodiscover()`, called from
# CoreConfig.ready()); each name has emails/<name>_subject.txt and emails/<name>_body.txt.
NOTIFICATION_TEMPLATES: dict[str, str] = {}
REQUIRED_CONTEXT: dict[str, tuple[str, ...]] = {}


def notification_kind(name: str, *, purpose: str, needs: tuple[str, ...] = ()) -> None:
    """Register a kind of notification, where its change is reviewed: its purpose (what
    the message says and to whom) and the context names it needs."""
    known = NOTIFICATION_TEMPLATES.get(name)
    if known is not None and (known, REQUIRED_CONTEXT[name]) != (purpose, tuple(needs)):
        raise ValueError(f"a notification kind named {name!r} is registered already")
    NOTIFICATION_TEMPLATES[name] = purpose
    REQUIRED_CONTEXT[name] = tuple(needs)


def autodiscover() -> None:
    """Import each app's `notifications.py`, which registers its kinds."""
    autodiscover_modules("notifications")


notification_kind(
    "generic",
    purpose=(
        "A short message written by the caller (context: subject, body) with an "
        "optional link. Use a registered kind of its own for anything sent "
        "repeatedly."
    ),
    needs=("subject",),
)


notification_kind(
    "job_finished",
    purpose=(
        "A background import, report or bulk send has finished (context: what, the "
        "name of the job, e.g. 'Staff roster import'); links to the job's page."
    ),
    needs=("what",),
)


notification_kind(
    "sealed_unreadable",
    purpose=(
        "A sealed value did not open when someone allowed to read it opened its "
        "page (context: at, the time); at most one an hour. To the auditors. Core."
    ),
    needs=("at",),
)


notification_kind(
    "audit_anchor",
    purpose=(
        "`verify-audit --notify-auditors` found the access log intact (context: "
        "anchor, the signed head as one line, for the auditor to keep outside "
        "Anxin). Core."
    ),
    needs=("anchor",),
)


notification_kind(
    "audit_fault",
    purpose=(
        "`verify-audit --notify-auditors` found the access log altered (context: "
        "faults, how many). Core."
    ),
    needs=("faults",),
)


# Names the templates receive from notify() itself.
RESERVED_CONTEXT = frozenset({"link", "channel"})


@dataclass(frozen=True)
class Rendered:
    subject: str
    inbox_body: str
    email_subject: str
    email_body: str


def check_template(template: str) -> None:
    if template not in NOTIFICATION_TEMPLATES:
        raise ValueError(
            f"unknown notification template {template!r}: register it with "
            "notification_kind() in its app's notifications.py (NOTIFICATION_TEMPLATES)"
        )


def check_context(template: str, context: dict) -> None:
    """Refuse anything but plain text, whole numbers and dates, so that no record (and no
    clinical field of one) can reach a notification."""
    for key, value in context.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise TypeError(f"notification context keys are names, not {key!r}")
        if key in RESERVED_CONTEXT:
            raise ValueError(f"notification context may not set {key!r}: notify() does")
        # A lazy translation is text too, and is rendered in each recipient's language.
        if not isinstance(value, str | int | date | Promise):
            raise TypeError(
                f"notification context {key!r}: {type(value).__name__} is not allowed; "
                "pass text, whole numbers or dates, never a record"
            )
    missing = [name for name in REQUIRED_CONTEXT.get(template, ()) if name not in context]
    if missing:
        raise ValueError(f"notification {template!r} needs {', '.join(missing)}")


def check_url(url: str) -> None:
    """A link is a path inside Anxin: the inbox redirects to it, so anything else would
    make the inbox an open redirect."""
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError(f"notification links are paths inside Anxin, not {url!r}")


def language_of(user) -> str:
    """The recipient's language: `user.language` if set and offered, else the default."""
    offered = {code for code, _name in settings.LANGUAGES}
    wanted = getattr(user, "language", "") or ""
    return wanted if wanted in offered else settings.LANGUAGE_CODE


def absolute_link(url: str) -> str:
    """The link as an e-mail shows it: with the site's address (`ANXIN_BASE_URL`) if set."""
    if not url:
        return ""
    return getattr(settings, "ANXIN_BASE_URL", "").rstrip("/") + url


def _tidy(text: str) -> str:
    """Templates leave blank lines around their tags: keep one blank line at most."""
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text.strip())


def render(template: str, context: dict, *, url: str, language: str) -> Rendered:
    """The notification in one language: for the inbox (no link: the item opens it) and for
    e-mail (with the full link and a footer)."""
    with translation.override(language):
        base = {**context, "link": absolute_link(url)}
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", base).split())
        body_name = f"emails/{template}_body.txt"
        inbox_body = _tidy(render_to_string(body_name, {**base, "channel": "inbox"}))
        email_body = _tidy(render_to_string(body_name, {**base, "channel": "email"})) + "\n"
        email_subject = gettext("[%(site)s] %(subject)s") % {
            "site": settings.ANXIN_SITE_NAME,
            "subject": subject,
        }
    return Rendered(subject, inbox_body, email_subject, email_body)


# --- the outbox: mail is written with the inbox item and sent after the commit ------------

# Wait before the n-th retry of a failed send: 5 minutes, doubling, at most 6 hours.
RETRY_FIRST = timedelta(minutes=5)
RETRY_MAX = timedelta(hours=6)
# Sent mail is kept this long (to answer "did it leave?"), then pruned.
SENT_RETENTION = timedelta(days=30)
MAIL_HEADERS = {"Auto-Submitted": "auto-generated"}  # RFC 3834: no out-of-office replies


def _retry_delay(attempts: int) -> timedelta:
    return min(RETRY_MAX, RETRY_FIRST * 2 ** max(0, attempts - 1))


def outbox_send(mails: Iterable[OutgoingMail], *, now: datetime | None = None) -> tuple[int, int]:
    """Send these mails on one connection, each on its own so that one refused address
    does not hold back the rest; mark what left as sent and what failed for a retry.
    Returns (sent, failed). Never raises for a mail server's failure: the mail stays in
    the outbox and `run-due` tries again."""
    mails = list(mails)
    if not mails:
        return 0, 0
    now = now or timezone.now()
    sent: list[int] = []
    failed: dict[str, list[OutgoingMail]] = {}
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # the server is down: every mail waits for the next run
        failed[type(exc).__name__] = mails
        mails = []
    for item in mails:
        message = EmailMessage(
            subject=item.subject,
            body=item.body,
            to=[item.recipient],
            headers=MAIL_HEADERS,
            connection=connection,
        )
        try:
            message.send()
        except Exception as exc:
            failed.setdefault(type(exc).__name__, []).append(item)
        else:
            sent.append(item.pk)
    try:
        connection.close()
    except Exception:  # closing a broken connection: what was sent is sent
        logger.warning("closing the mail connection failed", exc_info=True)
    if sent:
        forget = [item.pk for item in mails if item.forget_when_sent and item.pk in sent]
        if forget:
            OutgoingMail.objects.filter(pk__in=forget).delete()
        OutgoingMail.objects.filter(pk__in=sent).update(sent_at=now, last_error="")
    count = 0
    for error, items in failed.items():
        count += len(items)
        by_attempts: dict[int, list[int]] = {}
        for item in items:
            by_attempts.setdefault(item.attempts + 1, []).append(item.pk)
        for attempts, ids in by_attempts.items():
            OutgoingMail.objects.filter(pk__in=ids).update(
                attempts=attempts,
                last_error=error[:100],
                next_attempt_at=now + _retry_delay(attempts),
            )
        # Ids and the error's class only: a server's reply may quote the message.
        logger.warning("mail not sent (%s), will retry: ids %s", error, [i.pk for i in items])
    return len(sent), count


def outbox_retry(*, now: datetime, limit: int = 500) -> tuple[int, int]:
    """Send the mails whose retry time has come (oldest first), and prune sent ones."""
    due = OutgoingMail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
    )[:limit]
    result = outbox_send(due, now=now)
    OutgoingMail.objects.filter(sent_at__lt=now - SENT_RETENTION).delete()
    return result


def sensitive_expiry(expires_at: datetime | None = None) -> datetime:
    """When the inbox items of a sensitive send go: at `expires_at` if given (say, when
    the event's registration closes), never later than the set number of days."""
    latest = timezone.now() + timedelta(days=settings.ANXIN_SENSITIVE_INBOX_DAYS)
    return min(expires_at, latest) if expires_at else latest


def check_sensitive(context: dict) -> None:
    """The inbox item of a sensitive send must not name what the people were chosen
    for: its title travels empty (the page behind the link shows it after sign-in)."""
    if context.get("title"):
        raise ValueError("a sensitive notification carries no title")


def notify(
    *,
    recipients: Iterable,
    template: str,
    context: dict,
    url: str = "",
    email: bool = True,
    sensitive: bool = False,
    expires_at: datetime | None = None,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and, if `email`, mail it to each one
    with an address. Inactive accounts are skipped; a recipient named twice gets one.

    The mail is written to the outbox with the inbox items and leaves once the surrounding
    transaction has committed, on one connection; a send that fails stays in the outbox
    and `run-due` retries it (`outbox_retry`), so no mail is lost.

    A `sensitive` notification expires (`sensitive_expiry`) and its mail is deleted once
    sent; `expires_at` alone sets an expiry on any notification."""
    check_template(template)
    check_context(template, context)
    check_url(url)
    if sensitive:
        check_sensitive(context)
        expires_at = sensitive_expiry(expires_at)
    rendered: dict[str, Rendered] = {}
    rows: list[Notification] = []
    mails: list[OutgoingMail] = []
    seen: set = set()
    for user in recipients:
        if not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        language = language_of(user)
        if language not in rendered:
            rendered[language] = render(template, context, url=url, language=language)
        text = rendered[language]
        rows.append(
            Notification(
                recipient=user,
                subject=text.subject[:200],
                body=text.inbox_body,
                url=url,
                expires_at=expires_at,
            )
        )
        if email and user.email:
            mails.append(
                OutgoingMail(
                    recipient=user.email,
                    subject=text.email_subject[:300],
                    body=text.email_body,
                    next_attempt_at=timezone.now(),
                    forget_when_sent=sensitive,
                )
            )
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows, batch_size=500)
        if mails:
            OutgoingMail.objects.bulk_create(mails, batch_size=500)
            transaction.on_commit(lambda: outbox_send(mails), robust=True)
    return created


def notifications_expire(*, now: datetime) -> int:
    """Delete the inbox items whose time has come (`run-due`). Returns how many."""
    deleted, _ = Notification.objects.filter(expires_at__lte=now).delete()
    return deleted


# --- bulk sends in the worker -----------------------------------------------------------


def _encode(context: dict) -> dict:
    """The context as JSON for the task queue: dates travel as ISO strings."""
    encoded = {}
    for key, value in context.items():
        if isinstance(value, Promise):
            raise TypeError(
                f"notification context {key!r}: a lazy translation cannot travel to the "
                "worker; register a notification kind whose template translates it"
            )
        if isinstance(value, datetime):
            encoded[key] = {"datetime": value.isoformat()}
        elif isinstance(value, date):
            encoded[key] = {"date": value.isoformat()}
        else:
            encoded[key] = value
    return encoded


def _decode(context: dict) -> dict:
    decoded = {}
    for key, value in context.items():
        if isinstance(value, dict) and "datetime" in value:
            decoded[key] = datetime.fromisoformat(value["datetime"])
        elif isinstance(value, dict) and "date" in value:
            decoded[key] = date.fromisoformat(value["date"])
        else:
            decoded[key] = value
    return decoded


@transaction.atomic
def notify_later(
    *,
    user_ids: Iterable[int],
    template: str,
    context: dict,
    url: str = "",
    email: bool = True,
    job_uuid: str = "",
    sensitive: bool = False,
    expires_at: datetime | None = None,
) -> TaskResult:
    """Enqueue a notification to many people; the worker sends it in chunks. Checks
    everything now, so that a mistake shows where it was made, not in the worker. With
    `job_uuid` (from `anxin.core.jobs.job_create`) the job's page shows the progress.

    The people wait in the send's own table, not in the task's arguments (which the
    queue keeps after the task): the task carries the send's id only."""
    check_template(template)
    check_context(template, context)
    check_url(url)
    if sensitive:
        check_sensitive(context)
    users = get_user_model().objects.filter(pk__in={int(pk) for pk in user_ids}, is_active=True)
    ids = sorted(users.values_list("pk", flat=True))
    job = Job.objects.filter(uuid=job_uuid).first() if job_uuid else None
    send = BulkSend.objects.create(
        template=template,
        context=_encode(context),
        url=url,
        email=email,
        sensitive=sensitive,
        expires_at=sensitive_expiry(expires_at) if sensitive else expires_at,
        job=job,
        total=len(ids),
    )
    BulkRecipient.objects.bulk_create(
        [BulkRecipient(send=send, user_id=pk) for pk in ids], batch_size=1000
    )
    result = notify_task.enqueue(send_id=send.pk)
    if job is not None:
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    return result


def _send_chunk(send: BulkSend, context: dict) -> tuple[int, int]:
    """Notify the next chunk of people still waiting, and strike them off the list, in
    one transaction: either both happen or neither. Returns (people handled, notified)."""
    with transaction.atomic():
        # Two tries running at once (a worker taken for dead that was not) take
        # different people on PostgreSQL; SQLite runs one writer at a time anyway.
        pending = list(
            BulkRecipient.objects.select_for_update(skip_locked=True)
            .filter(send=send)
            .order_by("user_id")
            .values_list("pk", "user_id")[: max(1, settings.ANXIN_NOTIFY_CHUNK)]
        )
        if not pending:
            return 0, 0
        users = get_user_model().objects.filter(pk__in=[user for _pk, user in pending])
        created = notify(
            recipients=users.order_by("pk"),
            template=send.template,
            context=context,
            url=send.url,
            email=send.email,
            sensitive=send.sensitive,
            expires_at=send.expires_at,
        )
        BulkRecipient.objects.filter(pk__in=[pk for pk, _user in pending]).delete()
        BulkSend.objects.filter(pk=send.pk).update(delivered=F("delivered") + len(created))
        if send.job_id:
            job_progress(send.job.uuid, step=len(pending))
    return len(pending), len(created)


@task()
def notify_task(*, send_id: int) -> dict:
    """Notify the people of a `BulkSend`, `ANXIN_NOTIFY_CHUNK` at a time.

    Safe to run again: each chunk's inbox items, mail and the striking of its people off
    the list commit together, so a try that is killed leaves the rest of the list for the
    next one, which notifies nobody twice. The send, with what is left of its list, is
    deleted when the send ends; a sensitive send's task row goes too (`FORGET`)."""
    send = BulkSend.objects.select_related("job").filter(pk=send_id).first()
    if send is None:  # an earlier try finished it
        return {"notified": 0, FORGET: True}
    if send.job_id:
        job_start(send.job.uuid, total=send.total)
        job_progress(send.job.uuid, done=send.total - send.pending.count())
    context = _decode(send.context)
    pause = settings.ANXIN_NOTIFY_PAUSE_MS / 1000
    while True:
        handled, _notified = _send_chunk(send, context)
        if not handled:
            break
        if pause:
            time.sleep(pause)
    notified = BulkSend.objects.filter(pk=send.pk).values_list("delivered", flat=True).first()
    result = {"notified": notified or 0}
    with transaction.atomic():
        if send.job_id:
            job_finish(send.job.uuid, ok=True, result=result)
        BulkSend.objects.filter(pk=send.pk).delete()
    if send.sensitive:
        return {**result, FORGET: True}
    return result


@on_give_up(notify_task)
def notify_given_up(*, send_id: int) -> None:
    """The send was tried for the last time: its job says how far it got, and the list
    of the people not reached is deleted (they are not kept for a send that will not
    come)."""
    send = BulkSend.objects.filter(pk=send_id).first()
    if send is None:
        return
    with transaction.atomic():
        if send.job_id:
            Job.objects.filter(pk=send.job_id).update(
                result={"notified": send.delivered, "not_notified": send.pending.count()}
            )
        logger.error(
            "bulk send %s (%s) given up: %d notified, %d not",
            send.pk,
            send.template,
            send.delivered,
            send.pending.count(),
        )
        send.delete()
