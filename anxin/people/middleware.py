"""Who the request acts as (roles) and the second factor staff must pass first."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from anxin.people import roles as role_mod

# Paths a signed-in staff member may reach before the second factor.
_PRE_VERIFY_PATHS = ("/account/", "/static/", "/i18n/")


class RoleMiddleware:
    """Load the person's roles on every request and pick the active one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.roles, request.employee, request.active_role = [], None, None
        if request.user.is_authenticated:
            request.roles, request.employee = role_mod.roles_for(request.user)
            request.active_role = role_mod.choose(request, request.roles)
        return self.get_response(request)


class TwoFactorMiddleware:
    """Send a staff member who has not passed the second factor to enrolment or to the
    code prompt; nothing else is reachable until then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and role_mod.needs_second_factor(user, request.roles)
            and not request.path.startswith(_PRE_VERIFY_PATHS)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('otp_verify')}?{query}")
        return self.get_response(request)
