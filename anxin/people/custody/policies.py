"""Who may ask for, approve and see account-custody requests; out of reach answers 404.

- The sysadmin asks for resets (any account) and for grants (any scope); an EAP
  administrator asks for grants within his or her scope.
- An auditor or an EAP administrator approves or refuses the requests whose scope lies in
  his or her own (a request with no scope: only one whose scope is a whole authority).
  Never the person who asked, never the account holder, never in the role that asked.
- The auditor reads the security log of his or her scope.
"""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.models import OrgUnit, RoleAssignment

Role = RoleAssignment.Role

# Roles that read sealed content or the logs (DESIGN.md invariant 12), and the roles that
# take part in custody itself: a grant of any of them needs a second person's approval.
SEALED_OR_LOG_ROLES = frozenset({Role.COUNSELOR, Role.INTAKE, Role.PROVIDER_ADMIN, Role.AUDITOR})
DUAL_CONTROL_ROLES = SEALED_OR_LOG_ROLES | {Role.EAP_ADMIN, Role.SYSADMIN}

RESET_REQUESTERS = (Role.SYSADMIN,)
GRANT_REQUESTERS = (Role.SYSADMIN, Role.EAP_ADMIN)
REQUESTERS = (Role.SYSADMIN, Role.EAP_ADMIN)
APPROVERS = (Role.AUDITOR, Role.EAP_ADMIN)


def in_scope(scope: OrgUnit | None, unit: OrgUnit | None) -> bool:
    """Whether `unit` lies in `scope`; no scope (the superuser's sysadmin role) covers all,
    and a request with no unit is covered only by a whole authority."""
    if scope is None:
        return True
    if unit is None:
        return scope.parent_id is None
    return scope.contains(unit)


def _scoped(queryset: QuerySet, scope: OrgUnit | None) -> QuerySet:
    if scope is None:
        return queryset
    covered = Q(scope__path__startswith=scope.path)
    if scope.parent_id is None:
        covered |= Q(scope__isnull=True)
    return queryset.filter(covered)


def requests_for_approver(request: HttpRequest) -> QuerySet[CustodyRequest]:
    return _scoped(CustodyRequest.objects.all(), request.active_role.scope).select_related(
        "target", "scope", "requested_by", "decided_by"
    )


def requests_of_requester(request: HttpRequest) -> QuerySet[CustodyRequest]:
    return CustodyRequest.objects.filter(requested_by=request.user).select_related(
        "target", "scope", "decided_by"
    )


def get_request_for_approver(request: HttpRequest, request_uuid) -> CustodyRequest:
    return get_object_or_404(requests_for_approver(request), uuid=request_uuid)


def get_request_for_auditor(request: HttpRequest, request_uuid) -> CustodyRequest:
    return get_object_or_404(requests_for_approver(request), uuid=request_uuid)


def log_for_auditor(request: HttpRequest) -> QuerySet[SecurityLog]:
    """The security log rows of the auditor's scope: those of custody requests in it, and
    those with no request (admin changes), which concern the whole installation."""
    scope = request.active_role.scope
    rows = SecurityLog.objects.all()
    if scope is not None:
        covered = Q(request__scope__path__startswith=scope.path)
        if scope.parent_id is None:
            covered |= Q(request__isnull=True) | Q(request__scope__isnull=True)
        rows = rows.filter(covered)
    return rows


def grant_scopes_for(request: HttpRequest) -> QuerySet[OrgUnit]:
    """The units a requester may name as a grant's scope."""
    scope = request.active_role.scope
    units = OrgUnit.objects.filter(is_active=True)
    return units.filter(scope.subtree_q()) if scope is not None else units
