"""What changes state in booking: rooms, slots, appointments, and the quota ledger.

Race-freedom: publishing a slot locks the counsellor's user row and the room's row while
it looks for overlaps (on SQLite the IMMEDIATE transaction serialises writers anyway);
booking locks the slot's row and the employee's row, and the partial unique constraint
`appointment_one_active_per_slot` is the last guard: two employees never hold one slot.
"""

import base64
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext, gettext_lazy

from anxin.core.notifications import language_of, notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long, roc_year
from anxin.counseling.booking.models import Appointment, QuotaEntry, Room, Slot
from anxin.counseling.models import Case, Mode
from anxin.counseling.policies import coordinators_for
from anxin.people.models import Employee, User

HOUR = Decimal("0.01")


# What a refused booking or slot says, by the refusal's code.
REFUSALS = {
    "order": gettext_lazy("The end must be after the start."),
    "past": gettext_lazy("This time has already passed: choose a time in the future."),
    "room_required": gettext_lazy("A face-to-face session needs a room."),
    "room_inactive": gettext_lazy("This room is no longer in use."),
    "overlap": gettext_lazy("You already offer a time that overlaps this one."),
    "room_taken": gettext_lazy("This room is already taken at that time."),
    "room_exists": gettext_lazy("A room with this name exists already."),
    "taken": gettext_lazy(
        "Sorry, this time was just taken by someone else. Please choose another one."
    ),
    "closed": gettext_lazy("This case is closed."),
    "counselor": gettext_lazy("Choose one of the times listed."),
    "not_cancellable": gettext_lazy("This appointment can no longer be cancelled."),
    "not_markable": gettext_lazy("Attendance cannot be recorded for this appointment."),
    "future": gettext_lazy("Attendance is recorded once the session has begun."),
    "decided": gettext_lazy("This request has already been decided."),
}


def _refused(code: str) -> Refused:
    return Refused(code, REFUSALS[code])


# --- rooms ----------------------------------------------------------------------------------


@transaction.atomic
def room_create(*, authority, name: str, location: str) -> Room:
    if Room.objects.filter(authority=authority, name=name).exists():
        raise _refused("room_exists")
    return Room.objects.create(authority=authority, name=name, location=location)


@transaction.atomic
def room_set_active(*, room: Room, active: bool) -> Room:
    room.is_active = active
    room.save(update_fields=["is_active"])
    return room


# --- slots ----------------------------------------------------------------------------------


def overlapping(queryset, starts_at: datetime, ends_at: datetime):
    return queryset.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


@transaction.atomic
def slot_publish(
    *, counselor, starts_at: datetime, ends_at: datetime, mode: str, room: Room | None
) -> Slot:
    """Offer a time. Refused in the past, when it overlaps one of the
    counsellor's own slots, or when the room is taken at that time by anyone."""
    if ends_at <= starts_at:
        raise _refused("order")
    if starts_at <= timezone.now():
        raise _refused("past")
    if mode == Mode.FACE_TO_FACE and room is None:
        raise _refused("room_required")
    if mode != Mode.FACE_TO_FACE:
        room = None
    # Locks: one publisher at a time per counsellor and per room.
    User.objects.select_for_update().filter(pk=counselor.pk).first()
    if room is not None:
        room = Room.objects.select_for_update().get(pk=room.pk)
        if not room.is_active:
            raise _refused("room_inactive")
    if overlapping(Slot.objects.filter(counselor=counselor), starts_at, ends_at).exists():
        raise _refused("overlap")
    if room is not None and overlapping(room.slots.all(), starts_at, ends_at).exists():
        raise _refused("room_taken")
    return Slot.objects.create(
        counselor=counselor, starts_at=starts_at, ends_at=ends_at, mode=mode, room=room
    )


def slot_hours(slot: Slot) -> Decimal:
    seconds = Decimal((slot.ends_at - slot.starts_at).total_seconds())
    return (seconds / Decimal(3600)).quantize(HOUR, rounding=ROUND_HALF_UP)


def slot_day(slot: Slot) -> date:
    return timezone.localtime(slot.starts_at).date()


def slot_label(case: Case, slot: Slot) -> str:
    """A ledger entry's source: the case code and the session's date and time."""
    local = timezone.localtime(slot.starts_at)
    return f"{case.code} {format_long(local)} {local:%H:%M}"


# --- the quota ledger -----------------------------------------------------------------------


def quota_used(*, employee, plan, on: date) -> Decimal:
    total = QuotaEntry.objects.filter(employee=employee, plan=plan, year=roc_year(on)).aggregate(
        total=Sum("hours")
    )["total"]
    return total or Decimal("0")


def quota_remaining(*, employee, plan, on: date) -> Decimal | None:
    """Hours left in the plan year of `on` (ROC year), across every channel; None when
    the plan sets no quota."""
    allowed = plan.free_counselling_hours
    if allowed is None:
        return None
    return Decimal(allowed) - quota_used(employee=employee, plan=plan, on=on)


@dataclass(frozen=True)
class QuotaSummary:
    """An employee's free counselling hours in the plan year (ROC) of a day: what the plan
    allows (None: no quota), what the ledger has used, what is left."""

    year: int
    allowed: int | None
    used: Decimal
    remaining: Decimal | None


def quota_summary(*, employee, plan, on: date) -> QuotaSummary | None:
    """The quota as the employee's pages show it; None without a plan. One query."""
    if plan is None:
        return None
    allowed = plan.free_counselling_hours
    used = quota_used(employee=employee, plan=plan, on=on)
    remaining = None if allowed is None else Decimal(allowed) - used
    return QuotaSummary(year=roc_year(on), allowed=allowed, used=used, remaining=remaining)


def quota_entries(*, employee, plan, on: date):
    """The ledger entries of the plan year (ROC) of `on`, oldest first."""
    return QuotaEntry.objects.filter(employee=employee, plan=plan, year=roc_year(on)).order_by(
        "created_at", "pk"
    )


@transaction.atomic
def quota_charge(
    *,
    employee,
    plan,
    on: date,
    hours: Decimal,
    source_kind: str,
    source_uuid,
    label: str,
    actor,
    reason: str = "",
    approved_by=None,
) -> QuotaEntry:
    """Write one ledger entry: `hours` (negative to give hours back) from the session,
    call or reply named by `source_kind`, `source_uuid` and `label` (e.g. the case code
    and date). It records what happened and never refuses: callers that must stay within
    the quota ask `quota_remaining()` first, under a lock on the employee's row."""
    return QuotaEntry.objects.create(
        employee=employee,
        plan=plan,
        year=roc_year(on),
        hours=Decimal(hours).quantize(HOUR),
        source_kind=source_kind,
        source_uuid=source_uuid,
        label=label[:120],
        reason=reason[:500],
        approved_by=approved_by,
        created_by=actor,
    )


def _charge_appointment(appointment: Appointment, *, actor, reason: str = "", approved_by=None):
    slot = appointment.slot
    return quota_charge(
        employee=appointment.employee,
        plan=appointment.case.plan,
        on=slot_day(slot),
        hours=slot_hours(slot),
        source_kind=QuotaEntry.SourceKind.APPOINTMENT,
        source_uuid=appointment.uuid,
        label=slot_label(appointment.case, slot),
        actor=actor,
        reason=reason,
        approved_by=approved_by,
    )


def _give_back(appointment: Appointment, *, actor, reason: str) -> QuotaEntry | None:
    """Return the hours charged for this appointment (if any are still charged)."""
    charged = QuotaEntry.objects.filter(
        source_kind=QuotaEntry.SourceKind.APPOINTMENT, source_uuid=appointment.uuid
    ).aggregate(total=Sum("hours"))["total"]
    if not charged:
        return None
    slot = appointment.slot
    return quota_charge(
        employee=appointment.employee,
        plan=appointment.case.plan,
        on=slot_day(slot),
        hours=-charged,
        source_kind=QuotaEntry.SourceKind.APPOINTMENT,
        source_uuid=appointment.uuid,
        label=slot_label(appointment.case, slot),
        actor=actor,
        reason=reason,
    )


# --- appointments ---------------------------------------------------------------------------


def slot_is_free(slot: Slot) -> bool:
    return not slot.appointments.filter(status__in=Appointment.ACTIVE).exists()


@transaction.atomic
def appointment_book(*, case: Case, slot: Slot, actor) -> Appointment:
    """Book `slot` for the employee of `case`. Refused ("taken") when
    someone else holds the slot, ("past") when it has started, ("closed") for a closed
    case, ("counselor") for another counsellor's slot. Within the quota the slot's hours
    are charged at once; past it the appointment waits for the coordinator (status
    AWAITING_APPROVAL), who is told that a request is waiting."""
    if case.is_closed:
        raise _refused("closed")
    # The slot's row first: every booking of this slot queues here.
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.counselor_id != case.counselor_id:
        raise _refused("counselor")
    if slot.starts_at <= timezone.now():
        raise _refused("past")
    if not slot_is_free(slot):
        raise _refused("taken")
    # The employee's row: two bookings of one employee do not both fit in the last hours.
    employee = Employee.objects.select_for_update().get(pk=case.employee_id)
    remaining = quota_remaining(employee=employee, plan=case.plan, on=slot_day(slot))
    over = remaining is not None and slot_hours(slot) > remaining
    status = Appointment.Status.AWAITING_APPROVAL if over else Appointment.Status.BOOKED
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                slot=slot, case=case, employee=employee, status=status
            )
    except IntegrityError:
        raise _refused("taken") from None
    if over:
        notify(
            recipients=coordinators_for(employee),
            template="generic",
            context={
                # Lazy: each coordinator reads it in his or her own language.
                "subject": gettext_lazy("A booking past the yearly quota is waiting"),
                "body": gettext_lazy("A booking past the yearly quota waits for your decision."),
            },
            url=reverse("counseling:booking_approvals"),
        )
    else:
        _charge_appointment(appointment, actor=actor)
    return appointment


def _lock(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update()
        .select_related("slot", "case__plan", "employee")
        .get(pk=appointment.pk)
    )


def is_late(appointment: Appointment, now: datetime | None = None) -> bool:
    """Would cancelling now be late under the plan's rule?"""
    now = now or timezone.now()
    hours = appointment.case.plan.booking_rules.cancel_hours_before
    return now > appointment.slot.starts_at - timedelta(hours=hours)


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, actor) -> Appointment:
    """The employee cancels. In time (the plan's `cancel_hours_before`), the hours go back
    to the quota; later, they stay charged if the plan says a late cancellation counts."""
    appointment = _lock(appointment)
    if appointment.status not in (
        Appointment.Status.BOOKED,
        Appointment.Status.AWAITING_APPROVAL,
    ):
        raise _refused("not_cancellable")
    if appointment.slot.starts_at <= timezone.now():
        raise _refused("past")
    rules = appointment.case.plan.booking_rules
    late = appointment.status == Appointment.Status.BOOKED and is_late(appointment)
    appointment.status = Appointment.Status.LATE_CANCELLED if late else Appointment.Status.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["status", "cancelled_at"])
    if not late:
        _give_back(appointment, actor=actor, reason=gettext("Cancelled in time"))
    elif not rules.late_cancel_counts:
        _give_back(
            appointment,
            actor=actor,
            reason=gettext("Cancelled late; the plan does not count late cancellations"),
        )
    return appointment


@transaction.atomic
def appointment_mark(*, appointment: Appointment, attended: bool, actor) -> Appointment:
    """The counsellor records whether the employee came, once the session has begun. A
    no-show gives the hours back unless the plan counts no-shows."""
    appointment = _lock(appointment)
    if appointment.status not in (
        Appointment.Status.BOOKED,
        Appointment.Status.ATTENDED,
        Appointment.Status.NO_SHOW,
    ):
        raise _refused("not_markable")
    if appointment.slot.starts_at > timezone.now():
        raise _refused("future")
    new = Appointment.Status.ATTENDED if attended else Appointment.Status.NO_SHOW
    if appointment.status == new:
        return appointment
    counts = appointment.case.plan.booking_rules.no_show_counts
    if new == Appointment.Status.NO_SHOW and not counts:
        _give_back(
            appointment, actor=actor, reason=gettext("Did not come; the plan does not count it")
        )
    elif appointment.status == Appointment.Status.NO_SHOW and not counts:
        # Corrected from no-show to attended: charge again what was given back.
        _charge_appointment(appointment, actor=actor, reason=gettext("Attended after all"))
    appointment.status = new
    appointment.save(update_fields=["status"])
    return appointment


@transaction.atomic
def appointment_decide(*, appointment: Appointment, approve: bool, reason: str, actor):
    """The coordinator's decision on a booking past the quota: approved, the slot is
    booked and its hours charged with the approver and the reason; declined, the slot is
    free again. The employee is told in the inbox."""
    appointment = _lock(appointment)
    if appointment.status != Appointment.Status.AWAITING_APPROVAL:
        raise _refused("decided")
    appointment.status = Appointment.Status.BOOKED if approve else Appointment.Status.DECLINED
    appointment.decided_by = actor
    appointment.decided_at = timezone.now()
    appointment.decision_reason = reason
    appointment.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if approve:
        _charge_appointment(appointment, actor=actor, reason=reason, approved_by=actor)
    user = appointment.employee.user
    if user is not None:
        with translation.override(language_of(user)):
            subject = (
                gettext("Your booking past the quota was approved")
                if approve
                else gettext("Your booking past the quota was declined")
            )
        notify(
            recipients=[user],
            template="generic",
            context={"subject": subject},
            url=reverse("counseling:booking_home"),
            email=False,
        )
    return appointment


# --- reminders ------------------------------------------------------------------------------


def place_of(slot: Slot) -> str:
    """Where: the room and its location, or how (telephone, video)."""
    if slot.room is not None:
        return f"{slot.room.name}（{slot.room.location}）"
    return str(Mode(slot.mode).label)


# --- the leave slip (decision 0040) ------------------------------------------------------------


def leave_slip_place(slot: Slot) -> str:
    """Where, as a leave approver is told it: no room name (「諮商室一」 says what the
    leave is for), only whether the employee goes out. No plan names a place for leave
    purposes, so the wording is neutral."""
    if slot.room is not None:
        return gettext("A place designated by the Employee Assistance Programme")
    return gettext("By telephone or video, no need to go out")


def _leave_slip_digest(appointment: Appointment) -> str:
    slot = appointment.slot
    value = "|".join(
        (
            str(appointment.uuid),
            slot.starts_at.isoformat(),
            slot.ends_at.isoformat(),
            appointment.employee.name,
        )
    )
    digest = salted_hmac("anxin.counseling.leave-slip", value).digest()
    return base64.b32encode(digest).decode()[:8]


def leave_slip_code(appointment: Appointment) -> str:
    """The slip's verification code (XXXX-XXXX): an HMAC of the appointment, its times
    and the name, so that a slip whose time or name was altered does not match."""
    code = _leave_slip_digest(appointment)
    return f"{code[:4]}-{code[4:]}"


def leave_slip_matches(appointment: Appointment, code: str) -> bool:
    """Does `code` (any case, with or without the hyphen) belong to this appointment as
    it stands?"""
    typed = "".join(code.split()).replace("-", "").upper()
    return constant_time_compare(typed, _leave_slip_digest(appointment))


def leave_slip_find(appointments, code: str) -> Appointment | None:
    """The appointment among `appointments` (one day's, in the checker's scope) whose
    slip carries `code`, if any."""
    return next((a for a in appointments if leave_slip_matches(a, code)), None)


def appointments_to_remind(now: datetime):
    """Booked appointments of tomorrow (local date) not yet reminded."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    return Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        reminded_at__isnull=True,
        slot__starts_at__gte=start,
        slot__starts_at__lt=start + timedelta(days=1),
    )


def appointment_remind(*, appointment: Appointment, now: datetime) -> bool:
    """Send the day-before reminder once: the row is claimed by a conditional UPDATE in
    the transaction that queues the notice, so two runs never both send. Time and place
    only: no counsellor, no concern, no content."""
    with transaction.atomic():
        claimed = Appointment.objects.filter(
            pk=appointment.pk, reminded_at__isnull=True, status=Appointment.Status.BOOKED
        ).update(reminded_at=now)
        if not claimed:
            return False
        appointment = Appointment.objects.select_related("slot__room", "employee__user").get(
            pk=appointment.pk
        )
        user = appointment.employee.user
        if user is None:
            return True
        slot = appointment.slot
        local = timezone.localtime(slot.starts_at)
        with translation.override(language_of(user)):
            subject = gettext("Reminder: your counselling appointment tomorrow")
            body = gettext("Your appointment is on %(day)s at %(time)s. Place: %(place)s.") % {
                "day": format_long(local),
                "time": f"{local:%H:%M}",
                "place": place_of(slot),
            }
        notify(
            recipients=[user],
            template="generic",
            context={"subject": subject, "body": body},
            url=reverse("counseling:booking_home"),
        )
    return True
