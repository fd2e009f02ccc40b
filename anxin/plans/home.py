"""What the plans app adds to the home pages (anxin/core/home.py)."""

from anxin.core.home import home_card
from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan


@home_card(
    "authority_plans",
    roles=[Role.HR, Role.EAP_ADMIN],
    template="plans/home/_plans.html",
    weight=20,
)
def authority_plans(request, role) -> dict:
    # A plan belongs to the authority at the root of the officer's scope.
    return {"plans": list(ProgramPlan.objects.filter(authority_id=role.scope.root_id)[:10])}
