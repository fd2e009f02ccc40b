"""State changes of events: creating and publishing them, matching their audience and
registering people, with a waiting list that cannot be overfilled under a rush.

Every write runs inside `transaction.atomic`. Registration and cancellation lock the
event row (`select_for_update`) first, so that counting places and taking one happen for
one person at a time per event: 300 people trying for 35 places get exactly 35 places
and 265 waiting-list places (tests/events/test_rush.py, on PostgreSQL).
"""

import calendar
from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.locking import save_versioned
from anxin.events.models import Event, EventSession, Invitation, Registration
from anxin.people.models import Employee
from anxin.people.services import declaration_read, employees_declaring

# Fields of an event an organiser edits (the form's cleaned data carries these).
EDITABLE_FIELDS = [
    "kind", "title", "description", "materials", "facilitator", "capacity", "learning_hours",
    "registration_closes_at", "prerequisite", "audience_unit", "audience_categories",
    "audience_age_min", "audience_age_max", "audience_age_on", "audience_months_hired_min",
    "audience_months_hired_max", "audience_declared",
]  # fmt: skip


# --- dates ------------------------------------------------------------------------------


def _months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier (the month's last day if it has none)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reference_date(event: Event, sessions: list[EventSession] | None = None) -> date:
    """The day ages and months of service are reckoned on: the rule's own date, else the
    first session's day, else today."""
    if event.audience_age_on:
        return event.audience_age_on
    if sessions is None:
        sessions = list(event.sessions.all())
    if sessions:
        return timezone.localtime(sessions[0].starts_at).date()
    return timezone.localdate()


def first_start(event: Event) -> datetime | None:
    sessions = list(event.sessions.all())
    return sessions[0].starts_at if sessions else None


# --- audience ---------------------------------------------------------------------------


def audience_candidates(event: Event, *, on: date | None = None):
    """The active employees the open part of the rule matches (scope, staff category, age
    band, months since hiring), as one query. The sealed part is applied after."""
    on = on or reference_date(event)
    employees = Employee.objects.filter(
        is_active=True, user__isnull=False, **{"unit__path__startswith": event.audience_unit.path}
    )
    if event.audience_categories:
        employees = employees.filter(staff_category__in=event.audience_categories)
    # Age >= n on `on`: born on or before `on` n years earlier; age <= n: born after
    # `on` n + 1 years earlier.
    if event.audience_age_min is not None:
        employees = employees.filter(
            birth_date__lte=_months_before(on, 12 * event.audience_age_min)
        )
    if event.audience_age_max is not None:
        employees = employees.filter(
            birth_date__gt=_months_before(on, 12 * (event.audience_age_max + 1))
        )
    if event.audience_months_hired_min is not None:
        employees = employees.filter(
            hire_date__lte=_months_before(on, event.audience_months_hired_min)
        )
    if event.audience_months_hired_max is not None:
        employees = employees.filter(
            hire_date__gt=_months_before(on, event.audience_months_hired_max + 1)
        )
    return employees


def audience_match_ids(event: Event) -> set[int]:
    """The ids of the employees the whole rule matches. With sealed attributes, each
    declaration is read through the access log (purpose "targeting"); the caller uses the
    ids to invite and to count, never to show."""
    candidates = list(audience_candidates(event).only("pk", "uuid"))
    if not event.audience_declared:
        return {employee.pk for employee in candidates}
    matched: set[int] = set()
    for attribute in event.audience_declared:
        matched |= employees_declaring(attribute, candidates)
    return matched


def _plain_rule_matches(event: Event, employee: Employee, on: date) -> bool:
    """The open part of the rule for one employee, in Python (no query)."""
    if not employee.is_active or not employee.unit.path.startswith(event.audience_unit.path):
        return False
    if event.audience_categories and employee.staff_category not in event.audience_categories:
        return False
    if event.audience_age_min is not None and employee.birth_date > _months_before(
        on, 12 * event.audience_age_min
    ):
        return False
    if event.audience_age_max is not None and employee.birth_date <= _months_before(
        on, 12 * (event.audience_age_max + 1)
    ):
        return False
    if event.audience_months_hired_min is not None and employee.hire_date > _months_before(
        on, event.audience_months_hired_min
    ):
        return False
    return event.audience_months_hired_max is None or employee.hire_date > _months_before(
        on, event.audience_months_hired_max + 1
    )


def own_declared(employee: Employee, *, actor) -> set[str]:
    """The attributes the employee declared, read on his or her own behalf."""
    return set(declaration_read(employee=employee, actor=actor))


def eligible_events(
    events: Iterable[Event], employee: Employee, *, invited_ids: set[int], actor
) -> list[Event]:
    """Those of `events` the employee may register for: invited when published, or
    matched now by the rule (someone hired or declaring since). The employee's own
    declaration is read once, and only if some event's rule needs it."""
    events = list(events)
    declared: set[str] | None = None
    eligible = []
    for event in events:
        if event.pk in invited_ids:
            eligible.append(event)
            continue
        on = reference_date(event, list(event.sessions.all()))
        if not _plain_rule_matches(event, employee, on):
            continue
        if event.audience_declared:
            if declared is None:
                declared = own_declared(employee, actor=actor)
            if not declared & set(event.audience_declared):
                continue
        eligible.append(event)
    return eligible


def employee_eligible(event: Event, employee: Employee, *, actor) -> bool:
    invited = Invitation.objects.filter(event=event, employee=employee).exists()
    return bool(
        eligible_events(
            [event], employee, invited_ids={event.pk} if invited else set(), actor=actor
        )
    )


# --- organising -------------------------------------------------------------------------


def _check_capacity(event: Event, capacity: int) -> None:
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    if capacity < taken:
        raise ValidationError(
            _(
                "The capacity cannot be lower than the %(taken)d people already registered. "
                "Cancel registrations first, or keep a larger capacity."
            ),
            code="capacity_below_registrations",
            params={"taken": taken},
        )


@transaction.atomic
def event_create(*, actor, owner_unit, data: dict) -> Event:
    event = Event(owner_unit=owner_unit, created_by=actor)
    for name in EDITABLE_FIELDS:
        setattr(event, name, data[name])
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict, expected_version: int) -> Event:
    """Save the organiser's edits; refused (StaleEdit) if someone saved in between, and
    (ValidationError) if the capacity would fall below the people registered. A larger
    capacity on a published event moves people up from the waiting list."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _check_capacity(locked, data["capacity"])
    for name in EDITABLE_FIELDS:
        setattr(event, name, data[name])
    event.updated_at = timezone.now()
    save_versioned(
        event, expected_version=expected_version, fields=[*EDITABLE_FIELDS, "updated_at"]
    )
    if event.status == Event.Status.PUBLISHED:
        _promote(event)
    return event


@transaction.atomic
def session_add(
    *, event: Event, starts_at: datetime, ends_at: datetime, place: str = "", online_link: str = ""
) -> EventSession:
    if ends_at <= starts_at:
        raise ValidationError(
            _("A session must end after it starts."), code="session_ends_before_start"
        )
    return EventSession.objects.create(
        event=event, starts_at=starts_at, ends_at=ends_at, place=place, online_link=online_link
    )


@transaction.atomic
def session_remove(*, session: EventSession) -> None:
    session.delete()


@transaction.atomic
def event_publish(*, event: Event, actor, confirm_empty: bool = False) -> int:
    """Publish the event and invite the people its audience matches, by inbox and e-mail
    through the worker. The invitation says nothing about why the person was chosen; for
    an event over sealed attributes it does not even carry the title. An audience that
    matches nobody is refused unless the organiser confirms. Returns the number invited."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        raise ValidationError(_("This event has already been published."), code="not_draft")
    sessions = list(event.sessions.all())
    if not sessions:
        raise ValidationError(_("Add at least one session before publishing."), code="no_sessions")
    matched = audience_match_ids(event)
    if not matched and not confirm_empty:
        raise ValidationError(
            _(
                "The audience matches nobody at the moment. Change the audience, or confirm "
                "that you want to publish it anyway."
            ),
            code="audience_empty",
        )
    Invitation.objects.bulk_create(
        [Invitation(event=event, employee_id=pk) for pk in sorted(matched)], ignore_conflicts=True
    )
    event.status = Event.Status.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    user_ids = Employee.objects.filter(pk__in=matched, user__isnull=False).values_list(
        "user_id", flat=True
    )
    if matched:
        from anxin.core.notifications import notify_later

        notify_later(
            user_ids=list(user_ids),
            template="event_invitation",
            context={
                "title": "" if event.is_sensitive else event.title,
                "starts": timezone.localtime(sessions[0].starts_at).date(),
            },
            url=reverse("events:detail", args=[event.uuid]),
        )
    return len(matched)


# --- registering ------------------------------------------------------------------------


def registration_closed(event: Event, *, now: datetime) -> bool:
    """Registration closes at the organiser's closing time, and at the latest when the
    first session starts (a support group keeps the same members from its first meeting)."""
    start = first_start(event)
    return bool(
        (event.registration_closes_at and now >= event.registration_closes_at)
        or (start and now >= start)
    )


def _prerequisite_met(event: Event, employee: Employee) -> bool:
    if event.prerequisite_id is None:
        return True
    return Registration.objects.filter(
        event_id=event.prerequisite_id, employee=employee, completed_at__isnull=False
    ).exists()


@transaction.atomic
def registration_create(
    *, event: Event, employee: Employee, actor, now: datetime | None = None
) -> Registration:
    """Take a place, or the next place on the waiting list when the event is full. The
    event row is locked for the count and the insert, so a rush cannot overfill it."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."), code="not_open")
    if registration_closed(event, now=now):
        raise ValidationError(_("Registration for this event has closed."), code="closed")
    if not employee_eligible(event, employee, actor=actor):
        raise ValidationError(
            _("This event is for a particular group of staff, and you are not among them."),
            code="not_eligible",
        )
    if (
        Registration.objects.filter(event=event, employee=employee)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    ):
        raise ValidationError(
            _("You are already registered for this event (or on its waiting list)."),
            code="already_registered",
        )
    if not _prerequisite_met(event, employee):
        raise ValidationError(
            _("This class requires an earlier training that you have not completed: %(name)s."),
            code="prerequisite_missing",
            params={"name": event.prerequisite.title},
        )
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    status = (
        Registration.Status.REGISTERED if taken < event.capacity else Registration.Status.WAITLISTED
    )
    return Registration.objects.create(event=event, employee=employee, status=status)


def _promote(event: Event) -> list[Registration]:
    """Move the first people on the waiting list into free places and tell each one.
    The caller holds the event row's lock."""
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    free = event.capacity - taken
    if free <= 0:
        return []
    promoted = list(
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .select_related("employee__user")
        .order_by("created_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    recipients = [r.employee.user for r in promoted if r.employee.user is not None]
    if recipients:
        from anxin.core.notifications import notify

        start = first_start(event)
        notify(
            recipients=recipients,
            template="event_promoted",
            context={
                "title": "" if event.is_sensitive else event.title,
                "starts": timezone.localtime(start).date() if start else timezone.localdate(),
            },
            url=reverse("events:detail", args=[event.uuid]),
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, now: datetime | None = None) -> None:
    """Give up a place (or a waiting-list place). A freed place goes to the first person on
    the waiting list, who is told."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."), code="cancelled")
    was_registered = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now or timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    # Until the first session starts, a freed place goes on; after that a group keeps
    # the members it started with.
    start = first_start(event)
    if was_registered and not (start and registration.cancelled_at >= start):
        _promote(event)


@transaction.atomic
def registration_complete(*, registration: Registration, at: datetime | None = None) -> None:
    """Record that the employee completed the event (attendance, later, calls this), so
    that a class requiring it admits him or her."""
    if registration.status != Registration.Status.REGISTERED:
        raise ValidationError(
            _("Only a registered participant can complete an event."), code="not_registered"
        )
    registration.completed_at = at or timezone.now()
    registration.save(update_fields=["completed_at"])
