"""The organisation import pages (upload, report, template downloads) and the first-run
page, for the EAP administrator of the authority."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.imports import import_report, import_upload, recent_imports, template_download
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

    def start(**upload):
        return organisation_import_start(owner=request.user, authority=authority, **upload)

    if started := import_upload(request, form, start):
        return started
    context = {
        "form": form or OrganisationUploadForm(),
        "authority": authority,
        "columns": columns.COLUMNS,
        "formats": list(template.TEMPLATE_WRITERS),
        "recent": recent_imports(request.user, JOB_KIND),
    }
    return render(request, "people/organisation/import.html", context)


@require_GET
@role_required(Role.EAP_ADMIN)
def organisation_report(request: HttpRequest, job_uuid) -> HttpResponse:
    """The outcome of one import or preview, for the person who started it."""
    context = import_report(request, job_uuid, JOB_KIND, OrgError)
    result = context["result"]
    changes = result.get("changes") or []
    context |= {
        "changes": changes,
        "hidden_changes": max(0, result.get("change_total", 0) - len(changes)),
        "kinds": dict(OrgUnit.Kind.choices),
    }
    return render(request, "people/organisation/report.html", context)


@require_GET
@role_required(Role.EAP_ADMIN)
def organisation_template(request: HttpRequest, fmt: str) -> HttpResponse:
    writer = template.TEMPLATE_WRITERS.get(fmt)
    if writer is None:
        raise Http404
    return template_download(writer(), fmt, "organisation")


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
