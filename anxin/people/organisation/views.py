"""The organisation import pages (upload, report, template downloads) and the first-run
page, for the EAP administrator of the authority."""

from pathlib import PurePath

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.models import Job
from anxin.people.models import OrgUnit
from anxin.people.organisation import columns, template
from anxin.people.organisation.errors import OrgError
from anxin.people.organisation.firstrun import first_run_steps
from anxin.people.organisation.forms import OrganisationUploadForm
from anxin.people.organisation.tasks import JOB_KIND, organisation_import_start
from anxin.people.roles import Role, role_required, scope_of


def _authority(request: HttpRequest) -> OrgUnit:
    return scope_of(request).authority()


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def organisation_import(request: HttpRequest) -> HttpResponse:
    authority = _authority(request)
    form = OrganisationUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    if form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        upload.seek(0)
        job = organisation_import_start(
            owner=request.user,
            authority=authority,
            data=upload.read(),
            filename=PurePath(upload.name).name,
            preview=request.POST.get("action") != "apply",
        )
        return redirect("job_status", job.uuid)
    context = {
        "form": form or OrganisationUploadForm(),
        "authority": authority,
        "columns": columns.COLUMNS,
        "formats": list(template.TEMPLATE_WRITERS),
        "recent": list(Job.objects.filter(owner=request.user, kind=JOB_KIND)[:10]),
    }
    return render(request, "people/organisation/import.html", context)


@require_GET
@role_required(Role.EAP_ADMIN)
def organisation_report(request: HttpRequest, job_uuid) -> HttpResponse:
    """The outcome of one import or preview, for the person who started it."""
    job = Job.objects.filter(uuid=job_uuid, owner=request.user, kind=JOB_KIND).first()
    if job is None:
        raise Http404
    result = job.result or {}
    errors = [
        OrgError(e["line"], e["column"], e["code"], e.get("params") or {})
        for e in result.get("errors", [])
    ]
    context = {
        "job": job,
        "result": result,
        "counts": result.get("counts") or {},
        "changes": result.get("changes") or [],
        "hidden_changes": max(0, result.get("change_total", 0) - len(result.get("changes", []))),
        "errors": errors,
        "hidden_errors": max(0, result.get("error_total", 0) - len(errors)),
        "kinds": dict(OrgUnit.Kind.choices),
    }
    return render(request, "people/organisation/report.html", context)


@require_GET
@role_required(Role.EAP_ADMIN)
def organisation_template(request: HttpRequest, fmt: str) -> HttpResponse:
    writer = template.TEMPLATE_WRITERS.get(fmt)
    if writer is None:
        raise Http404
    response = HttpResponse(writer(), content_type=template.TEMPLATE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="organisation-template.{fmt}"'
    return response


@require_GET
@role_required(Role.EAP_ADMIN)
def first_run(request: HttpRequest) -> HttpResponse:
    authority = _authority(request)
    steps = first_run_steps(authority)
    context = {
        "authority": authority,
        "steps": steps,
        "done": sum(step.done for step in steps),
        "next_step": next((step for step in steps if not step.done), None),
    }
    return render(request, "people/organisation/first_run.html", context)
