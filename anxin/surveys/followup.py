"""What hr sees of who was invited and who answered (docs/decisions/0013-survey-schedules.md).

- The completion rate by agency, for identified surveys and for surveys after counselling,
  counts only and through the plan's `k` rule (`anxin/core/kanon.py`): an agency with
  fewer than `k` people invited shows no number.
- The follow-up list of an identified survey (the new-hire questionnaire): for hr of the
  person's own agency only, each person's name, unit, invited and answered dates and a
  link to the answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery

from anxin.core import kanon
from anxin.people.models import Employee, OrgUnit
from anxin.plans.services import plan_for_authority
from anxin.surveys.audiences import audience
from anxin.surveys.models import Response, Survey, SurveyInvitation
from anxin.surveys.schedules import answered_q

ANSWERED, NOT_ANSWERED = "answered", "not_answered"


def k_for(survey: Survey) -> int:
    plan = plan_for_authority(survey.owner.root_id)
    return plan.k_threshold if plan else kanon.DEFAULT_K


def shows_completion(survey: Survey) -> bool:
    return survey.mode == Survey.Mode.IDENTIFIED or survey.schedule == Survey.Schedule.CASE_CLOSED


def population(survey: Survey):
    """The people a survey was put to: its invitations, or its whole audience."""
    if survey.is_person_relative:
        return Employee.objects.filter(
            pk__in=SurveyInvitation.objects.filter(survey=survey).values("employee_id")
        )
    return audience(survey)


@dataclass(frozen=True)
class AgencyRow:
    name: str
    invited: kanon.Entry
    answered: kanon.Entry
    rate: kanon.Display


@dataclass(frozen=True)
class Completion:
    rows: list[AgencyRow]
    invited: kanon.Entry
    answered: kanon.Entry
    rate: kanon.Display
    k: int


def _agency_of(path: str, agencies: dict[int, OrgUnit]) -> int:
    ids = [int(part) for part in path.strip("/").split("/")]
    for pk in reversed(ids):
        if pk in agencies:
            return pk
    return ids[0]


def completion_by_agency(survey: Survey, *, within: OrgUnit | None = None) -> Completion:
    """Invited (or audience), answered and the rate per agency or school, suppressed
    below `k`. Three queries, however many people."""
    k = k_for(survey)
    people = population(survey)
    if within is not None:
        people = people.filter(within.subtree_q("unit__"))
    rows = list(people.annotate(done=answered_q(survey)).values_list("unit__path", "done"))
    ids = {int(part) for path, _done in rows for part in path.strip("/").split("/")}
    units = {
        unit.pk: unit
        for unit in OrgUnit.objects.filter(pk__in=ids).only("pk", "name", "kind", "path")
    }
    agencies = {
        pk: unit
        for pk, unit in units.items()
        if unit.kind in (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)
    }
    counts: dict[int, dict[str, int]] = {}
    for path, done in rows:
        line = counts.setdefault(_agency_of(path, agencies), {ANSWERED: 0, NOT_ANSWERED: 0})
        line[ANSWERED if done else NOT_ANSWERED] += 1
    order = sorted(counts, key=lambda pk: units[pk].path)
    table = kanon.suppress_table(counts, k=k, rows=order, columns=[ANSWERED, NOT_ANSWERED])
    return Completion(
        rows=[
            AgencyRow(
                units[pk].name,
                table.row_totals[pk],
                table.cell(pk, ANSWERED),
                table.percent(pk, ANSWERED),
            )
            for pk in order
        ],
        invited=table.total,
        answered=table.column_totals[ANSWERED],
        rate=kanon.SuppressedSeries(
            k, (ANSWERED,), {ANSWERED: table.column_totals[ANSWERED]}, table.total
        ).percent(ANSWERED),
        k=k,
    )


def follow_up_surveys(scope: OrgUnit):
    """The identified surveys whose audience overlaps the hr officer's agency."""
    ancestors = [int(part) for part in scope.path.strip("/").split("/") if part]
    return (
        Survey.objects.filter(mode=Survey.Mode.IDENTIFIED)
        .filter(Q(scope__path__startswith=scope.path) | Q(scope_id__in=ancestors))
        .exclude(schedule=Survey.Schedule.EVENT_ENDED, event__isnull=True)
        .select_related("scope")
        .order_by("-opens_on", "title")
    )


def follow_up_rows(survey: Survey, scope: OrgUnit) -> list[dict]:
    """One row per person of `scope` the survey was put to: name, unit, invited date,
    answered date and the response to open. One query, however many people."""
    submitted = Response.objects.filter(
        survey=survey, employee=OuterRef("pk"), status=Response.Status.SUBMITTED
    )
    people = (
        population(survey)
        .filter(scope.subtree_q("unit__"))
        .select_related("unit")
        .annotate(
            answered_at=Subquery(submitted.values("submitted_at")[:1]),
            response_uuid=Subquery(submitted.values("uuid")[:1]),
        )
    )
    if survey.is_person_relative:
        people = people.annotate(
            invited_at=Subquery(
                SurveyInvitation.objects.filter(survey=survey, employee=OuterRef("pk")).values(
                    "invited_at"
                )[:1]
            )
        )
    rows = []
    for person in people.order_by("unit__path", "name", "pk"):
        invited = person.invited_at if survey.is_person_relative else survey.invited_at
        rows.append(
            {
                "name": person.name,
                "unit": person.unit.name,
                "invited_at": invited,
                "answered_at": person.answered_at,
                "response_uuid": person.response_uuid,
            }
        )
    return rows
