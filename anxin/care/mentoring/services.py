"""What changes mentoring's state, and the few reads its pages share (decisions 0045 and
0062).

hr of an agency lists the mentors (trained once they completed the plan's mentors'
classes in the events app) and confirms pairs that Anxin proposes from hire dates, staff
categories and transfers in (003 §陸【新進同仁】1-2); talks are scheduled at the
plan's cadence over its period; the pair logs each talk by topic with a note only the two
of them read; the new hire may ask hr, privately, for another mentor; a pair completes at
the end of the period; hr sees completion rates by agency through the k rule, never notes.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care import training
from anxin.care.mentoring.models import Arrival, Mentor, MentorClass, MentoringPair, MentoringTalk
from anxin.core import kanon
from anxin.core.audit import read_sealed_fields
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.sealed import seal_into
from anxin.people.models import Employee, OrgUnit, RoleAssignment
from anxin.people.roles import Role
from anxin.people.roster.hooks import TRANSFERRED, RosterChange
from anxin.plans import config as c
from anxin.plans.models import ProgramPlan
from anxin.plans.services import k_for, plan_for_authority

# Reminders of a talk go out this many days before it is due.
REMIND_DAYS_BEFORE = 3
NOTE_MAX = 2000
READ_PURPOSE = "mentoring"
AGENCY_KINDS = (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)


def mentoring_of(unit: OrgUnit, *, on: date | None = None) -> c.Mentoring | None:
    """The mentoring settings of the plan in force for `unit`'s authority (one query)."""
    plan = plan_for_authority(unit.root_id, on=on)
    return plan.mentoring if plan else None


def agency_of(unit: OrgUnit, units: dict[int, OrgUnit] | None = None) -> OrgUnit:
    """The nearest agency or school above (or at) `unit`; the authority when none."""
    ids = [int(part) for part in unit.path.strip("/").split("/")]
    if units is None:
        units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids)}
    for pk in reversed(ids):
        if pk in units and units[pk].kind in AGENCY_KINDS:
            return units[pk]
    return units.get(ids[0], unit)


# --- mentors and their training --------------------------------------------------------


def mentors_in(scope: OrgUnit):
    """Active mentors of `scope`, with their active pairs counted."""
    return (
        Mentor.objects.filter(scope.subtree_q("employee__unit__"), is_active=True)
        .filter(employee__is_active=True)
        .select_related("employee", "employee__unit")
        .annotate(
            active_pairs=Count(
                "employee__mentoring_as_mentor",
                filter=Q(employee__mentoring_as_mentor__status=MentoringPair.Status.ACTIVE),
            )
        )
        .order_by("employee__unit__path", "employee__number")
    )


def trained_on(
    scope: OrgUnit, settings: c.Mentoring | None, employee_ids
) -> dict[int, date | None]:
    """For each person, the day he or she completed the last of the plan's mentors'
    classes (trained), or None. A class generated under an earlier plan of the same
    authority counts for the same training key. Two queries; none when the plan names no
    class (then nobody is trained)."""
    employee_ids = list(employee_ids)
    result: dict[int, date | None] = dict.fromkeys(employee_ids)
    if settings is None or not settings.trainings or not employee_ids:
        return result
    keys = {t.key for t in settings.trainings}
    keys_by_event = dict(
        MentorClass.objects.filter(
            plan__authority_id=scope.root_id, training_key__in=keys
        ).values_list("event_id", "training_key")
    )
    done = training.completions(keys_by_event, employee_ids)
    for pk in employee_ids:
        completed = done.get(pk, {})
        if keys <= completed.keys():
            result[pk] = timezone.localdate(max(completed[key] for key in keys))
    return result


def mentors_trained(scope: OrgUnit, settings: c.Mentoring | None) -> list[Mentor]:
    """The active mentors of `scope`, each with `trained_on` (a date, or None: not
    trained yet). Three queries."""
    mentors = list(mentors_in(scope))
    days = trained_on(scope, settings, [m.employee_id for m in mentors])
    for mentor in mentors:
        mentor.trained_on = days[mentor.employee_id]
    return mentors


@transaction.atomic
def mentor_add(*, actor, scope: OrgUnit, number: str) -> Mentor:
    """List a colleague of `scope` as a mentor (or active again); he or she is proposed
    once trained."""
    employee = (
        Employee.objects.filter(scope.subtree_q("unit__"), number=number.strip(), is_active=True)
        .select_related("unit")
        .first()
    )
    if employee is None:
        raise Refused(
            "unknown_employee",
            _("No active colleague of your agency has the employee number %(number)s.")
            % {"number": number.strip()},
        )
    mentor, _created = Mentor.objects.update_or_create(
        employee=employee, defaults={"is_active": True, "added_by": actor}
    )
    return mentor


@transaction.atomic
def mentor_retire(*, mentor: Mentor) -> None:
    """No longer proposed as a mentor; the pairs he or she has run on."""
    Mentor.objects.filter(pk=mentor.pk).update(is_active=False)


def mentor_classes_of(plan: ProgramPlan | None) -> dict[str, list]:
    """The events generated for each of the plan's mentors' trainings. One query."""
    if plan is None:
        return {}
    return training.classes_of(MentorClass.objects.filter(plan=plan))


@transaction.atomic
def mentor_classes_generate(*, actor, plan: ProgramPlan, owner_unit: OrgUnit) -> list:
    """A draft training event for each of the plan's mentors' trainings that has none yet
    (run again: nothing added twice); the counselling room adds sessions and publishes it
    on the events pages, and attendance marks those who completed it."""
    settings = plan.mentoring
    if settings is None or not settings.trainings:
        raise Refused("no_mentor_training", _("The plan in force names no mentors' training."))
    return training.classes_generate(
        actor=actor,
        plan=plan,
        trainings=settings.trainings,
        link_model=MentorClass,
        owner_unit=owner_unit,
    )


# --- transfers in -----------------------------------------------------------------------


def mentoring_roster_changes(*, authority: OrgUnit, changes: list[RosterChange]) -> None:
    """Registered with the roster import (people/roster/hooks.py, in CareConfig.ready):
    a colleague the import shows in another agency or school than before is noted as
    transferred in that day (decision 0062). Runs in the import's transaction; two
    queries and the writes, however many changes."""
    moved = {change.employee_id: change.on for change in changes if change.kind == TRANSFERRED}
    if not moved:
        return
    known = list(Arrival.objects.filter(employee_id__in=list(moved)))
    for arrival in known:
        arrival.transferred_in_on = moved.pop(arrival.employee_id)
    Arrival.objects.bulk_update(known, ["transferred_in_on"], batch_size=500)
    Arrival.objects.bulk_create(
        (Arrival(employee_id=pk, transferred_in_on=on) for pk, on in moved.items()),
        batch_size=500,
    )


# --- proposals and pairs ---------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    mentee: Employee
    mentor: Mentor | None
    # Set for a colleague proposed as a transfer in (the day seen arriving).
    transferred_in_on: date | None = None
    # The nearest trained mentors, the proposed one first: what hr chooses from.
    choices: list[Mentor] = field(default_factory=list)


def new_hires(scope: OrgUnit, settings: c.Mentoring, *, today: date) -> list[Employee]:
    """Active colleagues of `scope` hired within the plan's months, of its categories,
    and (if the plan says so) those transferred in within those months whatever their
    category, who have not been paired since; each with `transferred_in_on` (None for a
    hire). Two queries."""
    since = c.add_months(today, -settings.new_hire_within_months)
    hired = Q(hire_date__gte=since, hire_date__lte=today)
    if settings.staff_categories:
        hired &= Q(staff_category__in=settings.staff_categories)
    wanted = hired
    if settings.transfers_in:
        wanted |= Q(
            mentoring_arrival__transferred_in_on__gte=since,
            mentoring_arrival__transferred_in_on__lte=today,
        )
    candidates = list(
        Employee.objects.filter(scope.subtree_q("unit__"), wanted, is_active=True)
        .select_related("unit")
        .annotate(transferred_in_on=F("mentoring_arrival__transferred_in_on"))
        .order_by("hire_date", "number")
    )
    pairs: dict[int, list[tuple[date, str]]] = {}
    for mentee_id, starts_on, status in MentoringPair.objects.filter(
        mentee_id__in=[e.pk for e in candidates] or [0]
    ).values_list("mentee_id", "starts_on", "status"):
        pairs.setdefault(mentee_id, []).append((starts_on, status))
    result = []
    for hire in candidates:
        is_transfer = bool(
            settings.transfers_in
            and hire.transferred_in_on
            and since <= hire.transferred_in_on <= today
        )
        if not is_transfer:
            hire.transferred_in_on = None
        arrived = hire.transferred_in_on or hire.hire_date
        if any(
            status == MentoringPair.Status.ACTIVE or starts_on >= arrived
            for starts_on, status in pairs.get(hire.pk, ())
        ):
            continue
        result.append(hire)
    return result


# How many trained mentors a proposal (or a change of mentor) offers to choose from.
CHOICES = 10


def nearest_mentors(
    mentors: list[Mentor], person: Employee, load: dict[int, int], *, exclude=()
) -> list[Mentor]:
    """The trained mentors nearest to `person`: of the same unit first, then the longest
    shared branch of the tree, then the fewest active pairs; at most CHOICES."""

    def rank(mentor: Mentor) -> tuple:
        same_unit = mentor.employee.unit_id == person.unit_id
        shared = len(_common_prefix(mentor.employee.unit.path, person.unit.path))
        return (not same_unit, -shared, load[mentor.pk], mentor.employee.number)

    candidates = [m for m in mentors if m.employee_id != person.pk and m.employee_id not in exclude]
    return sorted(candidates, key=rank)[:CHOICES]


def proposals(scope: OrgUnit, *, today: date) -> list[Proposal]:
    """For each unpaired new hire or transfer in, the trained mentor Anxin proposes: one
    of the same unit first, then of the same agency, then of the scope; among them the one
    with the fewest active pairs (and the next nearest to choose from instead). A fixed
    number of queries, however many people."""
    settings = mentoring_of(scope, on=today)
    if settings is None:
        return []
    mentors = [m for m in mentors_trained(scope, settings) if m.trained_on]
    result = []
    load = {mentor.pk: mentor.active_pairs for mentor in mentors}
    for hire in new_hires(scope, settings, today=today):
        choices = nearest_mentors(mentors, hire, load)
        chosen = choices[0] if choices else None
        if chosen is not None:
            load[chosen.pk] += 1
        result.append(Proposal(hire, chosen, hire.transferred_in_on, choices))
    return result


def _common_prefix(a: str, b: str) -> list[str]:
    common = []
    for x, y in zip(a.strip("/").split("/"), b.strip("/").split("/"), strict=False):
        if x != y:
            break
        common.append(x)
    return common


def talk_dates(starts_on: date, ends_on: date, cadence_months: int) -> list[date]:
    """One talk every `cadence_months` after `starts_on`, the last on or before `ends_on`."""
    dates = []
    step = 1
    while (day := c.add_months(starts_on, step * cadence_months)) <= ends_on:
        dates.append(day)
        step += 1
    return dates


def _check_pairable(
    scope: OrgUnit, mentee: Employee, mentor: Mentor, settings: c.Mentoring | None
) -> None:
    if not (mentee.is_active and scope.contains(mentee.unit)):
        raise Refused("mentee_outside", _("This new hire is not a colleague of your agency."))
    if not (
        mentor.is_active and mentor.employee.is_active and scope.contains(mentor.employee.unit)
    ):
        raise Refused(
            "mentor_outside", _("Choose a trained mentor of your agency who is still active.")
        )
    if mentor.employee_id == mentee.pk:
        raise Refused("own_mentor", _("A new hire cannot be his or her own mentor."))
    if trained_on(scope, settings, [mentor.employee_id])[mentor.employee_id] is None:
        raise Refused(
            "untrained",
            _(
                "This mentor has not completed the mentors' training yet (the events app "
                "records it by attendance)."
            ),
        )


def _tell_pair(pair: MentoringPair, template: str, **context) -> None:
    url = reverse("care:mentoring_mine")
    people = [p.user for p in (pair.mentor, pair.mentee) if p.user_id]
    notify(recipients=people, template=template, context=context, url=url)


def _open_pair(
    *, actor, mentee: Employee, mentor: Mentor, starts_on: date, ends_on: date, cadence: int
) -> MentoringPair:
    if MentoringPair.objects.filter(mentee=mentee, status=MentoringPair.Status.ACTIVE).exists():
        raise Refused("already_paired", _("This new hire already has a mentor."))
    pair = MentoringPair.objects.create(
        mentee=mentee,
        mentor=mentor.employee,
        agency=agency_of(mentee.unit),
        starts_on=starts_on,
        ends_on=ends_on,
        cadence_months=cadence,
        confirmed_by=actor,
    )
    MentoringTalk.objects.bulk_create(
        MentoringTalk(pair=pair, due_on=day) for day in talk_dates(starts_on, ends_on, cadence)
    )
    _tell_pair(pair, "mentoring_paired", starts=starts_on, ends=ends_on, every=cadence)
    return pair


@transaction.atomic
def pair_confirm(
    *, actor, scope: OrgUnit, mentee: Employee, mentor: Mentor, today: date
) -> MentoringPair:
    """hr confirms a pair (the proposed mentor or another trained one); its talks are
    scheduled at the plan's cadence over its period, and both are told."""
    settings = mentoring_of(scope, on=today)
    if settings is None:
        raise Refused("no_mentoring", _("The plan in force does not set up mentoring."))
    _check_pairable(scope, mentee, mentor, settings)
    return _open_pair(
        actor=actor,
        mentee=mentee,
        mentor=mentor,
        starts_on=today,
        ends_on=c.add_months(today, settings.period_months),
        cadence=settings.cadence_months,
    )


@transaction.atomic
def change_ask(*, pair: MentoringPair, now: datetime) -> None:
    """The new hire asks hr, privately, for another mentor: hr of the agency is told
    (without names); the mentor is not."""
    if not pair.is_active:
        raise Refused("pair_closed", _("This mentoring has ended."))
    if pair.change_asked_at is not None:
        raise Refused("change_asked", _("You have asked already; hr will be in touch."))
    MentoringPair.objects.filter(pk=pair.pk).update(change_asked_at=now)
    notify(
        recipients=hr_of(pair.agency),
        template="mentoring_change_asked",
        context={},
        url=reverse("care:mentoring_pairs"),
    )


def hr_of(unit: OrgUnit) -> list:
    """The hr officers whose scope covers `unit`."""
    assignments = RoleAssignment.objects.filter(role=Role.HR, user__is_active=True).select_related(
        "scope", "user"
    )
    return [a.user for a in assignments if a.scope.contains(unit)]


@transaction.atomic
def pair_reassign(
    *, actor, scope: OrgUnit, pair: MentoringPair, mentor: Mentor, today: date
) -> MentoringPair:
    """hr gives the new hire another mentor for the rest of the period: the pair ends
    early (the former mentor is told it ended, not why) and a new one starts today."""
    if not pair.is_active:
        raise Refused("pair_closed", _("This mentoring has ended."))
    if mentor.employee_id == pair.mentor_id:
        raise Refused("same_mentor", _("Choose a mentor other than the present one."))
    _check_pairable(scope, pair.mentee, mentor, mentoring_of(scope, on=today))
    MentoringPair.objects.filter(pk=pair.pk).update(
        status=MentoringPair.Status.ENDED, closed_at=timezone.now()
    )
    MentoringTalk.objects.filter(pair=pair, held_on__isnull=True, due_on__gt=today).delete()
    if pair.mentor.user_id:
        notify(
            recipients=[pair.mentor.user],
            template="mentoring_ended",
            context={},
            url=reverse("care:mentoring_mine"),
        )
    return _open_pair(
        actor=actor,
        mentee=pair.mentee,
        mentor=mentor,
        starts_on=today,
        ends_on=max(pair.ends_on, today + timedelta(days=1)),
        cadence=pair.cadence_months,
    )


# --- talks ------------------------------------------------------------------------------


@transaction.atomic
def talk_log(
    *,
    talk: MentoringTalk,
    held_on: date,
    topic: str,
    note: str,
    expected_version: int,
    today: date,
) -> MentoringTalk:
    """Log a talk by topic category, with an optional note sealed for the pair."""
    if talk.pair.status == MentoringPair.Status.ENDED:
        raise Refused("pair_closed", _("This mentoring has ended."))
    if held_on > today:
        raise Refused("future", _("A talk is logged once it has been held."))
    if topic not in MentoringTalk.Topic.values:
        raise Refused("topic", _("Choose the talk's topic."))
    talk.held_on = held_on
    talk.topic = topic
    seal_into(talk, "note", note.strip()[:NOTE_MAX])
    save_versioned(talk, expected_version=expected_version, fields=["held_on", "topic", "note"])
    return talk


def talk_note(talk: MentoringTalk, *, actor, role: str) -> str:
    """The talk's note, for one of the pair (the caller checked), the read logged."""
    if not talk.note:
        return ""
    return read_sealed_fields(
        talk,
        ["note"],
        actor=actor,
        purpose=READ_PURPOSE,
        subject_uuid=talk.pair.mentee.uuid,
        role=role,
    )["note"]


# --- periodic work ----------------------------------------------------------------------


@transaction.atomic
def pairs_complete(*, today: date) -> int:
    """Active pairs whose period has ended are completed."""
    return MentoringPair.objects.filter(
        status=MentoringPair.Status.ACTIVE, ends_on__lte=today
    ).update(status=MentoringPair.Status.COMPLETED, closed_at=timezone.now())


@transaction.atomic
def talks_remind(*, today: date) -> int:
    """Remind both of the pair of each talk due within REMIND_DAYS_BEFORE days, once."""
    talks = list(
        MentoringTalk.objects.filter(
            pair__status=MentoringPair.Status.ACTIVE,
            held_on__isnull=True,
            reminded_on__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        ).select_related("pair__mentor__user", "pair__mentee__user")
    )
    sent = 0
    for talk in talks:
        # Claimed first, in the same transaction as the notices: a second run (or a run
        # that died and runs again) finds it reminded and tells nobody twice.
        if MentoringTalk.objects.filter(pk=talk.pk, reminded_on__isnull=True).update(
            reminded_on=today
        ):
            _tell_pair(talk.pair, "mentoring_talk_due", due=talk.due_on)
            sent += 1
    return sent


# --- completion rates -------------------------------------------------------------------

COMPLETED = "completed"
ENDED = "ended"
ACTIVE = "active"


@dataclass(frozen=True)
class RateRow:
    name: str
    closed: kanon.Entry
    completed: kanon.Entry
    rate: kanon.Display


@dataclass(frozen=True)
class Rates:
    rows: list[RateRow]
    closed: kanon.Entry
    completed: kanon.Entry
    rate: kanon.Display
    active: kanon.Entry
    k: int


def completion_rates(scope: OrgUnit) -> Rates:
    """Closed pairs by agency, completed or ended early, and the completion rate, through
    the k rule. Three queries, however many pairs; no note, no name."""
    k = k_for(scope)
    rows = list(
        MentoringPair.objects.filter(scope.subtree_q("agency__"))
        .values("agency_id", "agency__name", "agency__path", "status")
        .annotate(n=Count("pk"))
        .order_by("agency__path")
    )
    counts: dict[int, dict[str, int]] = {}
    names: dict[int, str] = {}
    active = 0
    for row in rows:
        names[row["agency_id"]] = row["agency__name"]
        line = counts.setdefault(row["agency_id"], {COMPLETED: 0, ENDED: 0})
        if row["status"] == MentoringPair.Status.COMPLETED:
            line[COMPLETED] += row["n"]
        elif row["status"] == MentoringPair.Status.ENDED:
            line[ENDED] += row["n"]
        else:
            active += row["n"]
    order = list(counts)
    table = kanon.suppress_table(counts, k=k, rows=order, columns=[COMPLETED, ENDED])
    return Rates(
        rows=[
            RateRow(
                names[pk],
                table.row_totals[pk],
                table.cell(pk, COMPLETED),
                table.percent(pk, COMPLETED),
            )
            for pk in order
        ],
        closed=table.total,
        completed=table.column_totals[COMPLETED],
        rate=kanon.SuppressedSeries(
            k, (COMPLETED,), {COMPLETED: table.column_totals[COMPLETED]}, table.total
        ).percent(COMPLETED),
        active=kanon.suppress_series({ACTIVE: active}, k=k)[ACTIVE],
        k=k,
    )


# --- retention ------------------------------------------------------------------------------

# A talk's note is kept for a year after its pair closed (completed or ended early), for
# the pair to look back, then emptied; the talk's date and topic stay for the completion
# rates (decision 0075).
KEEP_NOTES = timedelta(days=365)


def notes_purge(*, now: datetime) -> int:
    """Empty the sealed notes of talks whose pair closed more than KEEP_NOTES ago; how many."""
    old = MentoringTalk.objects.filter(pair__closed_at__lt=now - KEEP_NOTES).exclude(note="")
    return old.update(note="")
