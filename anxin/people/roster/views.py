"""The roster import pages: upload, report, and the template downloads."""

from pathlib import PurePath

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.models import Job
from anxin.people import roster
from anxin.people.models import OrgUnit
from anxin.people.roles import Role, role_required, scope_of
from anxin.people.roster.forms import RosterUploadForm
from anxin.people.tasks import JOB_KIND, roster_import_start

ROSTER_ROLES = (Role.EAP_ADMIN, Role.HR)


def _recent_imports(user) -> list[Job]:
    return list(Job.objects.filter(owner=user, kind=JOB_KIND)[:10])


@require_http_methods(["GET", "POST"])
@role_required(*ROSTER_ROLES)
def roster_import(request: HttpRequest) -> HttpResponse:
    scope: OrgUnit = scope_of(request)
    # Bound on every POST, even an empty one, so that "no file" is answered on the form.
    form = RosterUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    if form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        upload.seek(0)
        job = roster_import_start(
            owner=request.user,
            scope=scope,
            data=upload.read(),
            filename=PurePath(upload.name).name,
        )
        return redirect("job_status", job.uuid)
    context = {
        "form": form or RosterUploadForm(),
        "scope": scope,
        "columns": roster.COLUMNS,
        "formats": list(roster.TEMPLATE_WRITERS),
        "recent": _recent_imports(request.user),
    }
    return render(request, "people/roster_import.html", context)


@require_GET
@role_required(*ROSTER_ROLES)
def roster_report(request: HttpRequest, job_uuid) -> HttpResponse:
    """The outcome of one import, for the person who started it (404 to anyone else)."""
    job = Job.objects.filter(uuid=job_uuid, owner=request.user, kind=JOB_KIND).first()
    if job is None:
        raise Http404
    result = job.result or {}
    errors = [
        roster.RosterError(e["line"], e["column"], e["code"], e.get("params") or {})
        for e in result.get("errors", [])
    ]
    context = {
        "job": job,
        "result": result,
        "counts": result.get("counts") or {},
        "errors": errors,
        "hidden_errors": max(0, result.get("error_total", 0) - len(errors)),
    }
    return render(request, "people/roster_report.html", context)


@require_GET
@role_required(*ROSTER_ROLES)
def roster_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The roster template with example rows, as CSV, XLSX or ODS."""
    writer = roster.TEMPLATE_WRITERS.get(fmt)
    if writer is None:
        raise Http404
    response = HttpResponse(writer(), content_type=roster.TEMPLATE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="roster-template.{fmt}"'
    return response
