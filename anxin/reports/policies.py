"""Who reads which figures. The dashboard's readers (hr for its agency subtree; eap_admin,
the committee and the external reviewer for their scope, the authority) see aggregates
only; the dossier's readers (eap_admin, committee, reviewer) see the authority's."""

from django.http import Http404, HttpRequest

from anxin.people.models import OrgUnit
from anxin.people.roles import Role, scope_of

RESULTS_READERS = (Role.HR, Role.EAP_ADMIN, Role.COMMITTEE, Role.REVIEWER)
DOSSIER_READERS = (Role.EAP_ADMIN, Role.COMMITTEE, Role.REVIEWER)


def units_for(request: HttpRequest) -> list[tuple[int, str]]:
    """The organisation units the reader may choose: the scope and its children. One
    query."""
    scope = scope_of(request)
    children = OrgUnit.objects.filter(parent=scope, is_active=True).order_by("path")
    return [(scope.pk, scope.name), *children.values_list("pk", "name")]


def get_unit_for_reader(request: HttpRequest, unit_id: int | None) -> OrgUnit:
    """The chosen unit within the reader's scope (the scope itself by default); a unit
    outside it answers 404."""
    scope = scope_of(request)
    if scope is None:
        raise Http404
    if not unit_id or unit_id == scope.pk:
        return scope
    unit = OrgUnit.objects.filter(pk=unit_id, path__startswith=scope.path).first()
    if unit is None:
        raise Http404
    return unit


def get_authority_for_reader(request: HttpRequest) -> OrgUnit:
    """The authority of the dossier: above the reader's scope."""
    scope = scope_of(request)
    if scope is None:
        raise Http404
    return scope if scope.root_id == scope.pk else OrgUnit.objects.get(pk=scope.root_id)
