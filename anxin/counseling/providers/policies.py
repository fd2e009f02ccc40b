"""Who may see which provider and group request. Anything outside a person's reach
answers 404.

- The EAP administrator sees every provider of his or her authority (the authority of
  the role's scope).
- A provider administrator sees only his or her own provider.
- A group request is seen by the supervisor who made it, by the HR officers whose
  scope covers its unit (what happened and how many came, nothing more: there is
  nothing more), and by the intake coordinators whose scope covers it.
"""

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from anxin.counseling.providers.models import GroupRequest, Provider
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role


def _authority_id(request: HttpRequest) -> int:
    return request.active_role.scope.root_id


def _role(request: HttpRequest) -> str:
    return request.active_role.role


# --- providers ------------------------------------------------------------------------------


def providers_for_admin(request: HttpRequest) -> QuerySet[Provider]:
    """The EAP administrator's providers: those of the authority."""
    return Provider.objects.filter(authority_id=_authority_id(request))


def providers_for(request: HttpRequest) -> QuerySet[Provider]:
    """Providers this person may see: the authority's for the EAP administrator, his or
    her own for a provider administrator, none for anyone else."""
    if _role(request) == Role.EAP_ADMIN:
        return providers_for_admin(request)
    if _role(request) == Role.PROVIDER_ADMIN:
        return Provider.objects.filter(admins__user=request.user)
    return Provider.objects.none()


def get_provider(request: HttpRequest, pk: int) -> Provider:
    return get_object_or_404(providers_for(request), pk=pk)


def get_provider_for_admin(request: HttpRequest, pk: int) -> Provider:
    """For pages that change a provider: the EAP administrator only."""
    return get_object_or_404(providers_for_admin(request), pk=pk)


def providers_list(request: HttpRequest) -> QuerySet[Provider]:
    return providers_for_admin(request).annotate(
        counselor_count=Count("counselors", distinct=True),
        rate_count=Count("rates", distinct=True),
    )


def counselors_available(provider: Provider) -> QuerySet[User]:
    """Users with the counsellor role in the provider's authority who work for no
    provider yet."""
    authority = OrgUnit.objects.get(pk=provider.authority_id)
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.COUNSELOR,
            role_assignments__scope__path__startswith=authority.path,
            provider_counselor__isnull=True,
        )
        .distinct()
        .order_by("display_name", "username")
    )


def provider_admins_available(provider: Provider) -> QuerySet[User]:
    authority = OrgUnit.objects.get(pk=provider.authority_id)
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.PROVIDER_ADMIN,
            role_assignments__scope__path__startswith=authority.path,
            provider_admin__isnull=True,
        )
        .distinct()
        .order_by("display_name", "username")
    )


def get_rate(provider: Provider, pk: int):
    rate = provider.rates.filter(pk=pk).first()
    if rate is None:
        raise Http404
    return rate


# --- group requests ---------------------------------------------------------------------------


def group_requests_for(request: HttpRequest) -> QuerySet[GroupRequest]:
    role = _role(request)
    scope: OrgUnit = request.active_role.scope
    if role == Role.SUPERVISOR:
        return GroupRequest.objects.filter(requested_by=request.user)
    if role in (Role.HR, Role.INTAKE):
        return GroupRequest.objects.filter(scope.subtree_q("unit__"))
    return GroupRequest.objects.none()


def get_group_request(request: HttpRequest, request_uuid) -> GroupRequest:
    return get_object_or_404(
        group_requests_for(request).select_related("unit", "counselor", "provider"),
        uuid=request_uuid,
    )


def units_for_request(request: HttpRequest) -> QuerySet[OrgUnit]:
    """The units a supervisor or HR officer may ask for: his or her scope's subtree."""
    scope: OrgUnit = request.active_role.scope
    return OrgUnit.objects.filter(scope.subtree_q(), is_active=True).order_by("path")
