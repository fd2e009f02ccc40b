"""Who the signed-in person is acting as, on this request.

A person holds the `employee` role through an active employee record and every other role
through a `RoleAssignment` scoped to a subtree. The roles are loaded afresh on every
request, so a role change or a deactivation takes effect at once (DESIGN.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from anxin.people.choices import Role
from anxin.people.models import Employee, User

SESSION_KEY = "anxin_active_role"
EMPLOYEE = Role.EMPLOYEE


@dataclass(frozen=True)
class ActiveRole:
    role: str
    scope: object | None  # an OrgUnit; None for the employee role
    label: str

    @property
    def key(self) -> str:
        return f"{self.role}:{self.scope.pk}" if self.scope is not None else self.role

    @property
    def is_staff(self) -> bool:
        return self.role != EMPLOYEE


def roles_for(user) -> tuple[list[ActiveRole], object | None]:
    """Every role `user` may act in, and the user's active employee record (if any)."""
    roles: list[ActiveRole] = []
    employee = Employee.objects.filter(user=user, is_active=True).select_related("unit").first()
    for assignment in user.role_assignments.select_related("scope"):
        roles.append(
            ActiveRole(
                assignment.role,
                assignment.scope,
                f"{assignment.get_role_display()} · {assignment.scope.name}",
            )
        )
    if user.is_superuser and not any(r.role == Role.SYSADMIN for r in roles):
        roles.append(ActiveRole(Role.SYSADMIN, None, str(Role.SYSADMIN.label)))
    # A staff member signs in to work: the staff role comes first, the employee role
    # (his or her own services) is a switch away.
    if employee is not None:
        roles.append(ActiveRole(EMPLOYEE, None, str(Role.EMPLOYEE.label)))
    return roles, employee


def choose(request: HttpRequest, roles: list[ActiveRole]) -> ActiveRole | None:
    wanted = request.session.get(SESSION_KEY)
    for role in roles:
        if role.key == wanted:
            return role
    return roles[0] if roles else None


def needs_second_factor(user, roles: list[ActiveRole]) -> bool:
    """Staff roles sign in with two factors (invariant 9); so does a Django superuser."""
    return user.is_superuser or any(role.is_staff for role in roles)


def role_required(*roles: Role) -> Callable:
    """The view runs only when the person's active role is one of `roles`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.active_role is None or request.active_role.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def scope_of(request: HttpRequest):
    """The organisation subtree the active role covers (None for the employee role)."""
    return request.active_role.scope if request.active_role else None


def privacy_officers():
    """Every active account holding the auditor role: the alerts of the access log go to
    them (registered with core.audit by `PeopleConfig.ready()`)."""
    return (
        User.objects.filter(is_active=True, role_assignments__role=Role.AUDITOR)
        .distinct()
        .order_by("pk")
    )
