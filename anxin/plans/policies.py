"""Who may read which plan: the plan readers (eap_admin, hr, committee) of an authority
read that authority's plans; another authority's plan answers 404."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan

PLAN_READERS = (Role.EAP_ADMIN, Role.HR, Role.COMMITTEE)


def _authority_id(request: HttpRequest) -> int | None:
    """The authority above the active role's scope, read from its path (no query)."""
    scope = request.active_role.scope if request.active_role else None
    if scope is None or not scope.path:
        return None
    return scope.root_id


def plans_for(request: HttpRequest) -> QuerySet[ProgramPlan]:
    return ProgramPlan.objects.filter(authority_id=_authority_id(request)).select_related(
        "authority"
    )


def get_plan_for_user(request: HttpRequest, slug: str) -> ProgramPlan:
    plan = plans_for(request).filter(slug=slug).first()
    if plan is None:
        raise Http404
    return plan
