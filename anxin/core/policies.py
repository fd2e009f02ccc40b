"""Role checks shared by every app's views.

Pages that belong to a role answer 403 to a signed-in person acting in another role
(the page's existence is public knowledge); objects a person may not see answer 404,
through each app's own `policies.py` loaders.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def role_required(*roles: str) -> Callable:
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
