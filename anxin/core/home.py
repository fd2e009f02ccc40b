"""What each role's home page shows next. Each builder runs a fixed number of queries,
whatever the size of the organisation (tested)."""

from django.db.models import Count, Q
from django.http import HttpRequest

from anxin.core.models import AccessLog, Job, Notification
from anxin.people.roles import ActiveRole


def _unread(request: HttpRequest):
    return Notification.objects.filter(recipient=request.user, read_at__isnull=True)[:5]


def _employee(request: HttpRequest, role: ActiveRole) -> dict:
    employee = request.employee
    reads = AccessLog.objects.filter(subject_uuid=employee.uuid).count() if employee else 0
    return {"employee": employee, "file_reads": reads}


def _people_scope(role: ActiveRole) -> dict:
    from anxin.people.models import Employee

    in_scope = Employee.objects.filter(role.scope.subtree_q("unit__"))
    figures = in_scope.aggregate(
        active=Count("pk", filter=Q(is_active=True)),
        inactive=Count("pk", filter=Q(is_active=False)),
        units=Count("unit", distinct=True),
    )
    return {"figures": figures}


def _admin(request: HttpRequest, role: ActiveRole) -> dict:
    from anxin.plans.models import ProgramPlan

    context = _people_scope(role)
    # A plan belongs to the authority at the root of the officer's scope.
    context["plans"] = list(ProgramPlan.objects.filter(authority_id=role.scope.root_id)[:10])
    context["recent_jobs"] = list(Job.objects.filter(owner=request.user)[:5])
    return context


def _auditor(request: HttpRequest, role: ActiveRole) -> dict:
    return {
        "log_rows": AccessLog.objects.count(),
        "denied": AccessLog.objects.filter(outcome=AccessLog.Outcome.DENIED).count(),
        "unreadable": AccessLog.objects.filter(outcome=AccessLog.Outcome.UNREADABLE).count(),
    }


_BUILDERS = {
    "employee": _employee,
    "hr": _admin,
    "eap_admin": _admin,
    "auditor": _auditor,
}


def context_for(request: HttpRequest, role: ActiveRole) -> dict:
    context = {"role": role, "unread": _unread(request)}
    if builder := _BUILDERS.get(role.role):
        context.update(builder(request, role))
    return context
