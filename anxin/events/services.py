"""State changes of events: creating and publishing them, matching their audience and
registering people, with a waiting list that cannot be overfilled under a rush.

Every write runs inside `transaction.atomic`. Registration and cancellation lock the
event row (`select_for_update`) first, so that counting places and taking one happen for
one person at a time per event: 300 people trying for 35 places get exactly 35 places
and 265 waiting-list places (tests/events/test_rush.py, on PostgreSQL).
"""

import calendar
import random
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.locking import StaleEdit, save_versioned
from anxin.core.notifications import notify, notify_later
from anxin.core.refusals import Refused
from anxin.core.roc import format_short
from anxin.events import privacy
from anxin.events.models import Event, EventSession, Invitation, Registration
from anxin.people.models import Employee
from anxin.people.services import declaration_read, employees_declaring

# Fields of an event an organiser edits (the form's cleaned data carries these).
EDITABLE_FIELDS = [
    "kind", "title", "description", "materials", "facilitator", "capacity", "learning_hours",
    "registration_closes_at", "prerequisite", "audience_unit", "audience_categories",
    "audience_age_min", "audience_age_max", "audience_age_on", "audience_months_hired_min",
    "audience_months_hired_max", "audience_declared", "allocation", "target_group",
    "private_roster",
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
        raise Refused(
            "capacity_below_registrations",
            _(
                "The capacity cannot be lower than the %(taken)d people already registered. "
                "Cancel registrations first, or keep a larger capacity."
            )
            % {"taken": taken},
        )


def _check_allocation(event: Event, data: dict) -> None:
    """A lottery is drawn when registration closes, so it needs a closing time; and the
    way places are given cannot change once people have registered."""
    allocation = data.get("allocation", event.allocation)
    closes = data.get("registration_closes_at", event.registration_closes_at)
    if allocation == Event.Allocation.LOTTERY and closes is None:
        raise Refused(
            "lottery_needs_closing",
            _("A lottery needs a closing time for registration: the draw runs then."),
        )
    if (
        event.pk
        and allocation != event.allocation
        and event.registrations.exclude(status=Registration.Status.CANCELLED).exists()
    ):
        raise Refused(
            "allocation_locked",
            _("The way places are given cannot change once people have registered."),
        )


def _locked(event: Event, expected_version: int | None) -> Event:
    """The event's row, locked until the transaction ends; StaleEdit when a version is
    expected and someone changed the event since it was read (invariant 11)."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit
    return locked


def _bump(event: Event) -> None:
    """A change to the event beyond its own fields (its sessions): a form opened before
    it is stale, and calendars see a new sequence."""
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1, updated_at=timezone.now())
    event.refresh_from_db(fields=["version", "updated_at"])


def _check_privacy(event: Event, data: dict, *, registered: bool) -> None:
    """Set the roster's privacy (decision 0018): the default when `data` does not choose
    (`private_roster` missing or None); refused when the organiser opens a roster that
    must stay private, or one under which people have registered."""
    chosen = data.get("private_roster")
    if chosen is None:
        event.private_roster = privacy.private_by_default(event)
        return
    event.private_roster = bool(chosen)
    if chosen:
        return
    reason = privacy.private_required(event)
    if reason:
        raise Refused(
            "roster_must_be_private",
            _("The roster must stay private: %(reason)s. Organisers see counts only.")
            % {"reason": privacy.REASONS[reason]},
        )
    if registered:
        raise Refused(
            "roster_stays_private",
            _(
                "People registered while the roster was private: it stays private. "
                "Organisers see counts only."
            ),
        )


@transaction.atomic
def event_create(*, actor, owner_unit, data: dict, season=None) -> Event:
    """A draft event. Its roster is private when the audience or the plan's target group
    says so, and by default for a support group (anxin/events/privacy.py)."""
    event = Event(owner_unit=owner_unit, created_by=actor, season=season)
    for name in EDITABLE_FIELDS:
        if name in data and name != "private_roster":
            setattr(event, name, data[name])
    _check_allocation(event, data)
    _check_privacy(event, data, registered=False)
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict, expected_version: int) -> Event:
    """Save the organiser's edits; refused (StaleEdit) if someone saved in between, and
    (Refused) if the capacity would fall below the people registered. A larger
    capacity on a published event moves people up from the waiting list."""
    locked = _locked(event, expected_version)
    if locked.status == Event.Status.CANCELLED:
        raise Refused("event_cancelled", _("This event has been cancelled."))
    _check_capacity(locked, data["capacity"])
    _check_allocation(locked, data)
    was_private = locked.private_roster
    for name in EDITABLE_FIELDS:
        if name in data and name != "private_roster":
            setattr(event, name, data[name])
    if data.get("private_roster") is None:
        # Not chosen: stays as it was, unless the new audience needs it private.
        event.private_roster = was_private or bool(privacy.private_required(event))
    else:
        registered = was_private and (
            locked.registrations.exclude(status=Registration.Status.CANCELLED).exists()
        )
        _check_privacy(event, data, registered=registered)
    event.updated_at = timezone.now()
    save_versioned(
        event, expected_version=expected_version, fields=[*EDITABLE_FIELDS, "updated_at"]
    )
    if event.private_roster and not was_private:
        # Now private: the list of whom the rule matched goes (decision 0025).
        Invitation.objects.filter(event=event).delete()
    if event.status == Event.Status.PUBLISHED:
        _promote(event)
    return event


# --- sessions and places ----------------------------------------------------------------


def place_key(place: str) -> str:
    """The place as compared for clashes (decision 0011): full-width and half-width forms
    made one (NFKC), case folded, spaces and punctuation dropped, so that "市府大樓 1001 室"
    and "市府大樓１００１室" are the same room."""
    text = unicodedata.normalize("NFKC", place).casefold()
    return "".join(
        ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P")
    )


def lock_places(authority_id: int) -> None:
    """Serialise session writes of one authority, so that two organisers cannot book the
    same room at once. SQLite's IMMEDIATE transactions serialise writers already; on
    PostgreSQL a transaction-scoped advisory lock does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [4114, authority_id])


def _when(session: EventSession) -> str:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{format_short(starts.date())} {starts:%H:%M}–{ends:%H:%M}"


def check_session(
    *,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    exclude_pk: int | None = None,
) -> None:
    """Refuse a session that ends before it starts, overlaps another session of the same
    event, or takes a place that another event's session (of the same authority, not
    cancelled) holds at that time."""
    if ends_at <= starts_at:
        raise Refused("session_ends_before_start", _("A session must end after it starts."))
    overlapping = EventSession.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    own = overlapping.filter(event=event).first()
    if own is not None:
        raise Refused(
            "sessions_overlap",
            _("This session overlaps another session of the same event (%(when)s).")
            % {"when": _when(own)},
        )
    key = place_key(place)
    if not key:
        return
    others = (
        overlapping.exclude(event=event)
        .exclude(event__status=Event.Status.CANCELLED)
        .exclude(place="")
        .filter(event__owner_unit__path__startswith=f"/{event.owner_unit.root_id}/")
        .order_by("starts_at", "pk")
    )
    for other in others:
        if place_key(other.place) == key:
            # The other event is not named: its organiser may be someone else, and its
            # title may say whom it is for.
            raise Refused(
                "place_taken",
                _("%(place)s is already booked by another event at that time (%(when)s).")
                % {"place": place, "when": _when(other)},
            )


@transaction.atomic
def session_add(
    *,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    online_link: str = "",
    expected_version: int | None = None,
) -> EventSession:
    """Add a session (refused on a cancelled event). Adding overwrites nothing, so the
    version is checked only when the caller names one."""
    locked = _locked(event, expected_version)
    if locked.status == Event.Status.CANCELLED:
        raise Refused("event_cancelled", _("This event has been cancelled."))
    lock_places(event.owner_unit.root_id)
    check_session(event=event, starts_at=starts_at, ends_at=ends_at, place=place)
    session = EventSession.objects.create(
        event=event, starts_at=starts_at, ends_at=ends_at, place=place, online_link=online_link
    )
    _bump(event)
    return session


@transaction.atomic
def session_update(
    *,
    session: EventSession,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    online_link: str = "",
    expected_version: int | None = None,
) -> EventSession:
    """Move or re-place a session of a draft (a published event's people were invited to
    its dates); refused (StaleEdit) if the event changed since the form was opened."""
    event = session.event
    locked = _locked(event, expected_version)
    if locked.status != Event.Status.DRAFT:
        raise Refused("not_draft", _("Only the sessions of a draft can be changed."))
    if not EventSession.objects.filter(pk=session.pk).exists():
        raise StaleEdit
    lock_places(event.owner_unit.root_id)
    check_session(
        event=event, starts_at=starts_at, ends_at=ends_at, place=place, exclude_pk=session.pk
    )
    session.starts_at, session.ends_at = starts_at, ends_at
    session.place, session.online_link = place, online_link
    session.save(update_fields=["starts_at", "ends_at", "place", "online_link"])
    _bump(event)
    return session


@transaction.atomic
def session_remove(*, session: EventSession, expected_version: int | None = None) -> None:
    """Remove a session of a draft; refused (StaleEdit) if the event changed since the
    page was opened, or the session is gone already."""
    locked = _locked(session.event, expected_version)
    if locked.status != Event.Status.DRAFT:
        raise Refused("not_draft", _("Only the sessions of a draft can be changed."))
    if EventSession.objects.filter(pk=session.pk).delete()[0] == 0:
        raise StaleEdit
    _bump(session.event)


@transaction.atomic
def event_publish(
    *, event: Event, actor, confirm_empty: bool = False, expected_version: int | None = None
) -> int:
    """Publish the event and invite the people its audience matches, by inbox and e-mail
    through the worker. The invitation says nothing about why the person was chosen; for
    an event with a private roster it does not even carry the title. An audience that
    matches nobody is refused unless the organiser confirms; a publication from a page
    opened before someone changed the event (its audience, its sessions) is refused
    (StaleEdit), so that nobody invites an audience he or she has not seen. Returns the
    number invited."""
    event = _locked(event, expected_version)
    if event.status != Event.Status.DRAFT:
        raise Refused("not_draft", _("This event has already been published."))
    sessions = list(event.sessions.all())
    if not sessions:
        raise Refused("no_sessions", _("Add at least one session before publishing."))
    matched = audience_match_ids(event)
    if not matched and not confirm_empty:
        raise Refused(
            "audience_empty",
            _(
                "The audience matches nobody at the moment. Change the audience, or confirm "
                "that you want to publish it anyway."
            ),
        )
    if not event.is_sensitive:
        # A private roster keeps no list of whom its rule matched (decision 0025): the
        # rule decides afresh when someone opens the event, and the count is kept.
        Invitation.objects.bulk_create(
            [Invitation(event=event, employee_id=pk) for pk in sorted(matched)],
            ignore_conflicts=True,
        )
    event.status = Event.Status.PUBLISHED
    event.published_at = timezone.now()
    event.invited_total = len(matched)
    event.version += 1
    event.save(update_fields=["status", "published_at", "invited_total", "version", "updated_at"])
    user_ids = Employee.objects.filter(pk__in=matched, user__isnull=False).values_list(
        "user_id", flat=True
    )
    if matched:
        notify_later(
            user_ids=list(user_ids),
            template="event_invitation",
            context={
                "title": "" if event.is_sensitive else event.title,
                "starts": timezone.localtime(sessions[0].starts_at).date(),
            },
            url=reverse("events:detail", args=[event.uuid]),
            sensitive=event.is_sensitive,
            expires_at=event.registration_closes_at or sessions[0].starts_at,
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
    if event.status == Event.Status.CANCELLED:
        raise Refused("event_cancelled", _("This event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise Refused("not_open", _("This event is not open for registration."))
    if registration_closed(event, now=now):
        raise Refused("closed", _("Registration for this event has closed."))
    if not employee_eligible(event, employee, actor=actor):
        raise Refused(
            "not_eligible",
            _("This event is for a particular group of staff, and you are not among them."),
        )
    if (
        Registration.objects.filter(event=event, employee=employee)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    ):
        raise Refused(
            "already_registered",
            _("You are already registered for this event (or on its waiting list)."),
        )
    if not _prerequisite_met(event, employee):
        raise Refused(
            "prerequisite_missing",
            _("This class requires an earlier training that you have not completed: %(name)s.")
            % {"name": event.prerequisite.title},
        )
    if event.is_lottery and event.lottery_drawn_at is None:
        # Under a lottery everyone who registers before closing applies; the draw gives
        # the places (lottery_draw).
        return Registration.objects.create(
            event=event, employee=employee, status=Registration.Status.APPLIED
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
    # First come, first served; after a lottery, in the drawn order (those who joined the
    # waiting list after the draw come after the drawn ones).
    promoted = list(
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .select_related("employee__user")
        .order_by(F("draw_position").asc(nulls_last=True), "created_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    recipients = [r.employee.user for r in promoted if r.employee.user is not None]
    if recipients:
        start = first_start(event)
        notify(
            recipients=recipients,
            template="event_promoted",
            context={
                "title": "" if event.is_sensitive else event.title,
                "starts": timezone.localtime(start).date() if start else timezone.localdate(),
            },
            url=reverse("events:detail", args=[event.uuid]),
            sensitive=event.is_sensitive,
            expires_at=start,
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, now: datetime | None = None) -> None:
    """Give up a place (or a waiting-list place). A freed place goes to the first person on
    the waiting list, who is told."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        raise Refused("cancelled", _("This registration is already cancelled."))
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
        raise Refused("not_registered", _("Only a registered participant can complete an event."))
    registration.completed_at = at or timezone.now()
    registration.save(update_fields=["completed_at"])


# --- cancelling an event ----------------------------------------------------------------


@transaction.atomic
def event_cancel(
    *, event: Event, reason: str, now: datetime | None = None, expected_version: int | None = None
) -> int:
    """Cancel the event with a reason: registration is refused from now on, and everyone
    registered, waiting or applied for the lottery is told through the inbox and e-mail.
    For an audience over sealed attributes the notice carries neither the title nor the
    reason (both are on the event page, behind sign-in). Returns the number told."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise Refused("already_cancelled", _("This event is already cancelled."))
    if expected_version is not None and event.version != expected_version:
        raise StaleEdit
    reason = reason.strip()
    if not reason:
        raise Refused("reason_missing", _("Give the reason: the people registered will read it."))
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    user_ids = list(
        active.filter(employee__user__isnull=False).values_list("employee__user_id", flat=True)
    )
    active.update(status=Registration.Status.CANCELLED, cancelled_at=now)
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason
    event.cancelled_at = now
    event.version += 1
    event.save(update_fields=["status", "cancel_reason", "cancelled_at", "version", "updated_at"])
    if was_published and user_ids:
        start = first_start(event)
        notify_later(
            user_ids=user_ids,
            template="event_cancelled",
            context={
                "title": "" if event.is_sensitive else event.title,
                "starts": timezone.localtime(start).date() if start else timezone.localdate(),
                "reason": "" if event.is_sensitive else reason,
            },
            url=reverse("events:detail", args=[event.uuid]),
            sensitive=event.is_sensitive,
        )
    return len(user_ids)


# --- the lottery ------------------------------------------------------------------------


@dataclass(frozen=True)
class LotteryResult:
    registered: int
    waitlisted: int
    seed: str


def draw_order(registration_ids: Iterable[int], seed: str) -> list[int]:
    """The applicants in drawn order: their ids sorted, then shuffled by a generator
    seeded with `seed`. Anyone holding the seed can repeat the draw and check it."""
    order = sorted(registration_ids)
    random.Random(seed).shuffle(order)
    return order


def lotteries_due(now: datetime):
    """Published lottery events whose registration has closed (at the closing time, or at
    the latest when the first session starts) and whose draw has not run."""
    return (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            allocation=Event.Allocation.LOTTERY,
            lottery_drawn_at__isnull=True,
        )
        .annotate(first_start_at=Min("sessions__starts_at"))
        .filter(Q(registration_closes_at__lte=now) | Q(first_start_at__lte=now))
        .order_by("pk")
    )


@transaction.atomic
def lottery_draw(
    *, event: Event, now: datetime | None = None, seed: str | None = None
) -> LotteryResult | None:
    """Draw the places of a lottery event once registration has closed: the applicants in
    a random order (the seed and each one's position are kept), the first ones up to the
    capacity registered, the others on the waiting list in the drawn order; everyone is
    told. None, changing nothing, when the draw has run already."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if (
        event.lottery_drawn_at is not None
        or not event.is_lottery
        or event.status != Event.Status.PUBLISHED
    ):
        return None
    if not registration_closed(event, now=now):
        raise Refused("lottery_not_closed", _("The draw runs once registration has closed."))
    applicants = {
        registration.pk: registration
        for registration in event.registrations.filter(
            status=Registration.Status.APPLIED
        ).select_related("employee__user")
    }
    seed = seed or secrets.token_hex(16)
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    free = max(event.capacity - taken, 0)
    winners, waiting = [], []
    for position, pk in enumerate(draw_order(applicants, seed), start=1):
        registration = applicants[pk]
        registration.draw_position = position
        if position <= free:
            registration.status = Registration.Status.REGISTERED
            winners.append(registration)
        else:
            registration.status = Registration.Status.WAITLISTED
            waiting.append(registration)
    Registration.objects.bulk_update([*winners, *waiting], ["status", "draw_position"])
    event.lottery_seed = seed
    event.lottery_drawn_at = now
    event.version += 1
    event.save(update_fields=["lottery_seed", "lottery_drawn_at", "version", "updated_at"])
    start = first_start(event)
    context = {
        "title": "" if event.is_sensitive else event.title,
        "starts": timezone.localtime(start).date() if start else timezone.localdate(),
    }
    for group, won in ((winners, 1), (waiting, 0)):
        user_ids = [r.employee.user_id for r in group if r.employee.user_id is not None]
        if user_ids:
            notify_later(
                user_ids=user_ids,
                template="event_lottery_drawn",
                context={**context, "won": won},
                url=reverse("events:detail", args=[event.uuid]),
                sensitive=event.is_sensitive,
                expires_at=start,
            )
    return LotteryResult(registered=len(winners), waitlisted=len(waiting), seed=seed)
