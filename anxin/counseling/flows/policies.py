"""Who may see and do what in case flows and break-glass access; out of reach answers 404.

- A supervisor or HR officer sees the flows of employees in his or her scope: step
  statuses only, never notes; records the steps of his or her role.
- An intake coordinator sees the flows in his or her scope, records intake steps with
  notes, reads the notes of every step but a counsellor's confidential record.
- A counsellor sees the flows assigned to him or her, records counsellor steps, reads
  every note.
- Break-glass: a coordinator reads a case of his or her scope while a grant he or she
  opened is valid; an auditor sees the grants of his or her scope.
"""

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from anxin.counseling.flows.models import EmergencyAccess, FlowRun, FlowStepRun
from anxin.counseling.models import Case
from anxin.people.roles import Role

SCOPED_ROLES = (Role.SUPERVISOR, Role.HR, Role.INTAKE)


def runs_for(request: HttpRequest) -> QuerySet[FlowRun]:
    role = request.active_role.role
    if role == Role.COUNSELOR:
        return FlowRun.objects.filter(counselor=request.user)
    if role in SCOPED_ROLES:
        return FlowRun.objects.filter(request.active_role.scope.subtree_q("unit__"))
    return FlowRun.objects.none()


def runs_for_list(request: HttpRequest) -> QuerySet[FlowRun]:
    """The flows in reach with their open step's action, role and deadline: open flows
    first, the most overdue at the top."""
    current = FlowStepRun.objects.filter(run=OuterRef("pk"), done_at__isnull=True)
    return (
        runs_for(request)
        .select_related("employee", "unit", "case")
        .annotate(
            current_action=Subquery(current.values("action")[:1]),
            current_role=Subquery(current.values("role")[:1]),
            current_due=Subquery(current.values("due_at")[:1]),
        )
        .order_by("-status", "current_due", "-started_at")
    )


def get_run(request: HttpRequest, run_uuid) -> FlowRun:
    return get_object_or_404(
        runs_for(request).select_related("employee__unit", "plan", "case", "counselor"),
        uuid=run_uuid,
    )


def may_record(request: HttpRequest, run: FlowRun, step_run: FlowStepRun) -> bool:
    """Whether the person may record this open step: the step's role, and for a
    counsellor's step the flow's own counsellor."""
    role = request.active_role.role
    if step_run.role != role or step_run.done_at is not None or not run.is_open:
        return False
    if role == Role.COUNSELOR:
        return run.counselor_id == request.user.pk
    return True


def may_read_notes(request: HttpRequest, run: FlowRun, *, confidential: bool) -> bool:
    role = request.active_role.role
    if role == Role.COUNSELOR:
        return run.counselor_id == request.user.pk
    return role == Role.INTAKE and not confidential


# --- break-glass ---------------------------------------------------------------------------


def case_for_emergency(request: HttpRequest, code: str) -> Case | None:
    """A case of the coordinator's scope by its code, or None (told as an unknown code)."""
    scope = request.active_role.scope
    return (
        Case.objects.filter(scope.subtree_q("employee__unit__"), code=code.strip().upper())
        .select_related("plan", "employee__unit", "counselor")
        .first()
    )


def get_case_under_emergency(request: HttpRequest, code: str) -> tuple[Case, EmergencyAccess]:
    """The case and the coordinator's valid grant for it; 404 once it has expired."""
    now = timezone.now()
    access = (
        EmergencyAccess.objects.filter(
            case__code=code,
            coordinator=request.user,
            opened_at__lte=now,
            expires_at__gt=now,
        )
        .filter(request.active_role.scope.subtree_q("case__employee__unit__"))
        .select_related("case__employee", "case__request", "case__plan")
        .order_by("-expires_at")
        .first()
    )
    if access is None:
        raise Http404
    return access.case, access


def grants_for_auditor(request: HttpRequest) -> QuerySet[EmergencyAccess]:
    return EmergencyAccess.objects.filter(
        request.active_role.scope.subtree_q("case__employee__unit__")
    ).select_related("case", "coordinator")


def grants_of_coordinator(request: HttpRequest) -> QuerySet[EmergencyAccess]:
    return EmergencyAccess.objects.filter(
        coordinator=request.user, expires_at__gt=timezone.now()
    ).select_related("case")
