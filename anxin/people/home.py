"""What the people app adds to the home pages (anxin/core/home.py)."""

from django.db.models import Count, Q

from anxin.core.home import home_card
from anxin.core.models import AccessLog
from anxin.people.models import Employee
from anxin.people.organisation.firstrun import first_run_steps
from anxin.people.roles import Role


@home_card("my_file", roles=[Role.EMPLOYEE])
def my_file(request, role) -> dict:
    """The employee and how often others have read her file (her own looks are counted on
    the page, behind its switch, as it lists them)."""
    employee = request.employee
    reads = (
        AccessLog.objects.filter(subject_uuid=employee.uuid).exclude(actor=request.user).count()
        if employee
        else 0
    )
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


@home_card(
    "first_run",
    roles=[Role.EAP_ADMIN],
    template="people/home/_first_run.html",
    weight=5,
)
def first_run(request, role) -> dict:
    """The first-run steps while one is left (the card is empty once all are done)."""
    steps = first_run_steps(role.scope.authority())
    return {"first_run_steps": steps, "first_run_left": [s for s in steps if not s.done]}
