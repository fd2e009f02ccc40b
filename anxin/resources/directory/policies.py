"""Who may read and write the directory (decision 0049).

Every employee of an authority reads its directory, and so do its HR officers and EAP
administrators. The EAP administrator writes every entry of the authority; an HR officer
writes the entries his or her agency is in charge of (`Service.agency` inside the role's
scope). An entry of another authority, or one the person may not edit, answers 404.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from anxin.people.models import OrgUnit
from anxin.people.roles import Role
from anxin.resources.directory.models import Service

READERS = (Role.EMPLOYEE, Role.HR, Role.EAP_ADMIN)
EDITORS = (Role.HR, Role.EAP_ADMIN)


def authority_id_for(request: HttpRequest) -> int:
    """The authority whose directory the person reads in the active role."""
    role = request.active_role
    if role is not None and role.role in EDITORS:
        return role.scope.root_id
    if request.employee is None:
        raise Http404
    return request.employee.authority_id


def services_for_reader(request: HttpRequest) -> QuerySet[Service]:
    return Service.objects.filter(authority_id=authority_id_for(request))


def services_for_editor(request: HttpRequest) -> QuerySet[Service]:
    """The entries the active role may change: the authority's for the EAP
    administrator, those of the agencies in scope for an HR officer."""
    role = request.active_role
    return services_editable(role.role, role.scope)


def services_editable(role: str, scope: OrgUnit) -> QuerySet[Service]:
    """`services_for_editor` for a role held over `scope` (an import's background task,
    which has no request)."""
    services = Service.objects.filter(authority_id=scope.root_id)
    if role == Role.EAP_ADMIN:
        return services
    return services.filter(agency__path__startswith=scope.path)


def may_edit(request: HttpRequest, service: Service) -> bool:
    role = request.active_role
    if role is None or role.role not in EDITORS or service.authority_id != role.scope.root_id:
        return False
    return role.role == Role.EAP_ADMIN or service.agency.path.startswith(role.scope.path)


def get_service_for_reader(request: HttpRequest, service_id: int) -> Service:
    service = (
        services_for_reader(request)
        .select_related("organisation", "owner", "agency")
        .prefetch_related("hours")
        .filter(pk=service_id)
        .first()
    )
    if service is None:
        raise Http404
    return service


def get_service_for_editor(request: HttpRequest, service_id: int) -> Service:
    service = (
        services_for_editor(request)
        .select_related("organisation", "agency")
        .prefetch_related("hours")
        .filter(pk=service_id)
        .first()
    )
    if service is None:
        raise Http404
    return service


def agencies_for_editor(request: HttpRequest) -> QuerySet[OrgUnit]:
    """The units an entry may be put in the charge of: the role's scope and below."""
    return OrgUnit.objects.filter(path__startswith=request.active_role.scope.path)
