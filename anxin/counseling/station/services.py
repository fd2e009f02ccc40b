"""What changes state at the e-mail station and in the hotline log. Each write is
keyword-only and atomic; sealed text goes in through `seal_into()` and comes out only
through `read_sealed_fields()`, logged against the employee's file (or the thread's or
call's own uuid when the writer or caller is anonymous).

`thread_reply()` and `call_record()` are the one place where a reply or a call is
recorded: the yearly quota ledger hooks in there.
"""

import hashlib
import re
import secrets
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.audit import read_sealed_fields
from anxin.core.locking import StaleEdit
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.core.sealed import seal_into
from anxin.counseling.booking.services import quota_charge
from anxin.counseling.policies import PURPOSE_CARE, coordinators_for, role_holders
from anxin.counseling.station.models import HotlineCall, StationMessage, StationThread
from anxin.people.models import User
from anxin.people.roles import Role
from anxin.plans.config import ChannelKind
from anxin.plans.models import ProgramPlan

PURPOSE_SELF = "self_view"
MAX_MESSAGE_LENGTH = 5000
WRITER_ACTOR = "station-writer"  # the access log's actor for an anonymous writer
RISK_PHRASES_FILE = Path(__file__).with_name("risk_phrases.txt")


# A closed conversation takes no further message.
THREAD_CLOSED = _(
    "This conversation is closed and takes no further message. What you typed is below."
)
# Someone assigned, answered or closed the conversation, or its writer wrote again, after
# the page was opened (invariant 11): refused as a stale edit, nothing saved.
THREAD_CHANGED = _(
    "Someone else changed this conversation after you opened it: it was assigned, "
    "answered or closed, or its writer wrote again. Nothing was saved: reload the page "
    "to see it as it is now."
)


def _lock(thread: StationThread, *, related: tuple = ()) -> StationThread:
    """The conversation's row, locked until the transaction ends."""
    query = StationThread.objects.select_for_update(of=("self",)).select_related(*related)
    return query.get(pk=thread.pk)


def _check_version(thread: StationThread, expected_version: int) -> None:
    if thread.version != expected_version:
        raise StaleEdit(THREAD_CHANGED)


# --- plan settings -----------------------------------------------------------------------


def station_channel(plan):
    """The plan's e-mail station channel, or None when the plan has none."""
    if plan is None:
        return None
    return next((ch for ch in plan.channels if ch.kind == ChannelKind.EMAIL_STATION), None)


def hotline_minutes(plan) -> int | None:
    """The usual length of a call on the plan's hotline (Taoyuan: about 30 minutes)."""
    line = next((ch for ch in plan.channels if ch.kind == ChannelKind.HOTLINE), None)
    return line.call_minutes if line else None


def reply_due(plan, received_at: datetime) -> datetime:
    """The end of the reply deadline for a message received at `received_at`.

    As in the Administrative Procedure Act §48, the day of receipt is not counted and the
    period ends at the end of its last day (Asia/Taipei). With `reply_days_basis: working`
    Saturdays and Sundays are skipped (public holidays are not modelled yet); `calendar`
    counts every day, the stricter reading."""
    channel = station_channel(plan)
    days = channel.reply_days
    day: date = timezone.localtime(received_at).date()
    if channel.reply_days_basis == "working":
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if day.weekday() < 5:
                counted += 1
    else:
        day += timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


# --- risk phrases ------------------------------------------------------------------------


@cache
def risk_phrases() -> tuple[str, ...]:
    lines = RISK_PHRASES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(
        re.sub(r"\s+", "", line) for line in lines if line.strip() and not line.startswith("#")
    )


def shows_risk(text: str) -> bool:
    """Does the text contain a phrase of the risk list (spaces and line breaks ignored)?"""
    squeezed = re.sub(r"\s+", "", text)
    return any(phrase in squeezed for phrase in risk_phrases())


# --- tokens --------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def thread_by_token(token: str) -> StationThread | None:
    if not token or len(token) > 100:
        return None
    return (
        StationThread.objects.select_related("plan", "employee")
        .filter(token_hash=token_hash(token))
        .first()
    )


# --- coordinators --------------------------------------------------------------------------


def thread_coordinators(thread: StationThread):
    """The coordinators who see this conversation: those above the employee's unit, or
    for an anonymous writer those above the plan's authority."""
    if thread.employee_id:
        return coordinators_for(thread.employee)
    return role_holders(Role.INTAKE, thread.plan.authority)


def _tell_coordinators(thread: StationThread) -> None:
    notify(
        recipients=thread_coordinators(thread),
        template="generic",
        context={
            "subject": _("A new e-mail station message is waiting"),
            "body": _("A new message is waiting in the e-mail station inbox."),
        },
        url=reverse("counseling:station_inbox"),
    )


# --- writing -------------------------------------------------------------------------------


def _add_message(thread: StationThread, *, side: str, author, body: str) -> StationMessage:
    message = StationMessage(thread=thread, side=side, author=author)
    seal_into(message, "body", body)
    message.save()
    return message


@transaction.atomic
def thread_start(*, plan, employee, body: str, now: datetime | None = None):
    """Open a conversation with the writer's first message; returns (thread, raw token).
    The raw token is shown once to the writer and kept only as a hash. The coordinators
    are told that a message waits (no content, no name); nobody in the employee's chain
    is told (invariant 4)."""
    if station_channel(plan) is None:
        raise ValueError(f"{plan.slug} has no e-mail station")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    thread = StationThread.objects.create(
        plan=plan,
        employee=employee,
        token_hash=token_hash(token),
        received_at=now,
        due_at=reply_due(plan, now),
        risk_flag=shows_risk(body),
    )
    _add_message(thread, side=StationMessage.Side.WRITER, author=None, body=body)
    _tell_coordinators(thread)
    return thread, token


@transaction.atomic
def thread_write_again(
    *, thread: StationThread, body: str, author=None, now: datetime | None = None
) -> StationMessage:
    """The writer's further message. If the last one was answered, a new reply deadline
    runs from now; risk phrases flag the conversation."""
    thread = _lock(thread, related=("plan",))
    if thread.is_closed:
        raise Refused("thread_closed", THREAD_CLOSED)
    now = now or timezone.now()
    message = _add_message(thread, side=StationMessage.Side.WRITER, author=author, body=body)
    # A new message changes what a counsellor replying or closing has read.
    thread.version += 1
    fields = ["risk_flag", "version"]
    if not thread.awaiting_reply:
        thread.awaiting_reply = True
        thread.due_at = reply_due(thread.plan, now)
        thread.warned_soon_at = thread.warned_overdue_at = None
        fields += ["awaiting_reply", "due_at", "warned_soon_at", "warned_overdue_at"]
    thread.risk_flag = thread.risk_flag or shows_risk(body)
    thread.save(update_fields=fields)
    if thread.counselor_id:
        notify(
            recipients=[thread.counselor],
            template="generic",
            context={
                "subject": _("A new e-mail station message is waiting"),
                "body": _("The writer of a conversation assigned to you has written again."),
            },
            url=thread.get_absolute_url(),
            email=False,
        )
    return message


@transaction.atomic
def thread_assign(
    *, thread: StationThread, counselor, actor, expected_version: int
) -> StationThread:
    """Give the conversation to a counsellor and tell him or her (no content). Two
    coordinators assigning at once: the second is refused (StaleEdit), never a
    silent reassignment."""
    thread = _lock(thread)
    if thread.is_closed:
        raise Refused("thread_closed", THREAD_CLOSED)
    _check_version(thread, expected_version)
    thread.counselor = counselor
    thread.version += 1
    thread.save(update_fields=["counselor", "version"])
    notify(
        recipients=[counselor],
        template="generic",
        context={
            "subject": _("An e-mail station conversation has been assigned to you"),
            "body": _("An e-mail station conversation is waiting for your reply."),
        },
        url=thread.get_absolute_url(),
        email=False,
    )
    return thread


@transaction.atomic
def thread_reply(
    *, thread: StationThread, counselor, body: str, expected_version: int
) -> StationMessage:
    """The counsellor's reply: the one place where a station reply is recorded (the
    yearly quota ledger counts from here). A signed-in writer gets an inbox note; an
    anonymous one reads it through the private link. Refused (StaleEdit) when the
    writer wrote again or the conversation was reassigned or closed meanwhile."""
    thread = _lock(thread, related=("employee__user",))
    if thread.is_closed:
        raise Refused("thread_closed", THREAD_CLOSED)
    _check_version(thread, expected_version)
    if thread.counselor_id != counselor.pk:
        raise StaleEdit(THREAD_CHANGED)
    message = _add_message(thread, side=StationMessage.Side.COUNSELOR, author=counselor, body=body)
    thread.awaiting_reply = False
    thread.version += 1
    thread.save(update_fields=["awaiting_reply", "version"])
    if thread.employee_id and thread.plan.quota_counts("email_replies"):
        _charge(
            employee=thread.employee,
            plan=thread.plan,
            at=message.created_at,
            minutes=thread.plan.quota_email_reply_minutes,
            source_kind="email_reply",
            source_uuid=message.uuid,
            actor=counselor,
        )
    user = thread.employee.user if thread.employee_id else None
    if user is not None:
        notify(
            recipients=[user],
            template="generic",
            context={
                "subject": _("Your e-mail station message has been answered"),
                "body": _("A counsellor has answered your message at the e-mail station."),
            },
            url=reverse("counseling:station_mine_thread", args=[thread.uuid]),
            email=False,
        )
    return message


@transaction.atomic
def thread_close(*, thread: StationThread, expected_version: int) -> StationThread:
    """Close the conversation as the counsellor last saw it: refused (StaleEdit) if
    the writer wrote again, or someone reassigned or closed it, after the page opened."""
    thread = _lock(thread)
    _check_version(thread, expected_version)
    thread.status = StationThread.Status.CLOSED
    thread.awaiting_reply = False
    thread.version += 1
    thread.save(update_fields=["status", "awaiting_reply", "version"])
    return thread


# --- reading -------------------------------------------------------------------------------


def thread_read(*, thread: StationThread, actor, role: str, purpose: str) -> list[tuple]:
    """(message, text) pairs in order; each message's read is logged against the
    employee's file, or the thread's own uuid for an anonymous writer."""
    return [
        (
            message,
            read_sealed_fields(
                message,
                ("body",),
                actor=actor,
                role=role,
                purpose=purpose,
                subject_uuid=thread.subject_uuid,
            )["body"],
        )
        for message in thread.messages.all()
    ]


def thread_read_for_counselor(*, thread: StationThread, actor, role: str) -> list[tuple]:
    return thread_read(thread=thread, actor=actor, role=role, purpose=PURPOSE_CARE)


def thread_read_for_writer(*, thread: StationThread, user=None) -> list[tuple]:
    """The writer's own reading: logged as the signed-in employee on his or her own
    thread, else as the anonymous holder of the link (never as whoever is signed in)."""
    if user is None:
        return thread_read(thread=thread, actor=WRITER_ACTOR, role="", purpose=PURPOSE_SELF)
    return thread_read(thread=thread, actor=user, role=Role.EMPLOYEE, purpose=PURPOSE_SELF)


# --- the coordinators' warning --------------------------------------------------------------

WARN_BEFORE = timedelta(days=1)


@transaction.atomic
def deadlines_warn(*, now: datetime) -> tuple[int, int]:
    """Tell the coordinators of every open conversation awaiting a reply that is due
    within a day or overdue, once per stage and deadline; no content, only counts.
    Returns (due soon, overdue) numbers of conversations warned about."""
    waiting = StationThread.objects.filter(
        status=StationThread.Status.OPEN, awaiting_reply=True
    ).select_related("employee__unit", "plan__authority")
    overdue = list(waiting.filter(due_at__lt=now, warned_overdue_at__isnull=True))
    soon = list(
        waiting.filter(due_at__gte=now, due_at__lt=now + WARN_BEFORE, warned_soon_at__isnull=True)
    )
    counts: dict[int, list[int]] = {}
    people: dict[int, User] = {}
    for stage, threads in ((0, soon), (1, overdue)):
        for thread in threads:
            for user in thread_coordinators(thread):
                people[user.pk] = user
                counts.setdefault(user.pk, [0, 0])[stage] += 1
    for pk, (due_soon, late) in counts.items():
        notify(
            recipients=[people[pk]],
            template="generic",
            context={
                "subject": _("E-mail station deadlines"),
                "body": _(
                    "E-mail station conversations awaiting a reply: %(soon)d due within a "
                    "day, %(late)d overdue."
                )
                % {"soon": due_soon, "late": late},
            },
            url=reverse("counseling:station_inbox"),
        )
    StationThread.objects.filter(pk__in=[t.pk for t in soon]).update(warned_soon_at=now)
    StationThread.objects.filter(pk__in=[t.pk for t in overdue]).update(warned_overdue_at=now)
    return len(soon), len(overdue)


# --- the hotline log ----------------------------------------------------------------------


@transaction.atomic
def call_record(
    *,
    plan,
    counselor,
    employee,
    called_at: datetime,
    minutes: int,
    concern: str,
    outcome: str,
    note: str,
) -> HotlineCall:
    """Record a call: the one place where a hotline call is recorded (the yearly quota
    ledger counts from here). `employee` is None for an anonymous caller."""
    names = {area.key: area.name for area in plan.service_areas}
    if concern not in names:
        raise ValueError(f"{concern!r} is not a service area of {plan.slug}")
    call = HotlineCall(
        plan=plan,
        counselor=counselor,
        employee=employee,
        called_at=called_at,
        minutes=minutes,
        concern=concern,
        concern_name=names[concern],
        outcome=outcome,
    )
    seal_into(call, "note", note)
    call.save()
    if employee is not None and plan.quota_counts("calls"):
        _charge(
            employee=employee,
            plan=plan,
            at=called_at,
            minutes=minutes,
            source_kind="call",
            source_uuid=call.uuid,
            actor=counselor,
        )
    return call


def _charge(*, employee, plan, at: datetime, minutes: int, source_kind: str, source_uuid, actor):
    """The yearly quota ledger's entry for a reply or a call of an employee we know (an
    anonymous writer or caller has no ledger). A call or a reply is never refused for the
    quota: help on the line is not cut off; the ledger shows the time it took."""
    local = timezone.localtime(at)
    quota_charge(
        employee=employee,
        plan=plan,
        on=local.date(),
        hours=Decimal(minutes) / 60,
        source_kind=source_kind,
        source_uuid=source_uuid,
        label=f"{format_long(local)} {local:%H:%M}",
        actor=actor,
    )


def call_read(*, call: HotlineCall, actor, role: str) -> str:
    return read_sealed_fields(
        call,
        ("note",),
        actor=actor,
        role=role,
        purpose=PURPOSE_CARE,
        subject_uuid=call.subject_uuid,
    )["note"]


def _in_force_first(on: date):
    """Sort key: the plan `plan_for_employee` would choose comes first (the latest started
    whose period has not ended, else the latest started)."""

    def rank(plan) -> tuple:
        ended = plan.period_end is not None and plan.period_end < on
        return (ended, -plan.period_start.toordinal(), -plan.pk)

    return rank


def station_plans(on: date | None = None) -> list:
    """The plan in force of each authority, among those with an e-mail station: what an
    anonymous writer chooses from. One query."""
    on = on or timezone.localdate()
    current: dict = {}
    for plan in sorted(ProgramPlan.objects.filter(period_start__lte=on), key=_in_force_first(on)):
        current.setdefault(plan.authority_id, plan)
    return sorted(
        (plan for plan in current.values() if station_channel(plan) is not None),
        key=lambda plan: plan.name,
    )
