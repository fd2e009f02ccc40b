"""The roster import pages: upload, report, and the template downloads."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.imports import import_report, import_upload, recent_imports, template_download
from anxin.people import roster
from anxin.people.roles import Role, role_required, scope_of
from anxin.people.roster.forms import RosterUploadForm
from anxin.people.tasks import JOB_KIND, roster_import_start

ROSTER_ROLES = (Role.EAP_ADMIN, Role.HR)


@require_http_methods(["GET", "POST"])
@role_required(*ROSTER_ROLES)
def roster_import(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    # Bound on every POST, even an empty one, so that "no file" is answered on the form.
    form = RosterUploadForm(request.POST, request.FILES) if request.method == "POST" else None

    def start(**upload):
        return roster_import_start(owner=request.user, scope=scope, **upload)

    if started := import_upload(request, form, start, previews=False):
        return started
    context = {
        "form": form or RosterUploadForm(),
        "scope": scope,
        "columns": roster.COLUMNS,
        "formats": list(roster.TEMPLATE_WRITERS),
        "recent": recent_imports(request.user, JOB_KIND),
    }
    return render(request, "people/roster_import.html", context)


@require_GET
@role_required(*ROSTER_ROLES)
def roster_report(request: HttpRequest, job_uuid) -> HttpResponse:
    """The outcome of one import, for the person who started it (404 to anyone else)."""
    context = import_report(request, job_uuid, JOB_KIND, roster.RosterError)
    return render(request, "people/roster_report.html", context)


@require_GET
@role_required(*ROSTER_ROLES)
def roster_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The roster template with example rows, as CSV, XLSX or ODS."""
    writer = roster.TEMPLATE_WRITERS.get(fmt)
    if writer is None:
        raise Http404
    return template_download(writer(), fmt, "roster")
