from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from anxin.core.home import home_context


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
