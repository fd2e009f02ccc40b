"""Half-year seasons: the events a plan promises its target groups (`target_groups[]
.events[]` of the plan), turned into draft events with proposed dates (decision 0011).

`season_proposal` is a pure function of the plan's target groups and the half-year: it
says how many events of each kind, how long, for how many people and for whom, on which
working days. `season_generate` stores the proposal as draft events of a `Season` (one
per authority and half-year); the eap_admin then edits dates and publishes them.

How a plan entry becomes events:

- `per` gives the cycle: month (6 cycles in a half-year), two_months (3), quarter (2),
  half_year (1); year: the count split between the halves (the first takes the odd one);
  plan_period: the count spread over the half-years of the plan's period; no `per` with a
  count: that count in each half-year.
- A course series or a support group (or anything with fixed members) is one event per
  cycle with `sessions` meetings; any other format is `sessions` events per cycle, one
  meeting each. So Taipei's health series (3 sessions every two months) is three series
  of three meetings in a half-year, and its 自我探索 (4 per half-year) four workshops.
- No count but a length or a size (a lecture "2–3 hours, at most 35 people"): one event
  per half-year. `per: as_needed`, entries with neither count nor shape, one-to-one
  mentoring and group counselling, and groups whose criteria no audience rule can hold
  (roles, designation, free text) are not generated: the season lists them to be added
  by hand.
- Length: `hours` (default 2); size: `size` (default 30); audience: the plan's staff
  categories, the age band of the half-year's year (`audience_by_year`, else the group's
  criteria) reckoned on the half-year's first day, the declared attribute, months since
  hiring.
- Privacy (decision 0018): an event of a group the plan marks `sensitive: true`, one
  whose audience is an age band or a declared attribute, and a support group keep a
  private roster; each event records the group it serves (`Event.target_group`).
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anxin.core.refusals import Refused
from anxin.events import privacy, services
from anxin.events.halfyears import HalfYear
from anxin.events.models import Event, EventSession, Season
from anxin.plans import config as c
from anxin.plans.services import plan_for_authority

DEFAULT_HOURS = Decimal("2")
DEFAULT_SIZE = 30
# Proposed dates start this many days after generation, to leave time for invitations.
LEAD_DAYS = 14
AFTERNOON, MORNING = time(14, 0), time(9, 0)
# How far (in working days) a meeting moves to keep the afternoon before taking a morning.
NEAR = 5

KIND_OF_FORMAT = {
    c.EventFormat.WORKSHOP: Event.Kind.WORKSHOP,
    c.EventFormat.LECTURE: Event.Kind.TALK,
    c.EventFormat.COURSE: Event.Kind.SERIES,
    c.EventFormat.TRAINING: Event.Kind.TRAINING,
    c.EventFormat.SUPPORT_GROUP: Event.Kind.SUPPORT_GROUP,
}
MULTI_MEETING_FORMATS = {c.EventFormat.COURSE, c.EventFormat.SUPPORT_GROUP}
CYCLES_PER_HALF = {
    c.Cadence.MONTH: 6,
    c.Cadence.TWO_MONTHS: 3,
    c.Cadence.QUARTER: 2,
    c.Cadence.HALF_YEAR: 1,
}
# Criteria that no audience rule holds: such groups' events are added by hand.
UNEXPRESSED_CRITERIA = ("roles", "designated", "text")

NOT_SCHEDULED_REASONS = {
    "as_needed": _("held as needed: add it by hand when asked for"),
    "no_count": _("the plan gives no count, length or size: add it by hand"),
    "not_an_event": _("not a group event (one-to-one talks, group counselling)"),
    "audience_by_hand": _(
        "its audience (roles or designation) cannot be set as a rule: add it by hand"
    ),
    "other_half": _("planned in the other half-year"),
    "outside_plan_period": _("the plan period has no end, or this half-year is outside it"),
}  # fmt: skip


@dataclass
class ProposedEvent:
    group_key: str
    series: str
    title: str
    kind: str
    capacity: int
    hours: Decimal
    description: str
    audience: dict
    # The roster is the facilitator's and each member's only (invariant 10).
    private_roster: bool = False
    meetings: list[tuple[datetime, datetime]] = field(default_factory=list)

    @property
    def learning_hours(self) -> Decimal:
        return self.hours * len(self.meetings)


@dataclass
class SeasonProposal:
    half: HalfYear
    events: list[ProposedEvent]
    not_scheduled: list[dict]


def _as_decimal(value) -> Decimal:
    return Decimal(str(value))


def _count_in_half(
    series: c.EventSeries, half: HalfYear, period: tuple[date, date | None]
) -> tuple[int, int] | str:
    """(cycles, count per cycle) of the series in the half-year, or why it is not
    generated."""
    if series.per == c.Cadence.AS_NEEDED:
        return "as_needed"
    if series.format not in KIND_OF_FORMAT:
        return "not_an_event"
    if series.sessions is None:
        return (1, 1) if series.hours is not None or series.size is not None else "no_count"
    if series.per in CYCLES_PER_HALF:
        return CYCLES_PER_HALF[series.per], series.sessions
    if series.per == c.Cadence.YEAR:
        count = math.ceil(series.sessions / 2) if half.half == 1 else series.sessions // 2
        return (1, count) if count else "other_half"
    if series.per == c.Cadence.PLAN_PERIOD:
        start, end = period
        if end is None:
            return "outside_plan_period"
        halves = []
        current = HalfYear.of(start)
        while current.start <= end:
            halves.append(current)
            current = current.next()
        if half not in halves:
            return "outside_plan_period"
        i, n = halves.index(half), len(halves)
        count = series.sessions * (i + 1) // n - series.sessions * i // n
        return (1, count) if count else "other_half"
    return 1, series.sessions


def _audience(
    group: c.TargetGroup, series: c.EventSeries, half: HalfYear, categories: list[str]
) -> dict:
    criteria = group.criteria
    low, high = criteria.get("min_age"), criteria.get("max_age")
    band = next((b for b in series.audience_by_year if b.year == half.year), None)
    if band is not None:
        low, high = band.min_age, band.max_age
    aged = low is not None or high is not None
    return {
        "audience_categories": list(categories),
        "audience_age_min": low,
        "audience_age_max": high,
        "audience_age_on": half.start if aged else None,
        "audience_months_hired_min": None,
        "audience_months_hired_max": criteria.get("new_hire_within_months"),
        "audience_declared": [criteria["declared"]] if "declared" in criteria else [],
    }


def _private(group: c.TargetGroup, kind: str, audience: dict) -> bool:
    """The plan's `sensitive` flag, an audience that reveals a personal fact, or a support
    group: anxin/events/privacy.py's rule, on an unsaved event (no database)."""
    return privacy.private_by_default(Event(kind=kind, **audience), group=group)


def _description(series: c.EventSeries) -> str:
    lines = []
    if series.topics:
        lines.append(gettext("Topics: %(topics)s") % {"topics": "、".join(series.topics)})
    if series.note:
        lines.append(series.note)
    if series.organiser:
        lines.append(gettext("Organised by %(organiser)s") % {"organiser": series.organiser})
    return "\n".join(lines)


def _working_days(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


class _Calendar:
    """The free times of the season's place: each meeting takes the working day nearest
    to its ideal one on which its slot does not overlap anything booked there."""

    def __init__(self, busy: list[tuple[datetime, datetime]]):
        self.busy = list(busy)

    def free(self, starts: datetime, ends: datetime) -> bool:
        return all(ends <= b_start or starts >= b_end for b_start, b_end in self.busy)

    def take(self, days: list[date], ideal: int, hours: Decimal) -> tuple[datetime, datetime]:
        """The first slot (afternoon first, for up to three hours) that is free on the
        ideal day or the nearest ones: within a week, a free afternoon is preferred to a
        morning, so that meetings spread over days rather than share one."""
        slots = [AFTERNOON, MORNING] if hours <= 3 else [MORNING]
        length = timedelta(minutes=int(hours * 60))
        tries = [(NEAR, slots[:1]), (len(days), slots)]
        for reach, allowed in tries:
            for offset in range(min(reach, len(days)) * 2 + 1):
                index = ideal + (offset + 1) // 2 * (1 if offset % 2 else -1)
                if not 0 <= index < len(days):
                    continue
                for slot in allowed:
                    starts = timezone.make_aware(datetime.combine(days[index], slot))
                    if self.free(starts, starts + length):
                        self.busy.append((starts, starts + length))
                        return starts, starts + length
        raise Refused(
            "season_full",
            _("The half-year has no free working day left for all the events at this place."),
        )


def season_proposal(
    *,
    target_groups: list[c.TargetGroup],
    staff_categories: list[str],
    half: HalfYear,
    period: tuple[date, date | None],
    today: date,
    busy: list[tuple[datetime, datetime]] = (),
) -> SeasonProposal:
    """The draft season of the half-year (no database access)."""
    first_day = max(half.start, today + timedelta(days=LEAD_DAYS))
    if first_day > half.end:
        raise Refused("half_year_over", _("This half-year is (nearly) over: choose a later one."))
    remaining = _working_days(first_day, half.end)
    place = _Calendar(list(busy))
    events: list[ProposedEvent] = []
    not_scheduled: list[dict] = []
    for group in target_groups:
        unexpressed = any(key in group.criteria for key in UNEXPRESSED_CRITERIA)
        for series in group.events:
            counted = _count_in_half(series, half, period)
            if isinstance(counted, tuple) and unexpressed:
                counted = "audience_by_hand"
            if isinstance(counted, str):
                not_scheduled.append({"group": group.name, "name": series.name, "reason": counted})
                continue
            cycles, count = counted
            multi = series.format in MULTI_MEETING_FORMATS or series.fixed_membership
            hours = _as_decimal(series.hours) if series.hours is not None else DEFAULT_HOURS
            kind = KIND_OF_FORMAT[series.format]
            if series.fixed_membership:
                kind = Event.Kind.SUPPORT_GROUP
            months = 6 // cycles
            per_cycle = 1 if multi else count
            total = cycles * per_cycle
            for cycle in range(cycles):
                start, end = half.months(cycle * months, months)
                days = [d for d in remaining if start <= d <= end] or remaining
                for i in range(per_cycle):
                    number = cycle * per_cycle + i + 1
                    title = series.name
                    if total > 1:
                        title = gettext("%(name)s (%(n)d/%(total)d)") % {
                            "name": series.name,
                            "n": number,
                            "total": total,
                        }
                    audience = _audience(group, series, half, staff_categories)
                    event = ProposedEvent(
                        group_key=group.key,
                        series=series.name,
                        title=title,
                        kind=kind,
                        capacity=series.size or DEFAULT_SIZE,
                        hours=hours,
                        description=_description(series),
                        audience=audience,
                        private_roster=_private(group, kind, audience),
                    )
                    meetings = count if multi else 1
                    for j in range(meetings):
                        # Spread evenly: the k-th of n items at the middle of its share.
                        share = (i + (j + 0.5) / meetings) / per_cycle
                        ideal = min(int(share * len(days)), len(days) - 1)
                        event.meetings.append(place.take(days, ideal, hours))
                    event.meetings.sort()
                    events.append(event)
    return SeasonProposal(half=half, events=events, not_scheduled=not_scheduled)


def _busy_at(authority, place: str, half: HalfYear) -> list[tuple[datetime, datetime]]:
    """What the place already holds in the half-year (sessions of events not cancelled)."""
    key = services.place_key(place)
    start = timezone.make_aware(datetime.combine(half.start, time.min))
    end = timezone.make_aware(datetime.combine(half.end + timedelta(days=1), time.min))
    sessions = (
        EventSession.objects.filter(
            starts_at__lt=end,
            ends_at__gt=start,
            event__owner_unit__path__startswith=f"/{authority.root_id}/",
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .exclude(place="")
        .only("starts_at", "ends_at", "place")
    )
    return [(s.starts_at, s.ends_at) for s in sessions if services.place_key(s.place) == key]


def season_generate(
    *, actor, authority, half: HalfYear, place: str, today: date | None = None
) -> Season:
    """Store the half-year's proposal as draft events of a new season of `authority`,
    all or nothing. Refused when the authority has no plan with events for its target
    groups, or a season of that half-year exists already."""
    today = today or timezone.localdate()
    plan = plan_for_authority(authority.pk, on=half.start)
    if plan is None or not any(group.events for group in plan.target_groups):
        raise Refused(
            "no_plan_events",
            _("The plan in force has no events for its target groups to generate."),
        )
    existing = Season.objects.filter(owner_unit=authority, year=half.year, half=half.half)
    if existing.exists():
        raise Refused(
            "season_exists",
            _("A season for %(half)s exists already: open it instead of generating again.")
            % {"half": half.label},
        )
    try:
        with transaction.atomic():
            services.lock_places(authority.pk)
            proposal = season_proposal(
                target_groups=plan.target_groups,
                staff_categories=plan.staff_categories,
                half=half,
                period=(plan.period_start, plan.period_end),
                today=today,
                busy=_busy_at(authority, place, half),
            )
            season = Season.objects.create(
                owner_unit=authority,
                plan=plan,
                year=half.year,
                half=half.half,
                not_scheduled=proposal.not_scheduled,
                created_by=actor,
            )
            for proposed in proposal.events:
                event = services.event_create(
                    actor=actor,
                    owner_unit=authority,
                    season=season,
                    data={
                        "kind": proposed.kind,
                        "title": proposed.title,
                        "description": proposed.description,
                        "capacity": proposed.capacity,
                        "learning_hours": proposed.learning_hours,
                        "audience_unit": authority,
                        "target_group": proposed.group_key,
                        "private_roster": proposed.private_roster,
                        **proposed.audience,
                    },
                )
                for starts, ends in proposed.meetings:
                    services.session_add(event=event, starts_at=starts, ends_at=ends, place=place)
    except IntegrityError:
        # Someone generated the same half-year at the same moment.
        raise Refused(
            "season_exists",
            _("A season for %(half)s exists already: open it instead of generating again.")
            % {"half": half.label},
        ) from None
    return season


@dataclass
class SeasonPublished:
    published: list[Event] = field(default_factory=list)
    # Left as drafts: (event, the refusal saying why).
    left: list[tuple[Event, Refused]] = field(default_factory=list)


def season_publish(*, season: Season, actor, confirm_empty: bool = False) -> SeasonPublished:
    """Publish every draft of the season, each on its own (each invites its audience);
    an event whose audience matches nobody stays a draft unless `confirm_empty`, and is
    reported with the others left, so that nothing is skipped silently."""
    result = SeasonPublished()
    drafts = season.events.filter(status=Event.Status.DRAFT).order_by("pk")
    for event in drafts:
        try:
            services.event_publish(event=event, actor=actor, confirm_empty=confirm_empty)
        except Refused as error:
            result.left.append((event, error))
        else:
            result.published.append(event)
    return result
