"""Events demo data: for the demo authority (範例市政府) a half-year season generated from
its plan's target groups (the demo plan is made from Taipei's preset; when it has no
target groups, Taipei's preset's are used), a couple of dates moved, everything
published, and registrations from demo employees — one event full with a waiting list,
one lottery waiting for its draw. Besides the season, a care-worker class held two
months ago (three meetings) carries the attendance its facilitator ticked and the
certificates of those who completed it, the demo employee among them.

In each preset authority (the staff of the agency the counselling demo made there): a
year of events held, two talks, a workshop and a care-worker class, each with the
attendance its facilitator ticked (the surveys demo adds their feedback), enough people
at each that the dashboard's k rule shows them (decision 0081).

Everything goes through the services, as the eap_admin and the employees would on the
pages. Idempotent: nothing is added when the half-year's season exists, nor to a preset
authority that has events. Demo mode only (`anxin.people.demo.demo_require`)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.attendance.models import Attendance
from anxin.events.attendance.services import Tick, attendance_record, certificates_issue_all
from anxin.events.models import Event, Registration, Season
from anxin.events.season import HalfYear, season_generate, season_proposal, season_publish
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roles import Role
from anxin.plans import config as c
from anxin.plans.demo import preset_plans
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from anxin.plans.services import k_of, plan_for_authority

DEMO_PLACE = "市政大樓 員工協談室團體室"
# The event made full: places, and people beyond them on the waiting list.
FULL_CAPACITY = 12
WAITING = 3


@dataclass
class DemoEventsSummary:
    season: str = ""
    events: int = 0
    published: int = 0
    registrations: int = 0
    waitlisted: int = 0
    attended: int = 0
    certificates: int = 0
    preset_authorities: int = 0
    held: int = 0
    held_attended: int = 0


def _half_year(today: date) -> HalfYear:
    """The half-year in progress if at least two months of it are left, else the next."""
    half = HalfYear.of(today)
    return half if (half.end - today).days >= 60 else half.next()


def _taipei_groups() -> list[c.TargetGroup]:
    # An unsaved plan, so that the preset's groups are read through the plan's accessor.
    return ProgramPlan(config=read_preset("taipei-114").data).target_groups


def _generate(admin: User, plan: ProgramPlan, half: HalfYear, today: date) -> Season:
    authority = plan.authority
    if any(group.events for group in plan.target_groups):
        return season_generate(
            actor=admin, authority=authority, half=half, place=DEMO_PLACE, today=today
        )
    # The demo plan has no target groups: Taipei's, through the same proposal.
    proposal = season_proposal(
        target_groups=_taipei_groups(),
        staff_categories=plan.staff_categories,
        half=half,
        period=(half.start, half.end),
        today=today,
    )
    season = Season.objects.create(
        owner_unit=authority, plan=plan, year=half.year, half=half.half,
        not_scheduled=proposal.not_scheduled, created_by=admin,
    )  # fmt: skip
    for proposed in proposal.events:
        event = services.event_create(
            actor=admin, owner_unit=authority, season=season,
            data={"kind": proposed.kind, "title": proposed.title,
                  "description": proposed.description, "capacity": proposed.capacity,
                  "learning_hours": proposed.learning_hours, "audience_unit": authority,
                  **proposed.audience},
        )  # fmt: skip
        for starts, ends in proposed.meetings:
            services.session_add(event=event, starts_at=starts, ends_at=ends, place=DEMO_PLACE)
    return season


def _move_two_dates(season: Season) -> None:
    """What an eap_admin does first: two proposed dates moved a week later."""
    for event in season.events.filter(kind=Event.Kind.WORKSHOP).order_by("pk")[:2]:
        session = event.sessions.order_by("starts_at").first()
        later = timedelta(days=7)
        try:
            services.session_update(
                session=session, starts_at=session.starts_at + later,
                ends_at=session.ends_at + later, place=session.place,
            )  # fmt: skip
        except Refused:  # a clash a week later: keep the proposed date
            continue


def _open_event(season: Season) -> Event | None:
    """A published event open to all staff (the health series), the earliest."""
    events = season.events.filter(
        status=Event.Status.PUBLISHED, audience_declared=[], audience_age_min__isnull=True,
        audience_months_hired_max__isnull=True,
    ).order_by("pk")  # fmt: skip
    return events.first()


@transaction.atomic
def demo_events(*, today: date | None = None) -> DemoEventsSummary:
    """The demo authority's events, and a year of events held in each preset authority
    (idempotent). Needs the demo plan and accounts (and, for the presets, the counselling
    demo's agencies)."""
    demo_require()
    today = today or timezone.localdate()
    summary = DemoEventsSummary()
    admin = User.objects.filter(username=username_for(Role.EAP_ADMIN)).first()
    if admin is None:
        return summary
    _demo_authority_events(admin, today, summary)
    for plan in preset_plans():
        _preset_year(plan, admin, today, summary)
    return summary


def _demo_authority_events(admin: User, today: date, summary: DemoEventsSummary) -> None:
    """The demo authority's season, its registrations and its past class (once)."""
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    if authority is None:
        return
    half = _half_year(today)
    summary.season = half.label
    plan = plan_for_authority(authority.pk, on=half.start)
    if plan is None:
        return
    if Season.objects.filter(owner_unit=authority, year=half.year, half=half.half).exists():
        return
    season = _generate(admin, plan, half, today)
    summary.events = season.events.count()
    _move_two_dates(season)
    summary.published = len(
        season_publish(season=season, actor=admin, confirm_empty=True).published
    )

    event = _open_event(season)
    if event is None:
        return
    # One event full, with a waiting list: demo employees register, the demo employee first.
    services.event_update(
        event=event, data={"capacity": FULL_CAPACITY}, expected_version=event.version
    )
    candidates = Employee.objects.filter(authority=authority, is_active=True)
    if event.audience_categories:
        candidates = candidates.filter(staff_category__in=event.audience_categories)
    employee = candidates.filter(user__username=username_for(Role.EMPLOYEE)).first()
    people = list(
        candidates.exclude(pk=getattr(employee, "pk", None)).order_by("number")[
            : FULL_CAPACITY + WAITING
        ]
    )
    if employee is not None:
        people = [employee, *people[:-1]]
    for person in people:
        services.registration_create(event=event, employee=person, actor=person.user or admin)
    # A second open event by lottery, its applicants waiting for the draw.
    lottery = season.events.filter(
        status=Event.Status.PUBLISHED, audience_declared=[], audience_age_min__isnull=True,
        audience_months_hired_max__isnull=True,
    ).exclude(pk=event.pk).order_by("pk").first()  # fmt: skip
    if lottery is not None:
        services.event_update(
            event=lottery,
            data={
                "capacity": lottery.capacity,
                "allocation": Event.Allocation.LOTTERY,
                "registration_closes_at": services.first_start(lottery) - timedelta(days=7),
            },
            expected_version=lottery.version,
        )
        for person in people[:5]:
            services.registration_create(event=lottery, employee=person, actor=person.user or admin)
    registrations = Registration.objects.filter(event__season=season)
    summary.registrations = registrations.count()
    summary.waitlisted = registrations.filter(status=Registration.Status.WAITLISTED).count()
    _past_training(authority, admin, today, summary)


@dataclass(frozen=True)
class PastEvent:
    """An event held in the past, with how each registrant attended (present at every
    meeting, except as listed in `exceptions`: registrant index -> per meeting "present",
    "late" with minutes, "partial" with minutes or "absent")."""

    kind: str
    title: str
    description: str
    places: int
    hours: int  # the length of each meeting
    exceptions: dict = field(default_factory=dict)
    materials: str = ""
    certificates: bool = False


# The demo authority's past class: held weeks before today (its meetings), its
# certificates issued to those who completed it.
PAST_TITLE = "關懷員初階培訓班"
PAST_WEEKS_AGO = (9, 8, 7)
PAST_PLACES = 16
PAST_EXCEPTIONS = {
    3: [("late", 150), ("present", None), ("present", None)],
    5: [("present", None), ("partial", 90), ("present", None)],
    7: [("absent", None), ("absent", None), ("present", None)],
    9: [("absent", None), ("present", None), ("absent", None)],
}
PAST_CLASS = PastEvent(
    kind=Event.Kind.TRAINING, title=PAST_TITLE,
    description="關懷員的角色、傾聽與同理、轉介資源與界線（桃園市 000 §4.2）。",
    places=PAST_PLACES, hours=3, exceptions=PAST_EXCEPTIONS, materials="講義於第一堂課發放。",
    certificates=True,
)  # fmt: skip
# A preset authority's year (its demo agency's staff): each event with the share of the
# year gone by (from 1 January to three weeks ago, its feedback survey closed since) at
# which its first meeting was held, and the weeks between its meetings.
ABSENT = [("absent", None)]
PRESET_YEAR = (
    (0.2, 0, PastEvent(
        kind=Event.Kind.TALK, title="職場壓力調適講座",
        description="認識壓力反應與自我照顧，介紹員工協助方案的諮商資源。",
        places=30, hours=2, exceptions={2: ABSENT, 9: ABSENT, 15: ABSENT},
    )),
    (0.45, 1, PastEvent(
        kind=Event.Kind.WORKSHOP, title="正念減壓工作坊",
        description="兩次實作：呼吸與身體掃描、日常生活中的正念練習。",
        places=14, hours=3, exceptions={4: [("present", None), ("absent", None)],
                                        8: [("late", 120), ("present", None)]},
    )),
    (0.7, 1, PastEvent(
        kind=Event.Kind.TRAINING, title=PAST_TITLE,
        description="關懷員的角色、傾聽與同理、轉介資源與界線。", places=12, hours=3,
        exceptions={5: [("absent", None), ("absent", None), ("present", None)]},
        materials="講義於第一堂課發放。", certificates=True,
    )),
    (0.92, 0, PastEvent(
        kind=Event.Kind.TALK, title="親子溝通與家庭關係講座",
        description="工作與家庭的平衡、親子溝通技巧。", places=30, hours=2,
        exceptions={1: ABSENT, 6: ABSENT, 11: ABSENT, 17: ABSENT},
    )),
)  # fmt: skip
PRESET_MEETINGS = {Event.Kind.TALK: 1, Event.Kind.WORKSHOP: 2, Event.Kind.TRAINING: 3}


def _weekday(day: date) -> date:
    """The day, or the Friday before it when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _past_event(
    spec: PastEvent,
    *,
    authority: OrgUnit,
    scope: OrgUnit,
    admin: User,
    facilitator: User,
    starts: list[datetime],
    people: list[Employee],
    place: str,
) -> tuple[int, int]:
    """An event held at `starts`, made and filled before it, as its organiser and its
    facilitator recorded it: the attendance of `people` (its registrants, in order) and,
    for a class, the certificates of those who completed it. Returns (attendances,
    certificates)."""
    event = services.event_create(
        actor=admin,
        owner_unit=authority,
        data={
            "kind": spec.kind, "title": spec.title, "description": spec.description,
            "materials": spec.materials, "facilitator": facilitator,
            "capacity": spec.places, "learning_hours": Decimal(spec.hours * len(starts)),
            "registration_closes_at": starts[0] - timedelta(days=3), "prerequisite": None,
            "audience_unit": scope, "audience_categories": [], "audience_age_min": None,
            "audience_age_max": None, "audience_age_on": None,
            "audience_months_hired_min": None, "audience_months_hired_max": None,
            "audience_declared": [],
        },
    )  # fmt: skip
    for start in starts:
        services.session_add(
            event=event, starts_at=start, ends_at=start + timedelta(hours=spec.hours), place=place
        )
    services.event_publish(event=event, actor=admin, confirm_empty=True)
    registered_at = starts[0] - timedelta(days=10)
    registrations = [
        services.registration_create(
            event=event, employee=person, actor=person.user or admin, now=registered_at
        )
        for person in people[: spec.places]
    ]
    # The services stamp the event's making and the registrations with the present time;
    # this event was made and filled before it was held.
    Event.objects.filter(pk=event.pk).update(
        created_at=registered_at - timedelta(days=5), published_at=registered_at - timedelta(days=5)
    )
    Registration.objects.filter(event=event).update(created_at=registered_at)
    for number, session in enumerate(event.sessions.order_by("starts_at")):
        ticks = []
        for index, registration in enumerate(registrations):
            marks = spec.exceptions.get(index, [("present", None)] * len(starts))
            status, minutes = marks[number]
            if status != "absent":
                ticks.append(Tick(registration, status, minutes, seen=""))
        attendance_record(session=session, ticks=ticks, actor=facilitator, now=session.ends_at)
    attended = Attendance.objects.filter(session__event=event).count()
    if not spec.certificates:
        return attended, 0
    return attended, len(certificates_issue_all(event=event, actor=facilitator))


def _past_training(authority: OrgUnit, admin: User, today: date, summary) -> None:
    """A care-worker class held weeks ago, with attendance and certificates (as its
    facilitator, the demo counsellor, recorded them)."""
    if Event.objects.filter(owner_unit=authority, title=PAST_TITLE).exists():
        return
    facilitator = User.objects.filter(username=username_for(Role.COUNSELOR)).first() or admin
    starts = [
        timezone.make_aware(datetime.combine(today - timedelta(weeks=weeks), time(14, 0)))
        for weeks in PAST_WEEKS_AGO
    ]
    # The audience is the demo employee's agency: publishing a past class invites few.
    employee = Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first()
    scope = employee.unit.parent if employee and employee.unit.parent_id else authority
    if (
        Employee.objects.filter(is_active=True, unit__path__startswith=scope.path).count()
        < 2 * PAST_PLACES
    ):
        scope = authority
    # The demo's employee and care worker took the class (the care worker finds the
    # certificate among his or her own).
    cast = [
        person
        for person in Employee.objects.filter(
            user__username__in=[username_for(Role.EMPLOYEE), username_for(Role.CARE_WORKER)]
        ).order_by("number")
        if person.unit.path.startswith(scope.path)
    ]
    people = list(
        Employee.objects.filter(is_active=True, unit__path__startswith=scope.path)
        .exclude(pk__in=[person.pk for person in cast])
        .order_by("number")[: PAST_PLACES - len(cast)]
    )
    people[:0] = cast
    summary.attended, summary.certificates = _past_event(
        PAST_CLASS, authority=authority, scope=scope, admin=admin, facilitator=facilitator,
        starts=starts, people=people, place=DEMO_PLACE,
    )  # fmt: skip


def _preset_year(plan: ProgramPlan, admin: User, today: date, summary) -> None:
    """A preset authority's year of events for the staff of its demo agency (the one the
    counselling demo made): talks, a workshop and a care-worker class held between
    1 January and three weeks ago, each with its attendance. Nothing is added to an
    authority that has events."""
    authority = plan.authority
    if Event.objects.filter(owner_unit=authority).exists():
        return
    people = list(
        Employee.objects.filter(authority=authority, is_active=True)
        .select_related("unit")
        .order_by("number")
    )
    if len(people) < 2 * k_of(plan):
        return
    # The agency the staff work in: their units' parent.
    scope = people[0].unit.parent if people[0].unit.parent_id else authority
    facilitator = User.objects.filter(username=username_for(Role.COUNSELOR)).first() or admin
    first, last = date(today.year, 1, 1), today - timedelta(weeks=3)
    if last <= first:  # the first weeks of a year: the year before
        first = last - timedelta(days=300)
    span = (last - first).days
    for index, (share, weeks_apart, spec) in enumerate(PRESET_YEAR):
        day = _weekday(first + timedelta(days=round(span * share)))
        starts = [
            timezone.make_aware(
                datetime.combine(day + timedelta(weeks=weeks_apart * n), time(14, 0))
            )
            for n in range(PRESET_MEETINGS[spec.kind])
        ]
        # Each event its own people first: the agency's staff taken in turn.
        turn = (index * 7) % len(people)
        attended, _certificates = _past_event(
            spec, authority=authority, scope=scope, admin=admin, facilitator=facilitator,
            starts=starts, people=people[turn:] + people[:turn],
            place=f"{authority.name}{scope.name}會議室",
        )  # fmt: skip
        summary.held += 1
        summary.held_attended += attended
    summary.preset_authorities += 1


@demo_step(
    order=50,
    summary="a half-year season of events with registrations; a year held in each preset",
)
def events_step(run: DemoRun) -> str | None:
    summary = demo_events()
    parts = []
    if summary.events:
        parts.append(
            f"season {summary.season}, {summary.events} events "
            f"({summary.published} published), {summary.registrations} registrations, "
            f"{summary.waitlisted} on a waiting list; a past class with "
            f"{summary.attended} attendances and {summary.certificates} certificates"
        )
    if summary.held:
        parts.append(
            f"{summary.held} events held in {summary.preset_authorities} preset "
            f"authorities, {summary.held_attended} attendances"
        )
    return f"Events: {'; '.join(parts)}." if parts else None
