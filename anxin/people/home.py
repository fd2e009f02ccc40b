"""What the people app adds to the home pages (anxin/core/home.py)."""

from django.db.models import Count, Q

from anxin.core.home import home_card
from anxin.core.models import AccessLog
from anxin.people.models import Employee
from anxin.people.roles import Role


@home_card("my_file", roles=[Role.EMPLOYEE])
def my_file(request, role) -> dict:
    """The employee and how often her file has been read."""
    employee = request.employee
    reads = AccessLog.objects.filter(subject_uuid=employee.uuid).count() if employee else 0
    return {"employee": employee, "file_reads": reads}


@home_card(
    "scope_figures",
    roles=[Role.HR, Role.EAP_ADMIN],
    template="people/home/_scope_figures.html",
    weight=10,
)
def scope_figures(request, role) -> dict:
    """The staff in the officer's scope, in one query."""
    in_scope = Employee.objects.filter(role.scope.subtree_q("unit__"))
    figures = in_scope.aggregate(
        active=Count("pk", filter=Q(is_active=True)),
        inactive=Count("pk", filter=Q(is_active=False)),
        units=Count("unit", distinct=True),
    )
    return {"figures": figures}
