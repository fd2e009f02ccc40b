"""What changes state in advice at fixed times: services from the plan, slots from the
weekly schedule, bookings with a sealed topic, cancellations and reminders.

Race-freedom, as for counselling appointments (counseling/booking/services.py): booking
locks the slot's row, and the partial unique constraint `advice_booking_one_per_slot` is
the last guard, so two employees never hold one slot. Generating slots is idempotent
through `advice_slot_unique_start`; a reminder is claimed by a conditional UPDATE, so two
runs never both send it.

Limits per employee (the plan's `advice.open_per_service` and `advice.per_year`, decision
0068) are checked with the employee's row locked, so that two bookings made at once by
one person cannot both pass. Closing a day locks the day's slots, so that a booking made
at the same moment either comes first (and is cancelled with the others) or is refused.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.core.sealed import seal_into
from anxin.people.models import Employee
from anxin.plans.config import Channel
from anxin.plans.models import ProgramPlan
from anxin.resources.advice.models import (
    AdviceBooking,
    AdviceClosure,
    AdviceRule,
    AdviceService,
    AdviceSlot,
)

WEEKDAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
TOPIC_MAX = 2000

REFUSALS = {
    "past": gettext_lazy(
        "This time has already passed. Please choose one of the times still open; what "
        "you wrote is kept below."
    ),
    "taken": gettext_lazy(
        "Sorry, someone booked this time a moment ago. Please choose another time; what "
        "you wrote is kept below."
    ),
    "closed": gettext_lazy("This advice service is no longer offered."),
    "not_cancellable": gettext_lazy("This booking can no longer be cancelled."),
    "reason": gettext_lazy("Please give the employee a reason for the cancellation."),
    "topic": gettext_lazy("Please say in a few words what you would like advice on."),
    "order": gettext_lazy("The end must be after the start."),
    "limit_open": gettext_lazy(
        "You already hold %(limit)s time(s) of this service still to come, as many as the "
        "programme allows. Cancel one, or book again after it; what you wrote is kept below."
    ),
    "limit_year": gettext_lazy(
        "You have booked %(limit)s advice time(s) this year, as many as the programme "
        "allows in a year. What you wrote is kept below."
    ),
    "day_closed": gettext_lazy(
        "There is no advice on that day any more. Please choose another time; what you "
        "wrote is kept below."
    ),
    "closure_reason": gettext_lazy("Please give a reason for closing the day (staff read it)."),
    "closure_past": gettext_lazy("A day that has passed cannot be closed."),
    "closure_twice": gettext_lazy("This day is already closed."),
}


def _refused(code: str, **values) -> Refused:
    message = REFUSALS[code]
    return Refused(code, message % values if values else message)


# --- services and their schedule ------------------------------------------------------------


def _parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@transaction.atomic
def advice_services_from_plan(*, plan: ProgramPlan) -> int:
    """Make an advice service for each channel the plan's `advice.services` names, with
    the channel's schedule as its weekly rules. Idempotent: a service already made from
    the channel is left as it stands (the EAP administrator may have changed it).
    Returns the number of services made."""
    settings = plan.advice_settings
    made = 0
    for channel in plan.advice_channels():
        service, created = AdviceService.objects.get_or_create(
            plan=plan,
            channel_key=channel.key,
            defaults={
                "name": channel.name,
                "provider": channel.provider,
                "source": channel.source,
                "slot_minutes": settings.slot_minutes,
            },
        )
        if not created:
            continue
        made += 1
        advice_rules_from_channel(service=service, channel=channel)
    return made


@transaction.atomic
def advice_rules_from_channel(*, service: AdviceService, channel: Channel) -> list[AdviceRule]:
    """The channel's schedule as the service's weekly rules (one per weekday named)."""
    return AdviceRule.objects.bulk_create(
        AdviceRule(
            service=service,
            weekday=WEEKDAY_NUMBERS[day],
            start=_parse_time(item.start),
            end=_parse_time(item.end),
            place=item.place or channel.name,
        )
        for item in channel.schedule
        for day in item.weekdays
    )


@transaction.atomic
def advice_rule_add(
    *, service: AdviceService, weekday: int, start: time, end: time, place: str
) -> AdviceRule:
    if end <= start:
        raise _refused("order")
    return AdviceRule.objects.create(
        service=service, weekday=weekday, start=start, end=end, place=place
    )


@transaction.atomic
def advice_rule_remove(*, rule: AdviceRule) -> None:
    """Remove a weekly time; slots already cut from it stay (they may be booked)."""
    rule.delete()


@transaction.atomic
def advice_service_update(
    *,
    service: AdviceService,
    name: str,
    provider: str,
    slot_minutes: int,
    advisers,
    active: bool,
    entry=None,
) -> AdviceService:
    """Save the service; `entry` is the directory's entry that describes it (or None)."""
    service.name = name
    service.provider = provider
    service.slot_minutes = slot_minutes
    service.is_active = active
    service.entry = entry
    service.save(update_fields=["name", "provider", "slot_minutes", "is_active", "entry"])
    service.advisers.set(advisers)
    return service


def _cut(rule: AdviceRule, day: date, minutes: int) -> list[tuple[datetime, datetime]]:
    """The whole slots of `minutes` that fit in the rule's hours on `day` (local time)."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, rule.start), tz)
    end = timezone.make_aware(datetime.combine(day, rule.end), tz)
    step = timedelta(minutes=minutes)
    times = []
    while start + step <= end:
        times.append((start, start + step))
        start += step
    return times


@transaction.atomic
def slots_generate(*, service: AdviceService, start: date, days: int, now: datetime) -> int:
    """Cut the service's weekly rules into slots for `days` days from `start`; slots that
    exist already, and times already begun, are skipped. Returns the number made."""
    if not service.is_active:
        return 0
    rules = list(service.rules.all())
    closed = set(
        service.closures.filter(day__gte=start, day__lt=start + timedelta(days=days)).values_list(
            "day", flat=True
        )
    )
    wanted: dict[datetime, tuple[datetime, str]] = {}
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day in closed:
            continue
        for rule in rules:
            if rule.weekday != day.weekday():
                continue
            for begins, ends in _cut(rule, day, service.slot_minutes):
                if begins > now:
                    wanted.setdefault(begins, (ends, rule.place))
    if not wanted:
        return 0
    existing = set(
        AdviceSlot.objects.filter(service=service, starts_at__in=list(wanted)).values_list(
            "starts_at", flat=True
        )
    )
    new = [
        AdviceSlot(service=service, starts_at=begins, ends_at=ends, place=place)
        for begins, (ends, place) in sorted(wanted.items())
        if begins not in existing
    ]
    # A generator running at the same time makes the same rows: the constraint keeps one.
    AdviceSlot.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def plans_in_force(today: date):
    return ProgramPlan.objects.filter(period_start__lte=today + timedelta(days=1)).exclude(
        period_end__lt=today
    )


@dataclass(frozen=True)
class SyncResult:
    services: int
    slots: int


def advice_plan_sync(*, plan: ProgramPlan, now: datetime) -> SyncResult:
    """The plan's services (made once from its channels), then their slots for the plan's
    `weeks_ahead` weeks. Idempotent: what the EAP administrator and `run-due` call."""
    services = advice_services_from_plan(plan=plan)
    weeks = plan.advice_settings.weeks_ahead
    today = timezone.localtime(now).date()
    slots = 0
    for service in AdviceService.objects.filter(plan=plan, is_active=True).order_by("pk"):
        slots += slots_generate(service=service, start=today, days=7 * weeks, now=now)
    return SyncResult(services=services, slots=slots)


# --- bookings -------------------------------------------------------------------------------


@transaction.atomic
def advice_book(*, slot: AdviceSlot, employee: Employee, topic: str, actor) -> AdviceBooking:
    """Book `slot` for `employee` with `topic` sealed. Refused ("past") once the slot has
    begun, ("taken") when someone holds it, ("closed") for a service no longer offered,
    ("day_closed") on a closed day, ("limit_open", "limit_year") past the plan's limits."""
    topic = topic.strip()
    if not topic:
        raise _refused("topic")
    # The employee's row first (his or her bookings made at once queue here, so that the
    # limits hold), then the slot's (every booking of this slot queues there).
    list(Employee.objects.select_for_update().filter(pk=employee.pk).values_list("pk", flat=True))
    slot = (
        AdviceSlot.objects.select_for_update(of=("self",))
        .select_related("service__plan")
        .get(pk=slot.pk)
    )
    if not slot.service.is_active:
        raise _refused("closed")
    if slot.closure_id is not None:
        raise _refused("day_closed")
    if slot.starts_at <= timezone.now():
        raise _refused("past")
    if slot.bookings.filter(status=AdviceBooking.Status.BOOKED).exists():
        raise _refused("taken")
    _check_limits(slot, employee)
    booking = AdviceBooking(slot=slot, employee=employee)
    seal_into(booking, "topic", topic[:TOPIC_MAX])
    try:
        with transaction.atomic():
            booking.save(force_insert=True)
    except IntegrityError:
        raise _refused("taken") from None
    return booking


def _check_limits(slot: AdviceSlot, employee: Employee) -> None:
    """The plan's limits per employee: times of one service still to come, and times
    booked in the slot's calendar year across the plan's services (cancelled ones do not
    count)."""
    settings = slot.service.plan.advice_settings
    held = AdviceBooking.objects.filter(employee=employee, status=AdviceBooking.Status.BOOKED)
    open_here = held.filter(slot__service=slot.service, slot__starts_at__gt=timezone.now())
    if open_here.count() >= settings.open_per_service:
        raise _refused("limit_open", limit=settings.open_per_service)
    if settings.per_year:
        year = timezone.localtime(slot.starts_at).year
        tz = timezone.get_current_timezone()
        begins = timezone.make_aware(datetime(year, 1, 1), tz)
        ends = timezone.make_aware(datetime(year + 1, 1, 1), tz)
        in_year = held.filter(
            slot__service__plan=slot.service.plan,
            slot__starts_at__gte=begins,
            slot__starts_at__lt=ends,
        )
        if in_year.count() >= settings.per_year:
            raise _refused("limit_year", limit=settings.per_year)


def _lock(booking: AdviceBooking) -> AdviceBooking:
    return (
        AdviceBooking.objects.select_for_update(of=("self",))
        .select_related("slot__service", "employee__user")
        .get(pk=booking.pk)
    )


@transaction.atomic
def advice_cancel(*, booking: AdviceBooking, actor) -> AdviceBooking:
    """The employee cancels a booked time that has not begun; the slot is free again."""
    booking = _lock(booking)
    if not booking.is_booked or booking.slot.starts_at <= timezone.now():
        raise _refused("not_cancellable")
    booking.status = AdviceBooking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = actor
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    return booking


@transaction.atomic
def advice_cancel_by_adviser(*, booking: AdviceBooking, actor, reason: str) -> AdviceBooking:
    """The adviser cancels with a reason, shown to the employee in Anxin; the notice says
    only that the time was cancelled (service, day, time), never the topic or the
    reason. The slot is free again."""
    reason = reason.strip()
    if not reason:
        raise _refused("reason")
    booking = _lock(booking)
    if not booking.is_booked or booking.slot.starts_at <= timezone.now():
        raise _refused("not_cancellable")
    booking.status = AdviceBooking.Status.CANCELLED_BY_ADVISER
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = actor
    booking.cancel_reason = reason[:300]
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    user = booking.employee.user
    if user is not None:
        notify(
            recipients=[user],
            template="advice_cancelled",
            context=_when_and_where(booking.slot),
            url=reverse("resources:advice_home"),
        )
    return booking


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


@transaction.atomic
def advice_day_close(
    *, service: AdviceService, day: date, reason: str, actor, now: datetime
) -> tuple[AdviceClosure, int]:
    """Close `day` for `service`: its slots are never offered again (nor cut again), the
    bookings of times not yet begun are cancelled and their employees told (service,
    day, time, place: neither the topic nor the reason, which is for staff). Returns the
    closure and the number of bookings cancelled."""
    reason = reason.strip()
    if not reason:
        raise _refused("closure_reason")
    if day < timezone.localtime(now).date():
        raise _refused("closure_past")
    if AdviceClosure.objects.filter(service=service, day=day).exists():
        raise _refused("closure_twice")
    try:
        with transaction.atomic():
            closure = AdviceClosure.objects.create(
                service=service, day=day, reason=reason[:300], closed_by=actor
            )
    except IntegrityError:
        raise _refused("closure_twice") from None
    start, end = _day_bounds(day)
    # The day's slots first, as a booking does: one made at this moment waits, then
    # finds its slot closed.
    slot_ids = list(
        AdviceSlot.objects.select_for_update()
        .filter(service=service, starts_at__gte=start, starts_at__lt=end)
        .values_list("pk", flat=True)
    )
    AdviceSlot.objects.filter(pk__in=slot_ids).update(closure=closure)
    bookings = list(
        AdviceBooking.objects.select_for_update(of=("self",))
        .filter(slot_id__in=slot_ids, status=AdviceBooking.Status.BOOKED, slot__starts_at__gt=now)
        .select_related("slot__service", "employee__user")
        .order_by("slot__starts_at", "pk")
    )
    for booking in bookings:
        booking.status = AdviceBooking.Status.DAY_CLOSED
        booking.cancelled_at = now
        booking.cancelled_by = actor
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        user = booking.employee.user
        if user is not None:
            notify(
                recipients=[user],
                template="advice_day_closed",
                context=_when_and_where(booking.slot),
                url=reverse("resources:advice_home"),
            )
    return closure, len(bookings)


def _when_and_where(slot: AdviceSlot) -> dict:
    local = timezone.localtime(slot.starts_at)
    return {
        "service": slot.service.name,
        "day": format_long(local),
        "time": f"{local:%H:%M}",
        "place": slot.place,
    }


# --- reminders ------------------------------------------------------------------------------


def bookings_to_remind(now: datetime):
    """Booked times of tomorrow (local date) not yet reminded."""
    start, end = _day_bounds(timezone.localtime(now).date() + timedelta(days=1))
    return AdviceBooking.objects.filter(
        status=AdviceBooking.Status.BOOKED,
        reminded_at__isnull=True,
        slot__starts_at__gte=start,
        slot__starts_at__lt=end,
    )


def advice_remind(*, booking: AdviceBooking, now: datetime) -> bool:
    """Send the day-before reminder once: the row is claimed by a conditional UPDATE in
    the transaction that queues the notice. Service, time and place only: no topic."""
    with transaction.atomic():
        claimed = AdviceBooking.objects.filter(
            pk=booking.pk, reminded_at__isnull=True, status=AdviceBooking.Status.BOOKED
        ).update(reminded_at=now)
        if not claimed:
            return False
        booking = AdviceBooking.objects.select_related("slot__service", "employee__user").get(
            pk=booking.pk
        )
        user = booking.employee.user
        if user is not None:
            notify(
                recipients=[user],
                template="advice_reminder",
                context=_when_and_where(booking.slot),
                url=reverse("resources:advice_home"),
            )
    return True


# --- retention ------------------------------------------------------------------------------

# How long a booking's topic is kept after its time (decision 0075): long enough for the
# adviser's follow-up of that meeting, then emptied. The booking row stays, without the
# topic, for hr's counts.
KEEP_TOPICS = timedelta(days=90)


def advice_topics_purge(*, now: datetime) -> int:
    """Empty the sealed topic of every booking whose time began more than KEEP_TOPICS
    before `now` (booked, cancelled or not); how many topics were emptied."""
    old = AdviceBooking.objects.filter(slot__starts_at__lt=now - KEEP_TOPICS).exclude(topic="")
    return old.update(topic="")
