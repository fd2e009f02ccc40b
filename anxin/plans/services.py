"""Plan services: loading validated plan files, and which plan serves whom."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from anxin.core.kanon import DEFAULT_K
from anxin.people.models import Employee, OrgUnit
from anxin.people.services import orgunit_create
from anxin.plans.documents import PlanDocument, PlanError, PlanFileError
from anxin.plans.models import ProgramPlan


@dataclass(frozen=True)
class PlanLoad:
    """What loading one document did."""

    plan: ProgramPlan
    created: bool
    authority_created: bool


def _find_authority(document: PlanDocument) -> tuple[OrgUnit | None, list[PlanError]]:
    """The existing authority unit the plan names: by agency code when the file gives one,
    else by name among top-level authorities. A code held by a unit that is not a
    top-level authority is an error."""
    wanted = document.data["authority"]
    if code := wanted.get("code"):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is not None and (unit.kind != OrgUnit.Kind.AUTHORITY or unit.parent_id):
            message = f"agency code {code} belongs to '{unit.name}', which is not an authority"
            return None, [document.error(("authority", "code"), message)]
        return unit, []
    unit = (
        OrgUnit.objects.filter(kind=OrgUnit.Kind.AUTHORITY, parent=None, name=wanted["name"])
        .order_by("pk")
        .first()
    )
    return unit, []


@transaction.atomic
def plans_load(*, documents: Sequence[PlanDocument]) -> list[PlanLoad]:
    """Store validated plan documents, all or none. A plan is found by slug and updated in
    place, so that loading the same file twice leaves the same state; its authority is
    created (kind authority) when no unit matches."""
    slugs = [document.slug for document in documents]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    if duplicates:
        raise PlanFileError(
            [
                document.error(("slug",), "another file in this load has the same slug")
                for document in documents
                if document.slug in duplicates
            ]
        )
    found = [_find_authority(document) for document in documents]
    errors = [error for _unit, unit_errors in found for error in unit_errors]
    if errors:
        raise PlanFileError(errors)

    results = []
    for document, (authority, _errors) in zip(documents, found, strict=True):
        data = document.data
        authority_created = authority is None
        if authority is None:
            authority = orgunit_create(
                name=data["authority"]["name"],
                kind=OrgUnit.Kind.AUTHORITY,
                code=data["authority"].get("code", ""),
            )
        period = data["period"]
        plan, created = ProgramPlan.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "authority": authority,
                "period_start": date.fromisoformat(period["start"]),
                "period_end": date.fromisoformat(period["end"]) if "end" in period else None,
                "k_threshold": data.get("statistics", {}).get("k_threshold", DEFAULT_K),
                "config": data,
                "source_file": document.file_name,
                "loaded_at": timezone.now(),
            },
        )
        results.append(PlanLoad(plan=plan, created=created, authority_created=authority_created))
    return results


def plan_for_employee(employee, *, on: date | None = None) -> ProgramPlan | None:
    """The plan in force for the employee's authority (`plan_for_authority`). One query."""
    if employee is None:
        return None
    return plan_for_authority(employee.authority_id, on=on)


def plan_for_authority(authority_id: int, *, on: date | None = None) -> ProgramPlan | None:
    """The plan of the authority in force on `on` (today): the latest started one whose
    period has not ended; if every started plan has ended, the latest of them, since a
    plan stays in force until the next one is loaded. One query."""
    on = on or timezone.localdate()
    running = Q(period_end__isnull=True) | Q(period_end__gte=on)
    return (
        ProgramPlan.objects.filter(authority_id=authority_id, period_start__lte=on)
        .annotate(
            ended=Case(When(running, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("ended", "-period_start", "-pk")
        .first()
    )


def k_of(plan: ProgramPlan | None) -> int:
    """The smallest group a statistic may show under `plan` (DESIGN.md invariant 3); the
    project's default when no plan is loaded. No query."""
    return plan.k_threshold if plan else DEFAULT_K


def k_for(subject: OrgUnit | Employee) -> int:
    """The k of statistics about `subject`: an organisation unit (a role's scope, the
    agency that owns a survey) or an employee, from the plan in force for its authority.
    The one k lookup of the project. One query."""
    if isinstance(subject, Employee):
        return k_of(plan_for_employee(subject))
    return k_of(plan_for_authority(subject.root_id))


def is_eligible(employee, plan: ProgramPlan) -> bool:
    """Is this employee served by this plan? An active employee of the plan's authority
    whose staff category the plan names (e.g. teachers: yes in Chiayi, no in Taipei).
    No query."""
    return (
        employee is not None
        and employee.is_active
        and employee.authority_id == plan.authority_id
        and plan.serves_category(employee.staff_category)
    )


def crisis_lines_for(employee) -> list[dict]:
    """The crisis lines of the employee's plan ({number, name, hours}); [] when there is
    no employee or no plan, so that the caller falls back to the national lines. Shown
    whether or not the employee is eligible: help lines are never withheld. One query
    at most."""
    plan = plan_for_employee(employee)
    return [line.as_dict() for line in plan.crisis_lines] if plan else []


# FACTS.md "Crisis lines": the national lines, shown where no plan names its own.
DEFAULT_CRISIS_LINES = [
    {"number": "1925", "name": "安心專線", "hours": "24h"},
    {"number": "1995", "name": "生命線", "hours": ""},
    {"number": "1980", "name": "張老師", "hours": ""},
    {"number": "113", "name": "保護專線", "hours": "24h"},
]


def crisis_lines_shown(employee) -> list[dict]:
    """The crisis lines to show the person: his or her plan's, else the national ones."""
    return crisis_lines_for(employee) or DEFAULT_CRISIS_LINES
