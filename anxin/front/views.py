from django.contrib.auth.decorators import login_required
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from anxin.core.home import home_context
from anxin.plans.services import DEFAULT_CRISIS_LINES


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The active role's home page: its own template around the cards the apps declare
    for it (a role without a page of its own gets the cards alone)."""
    role = request.active_role
    if role is None:
        return render(request, "front/home/no_role.html")
    templates = [f"front/home/{role.role}.html", "front/home/_base.html"]
    return render(request, templates, home_context(request, role))


# --- error pages (settings: handler400 and handler500 in urls.py, CSRF_FAILURE_VIEW) ------
# 403 and 404 are Django's own views around front/templates/403.html and 404.html.


def _bare_page(template_name: str) -> str:
    """An error page in the site's frame, rendered without the request: no context
    processor runs (they read the session, the database, the person), so a failing
    database or a malformed request cannot fail the error page too, and nothing of the
    request or the error reaches it. The footer shows the national crisis lines."""
    return render_to_string(template_name, {"anxin_crisis_lines": DEFAULT_CRISIS_LINES})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseBadRequest(_bare_page("400.html"))


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(_bare_page("500.html"))


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused for its CSRF token, in the full frame (the person is still signed
    in); the technical reason is not shown."""
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))
