from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from anxin.core.policies import role_required


@require_http_methods(["GET", "POST"])
@role_required("eap_admin", "hr")
def roster_import(request: HttpRequest) -> HttpResponse:
    """Placeholder: the roster work replaces this."""
    return render(request, "people/roster_import.html", {})
