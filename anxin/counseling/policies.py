"""Who may see which request and case. An object outside the person's reach answers 404.

- An employee sees his or her own requests.
- An intake coordinator sees the requests of employees in his or her scope (the subtree
  of the role assignment) and may read a request's own free text, because dispatch needs
  it (plan-independent default, docs/decisions/0004); never a session record.
- A counsellor sees only the cases assigned to him or her, and their session records.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from anxin.counseling.booking.models import Appointment, Slot
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan

# Purposes written to the access log.
PURPOSE_TRIAGE = "triage"
PURPOSE_CARE = "care"
PURPOSE_COORDINATION = "coordination"


def ancestor_paths(path: str) -> list[str]:
    """ "/1/7/42/" -> ["/1/", "/1/7/", "/1/7/42/"]: the paths of a unit and its ancestors."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def role_holders(role: str, unit: OrgUnit) -> QuerySet[User]:
    """Active users holding `role` with a scope that covers `unit` (the unit itself or
    one of its ancestors)."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=role,
            role_assignments__scope__path__in=ancestor_paths(unit.path),
        )
        .distinct()
        .order_by("pk")
    )


def coordinators_for(employee) -> QuerySet[User]:
    """The intake coordinators whose scope covers the employee's unit."""
    return role_holders(Role.INTAKE, employee.unit)


def counselors_for(authority: OrgUnit) -> QuerySet[User]:
    """The counsellors of an authority: users with the counsellor role in its subtree."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.COUNSELOR,
            role_assignments__scope__path__startswith=authority.path,
        )
        .distinct()
        .order_by("display_name", "username")
    )


def counselors_with_availability(authority: OrgUnit, *, days: int = 14) -> QuerySet[User]:
    """The authority's counsellors with what dispatch weighs: `open_cases` (their open
    cases) and `free_slots` (offered times in the next `days` days nobody has booked).
    Two subqueries, so the list costs one query however many counsellors."""

    def count_of(queryset) -> Coalesce:
        counted = queryset.order_by().values("counselor").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    now = timezone.now()
    booked = Appointment.objects.filter(slot=OuterRef("pk"), status__in=Appointment.ACTIVE)
    free = Slot.objects.filter(
        counselor=OuterRef("pk"),
        starts_at__gt=now,
        starts_at__lt=now + timedelta(days=days),
    ).exclude(Exists(booked))
    return counselors_for(authority).annotate(
        open_cases=count_of(Case.objects.filter(counselor=OuterRef("pk"), closed_on__isnull=True)),
        free_slots=count_of(free),
    )


# --- employee ----------------------------------------------------------------------------


def requests_of_employee(request: HttpRequest) -> QuerySet[CounsellingRequest]:
    return CounsellingRequest.objects.filter(employee=request.employee).select_related("case")


# --- intake coordinator -------------------------------------------------------------------


def requests_for_coordinator(request: HttpRequest) -> QuerySet[CounsellingRequest]:
    scope: OrgUnit = request.active_role.scope
    return CounsellingRequest.objects.filter(scope.subtree_q("employee__unit__"))


# How soon a waiting request should have its counsellor, by the urgency the employee
# chose: what the form's choices promise (docs/decisions/0034-intake-deadlines.md).
ASSIGN_WITHIN = {
    CounsellingRequest.Urgency.URGENT: timedelta(days=2),
    CounsellingRequest.Urgency.SOON: timedelta(days=7),
    CounsellingRequest.Urgency.ROUTINE: timedelta(days=14),
}


def waiting_with_deadlines(request: HttpRequest) -> QuerySet[CounsellingRequest]:
    """The coordinator's waiting requests, each with its `deadline` (received + the
    time its urgency allows)."""
    deadline = models.Case(
        *(
            models.When(urgency=urgency, then=models.F("received_at") + within)
            for urgency, within in ASSIGN_WITHIN.items()
        ),
        default=models.F("received_at") + ASSIGN_WITHIN[CounsellingRequest.Urgency.ROUTINE],
        output_field=models.DateTimeField(),
    )
    return (
        requests_for_coordinator(request)
        .filter(status=CounsellingRequest.Status.WAITING)
        .annotate(deadline=deadline)
    )


def get_request_for_coordinator(request: HttpRequest, request_uuid) -> CounsellingRequest:
    return get_object_or_404(
        requests_for_coordinator(request).select_related(
            "employee__unit", "plan__authority", "case__counselor"
        ),
        uuid=request_uuid,
    )


def get_case_for_coordinator_reading(request: HttpRequest, code: str) -> Case:
    """A case of the coordinator's scope whose plan lets the coordinator read session
    records (`session_records.coordinator_reads`); 404 otherwise."""
    scope: OrgUnit = request.active_role.scope
    case = get_object_or_404(
        Case.objects.filter(scope.subtree_q("employee__unit__")).select_related(
            "employee", "plan", "counselor"
        ),
        code=code,
    )
    if not case.plan.coordinator_reads_records:
        raise Http404
    return case


# --- counsellor ------------------------------------------------------------------------------


def cases_for_counselor(request: HttpRequest) -> QuerySet[Case]:
    return Case.objects.filter(counselor=request.user)


def cases_for_list(request: HttpRequest) -> QuerySet[Case]:
    """The counsellor's cases with what the list shows: the plan and the client, the
    number of sessions, the last one held and the next appointment booked (subqueries,
    so that the list costs the same whatever its size)."""
    upcoming = Appointment.objects.filter(
        case=OuterRef("pk"),
        status__in=(Appointment.Status.BOOKED, Appointment.Status.AWAITING_APPROVAL),
        slot__starts_at__gte=timezone.now(),
    ).order_by("slot__starts_at")
    sessions = SessionRecord.objects.filter(case=OuterRef("pk")).order_by()
    return (
        cases_for_counselor(request)
        .select_related("plan", "employee")
        .annotate(
            session_count=Coalesce(
                Subquery(
                    sessions.values("case").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            last_session=Subquery(sessions.order_by("-held_at").values("held_at")[:1]),
            next_appointment=Subquery(upcoming.values("slot__starts_at")[:1]),
        )
    )


def plans_of_counselor(request: HttpRequest) -> QuerySet[ProgramPlan]:
    """The plans of the counsellor's cases, for the case list's filter."""
    return ProgramPlan.objects.filter(pk__in=cases_for_counselor(request).values("plan"))


def get_case_for_counselor(request: HttpRequest, code: str) -> Case:
    return get_object_or_404(
        cases_for_counselor(request).select_related("employee", "request", "plan"), code=code
    )


def get_session_for_counselor(request: HttpRequest, case: Case, session_uuid) -> SessionRecord:
    record = SessionRecord.objects.filter(case=case, uuid=session_uuid).first()
    if record is None:
        raise Http404
    return record
