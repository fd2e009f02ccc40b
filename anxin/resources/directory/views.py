"""The directory's pages: the list with search and filters and an entry's page for every
employee; the forms, verification, import and export for the EAP administrator and HR
officers (policies.py)."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.imports import import_report, import_upload, recent_imports
from anxin.core.locking import StaleEdit
from anxin.core.paging import page_of
from anxin.core.refusals import show_refusal
from anxin.people.models import OrgUnit
from anxin.people.roles import Role, role_required
from anxin.plans.services import plan_for_employee
from anxin.resources.directory import exporting, importing, policies, services
from anxin.resources.directory.forms import EntryForm, FilterForm, ImportForm
from anxin.resources.directory.hours import hours_text
from anxin.resources.directory.models import Service
from anxin.resources.directory.search import search
from anxin.resources.directory.tasks import JOB_KIND, directory_import_start
from anxin.resources.directory.taxonomy import taxonomy_for

PER_PAGE = 25


def filtered(queryset: QuerySet[Service], form: FilterForm, taxonomy) -> QuerySet[Service]:
    if not form.is_valid():
        return queryset.none()
    data = form.cleaned_data
    if data["stale"]:
        since = services.verify_due_since(taxonomy.plan_start, timezone.localdate())
        queryset = queryset.filter(last_verified__lt=since)
    queryset = search(queryset, data["q"])
    if data["area"]:
        queryset = queryset.filter(service_area=data["area"])
    if data["category"]:
        queryset = queryset.filter(category=data["category"])
    if data["district"]:
        queryset = queryset.filter(district=data["district"].strip())
    return queryset


@require_GET
@role_required(*policies.READERS)
def directory_list(request: HttpRequest) -> HttpResponse:
    """The directory, searched and filtered; a page costs the same queries whatever the
    number of entries (the plan, the count, the page, its opening hours)."""
    authority_id = policies.authority_id_for(request)
    taxonomy = taxonomy_for(authority_id)
    form = FilterForm(request.GET or None, taxonomy=taxonomy)
    if not form.is_bound:
        form = FilterForm({}, taxonomy=taxonomy)
    services_qs = filtered(policies.services_for_reader(request), form, taxonomy)
    page = page_of(
        request,
        services_qs.select_related("organisation").prefetch_related("hours"),
        per_page=PER_PAGE,
    )
    due_since = services.verify_due_since(taxonomy.plan_start, timezone.localdate())
    for service in page:
        service.area_name = taxonomy.area_names.get(service.service_area, "")
        service.is_due = service.last_verified < due_since
    context = {
        "form": form,
        "page": page,
        "may_edit": request.active_role.role in policies.EDITORS,
        "today": timezone.localdate(),
    }
    return render(request, "resources/directory/list.html", context)


@require_GET
@role_required(*policies.READERS)
def directory_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = policies.get_service_for_reader(request, service_id)
    taxonomy = taxonomy_for(service.authority_id)
    context = {
        "service": service,
        "area": taxonomy.area_names.get(service.service_area, ""),
        "may_edit": policies.may_edit(request, service),
        "bookable": _bookable(request, service),
    }
    return render(request, "resources/directory/detail.html", context)


def _bookable(request: HttpRequest, service: Service) -> list:
    """The advice services at fixed times this entry describes that the employee may
    book (of the plan in force for him or her, still offered): "book a time" links."""
    role = request.active_role
    if role is None or role.role != Role.EMPLOYEE:
        return []
    plan = plan_for_employee(request.employee)
    if plan is None:
        return []
    return list(service.advice_services.filter(plan=plan, is_active=True).order_by("name"))


def _form(request: HttpRequest, data=None, initial=None) -> EntryForm:
    authority_id = request.active_role.scope.root_id
    return EntryForm(
        data,
        initial=initial,
        taxonomy=taxonomy_for(authority_id),
        agencies=policies.agencies_for_editor(request),
    )


@require_http_methods(["GET", "POST"])
@role_required(*policies.EDITORS)
def directory_create(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.POST or None, initial={"agency": request.active_role.scope})
    if request.method == "POST" and form.is_valid():
        service = services.service_create(
            authority=OrgUnit.objects.get(pk=request.active_role.scope.root_id),
            agency=form.cleaned_data["agency"],
            owner=request.user,
            data=form.entry(),
            verified_on=timezone.localdate(),
        )
        messages.success(request, _("The entry was added to the directory."))
        return redirect(service)
    return render(request, "resources/directory/form.html", {"form": form, "service": None})


@require_http_methods(["GET", "POST"])
@role_required(*policies.EDITORS)
def directory_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    service = policies.get_service_for_editor(request, service_id)
    initial = {
        "organisation": service.organisation.name,
        "hours": hours_text(service.hours.all()),
        "agency": service.agency,
        "version": service.version,
        **{name: getattr(service, name) for name in services.COLUMNS},
    }
    form = _form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(
                service=service,
                expected_version=form.cleaned_data["version"] or 0,
                data=form.entry(),
                agency=form.cleaned_data["agency"],
                owner=service.owner,
                verified_on=timezone.localdate(),
            )
        except StaleEdit as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The entry was saved and marked as verified today."))
            return redirect(service)
    return render(request, "resources/directory/form.html", {"form": form, "service": service})


@require_POST
@role_required(*policies.EDITORS)
def directory_verify(request: HttpRequest, service_id: int) -> HttpResponse:
    service = policies.get_service_for_editor(request, service_id)
    services.service_verify(service=service, on=timezone.localdate())
    messages.success(request, _("The entry is marked as verified today."))
    return redirect(service)


@require_POST
@role_required(*policies.EDITORS)
def directory_delete(request: HttpRequest, service_id: int) -> HttpResponse:
    service = policies.get_service_for_editor(request, service_id)
    services.service_delete(service=service)
    messages.success(request, _("The entry was removed from the directory."))
    return redirect("resources:directory_list")


@require_GET
@role_required(*policies.EDITORS)
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    entries = (
        policies.services_for_reader(request)
        .select_related("organisation")
        .prefetch_related("hours")
        .order_by("organisation__name", "name", "pk")
    )
    if fmt == "json":
        body, content_type = exporting.as_json(entries), "application/json; charset=utf-8"
    elif fmt == "ods":
        body, content_type = (
            exporting.as_ods(entries),
            "application/vnd.oasis.opendocument.spreadsheet",
        )
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="directory.{fmt}"'
    return response


def import_page(request: HttpRequest, form_class, *, care: bool) -> HttpResponse:
    """The import page of the directory (or of the care map's facility lists): the file
    is checked whole on the form, then previewed or imported in the background."""
    # Bound on every POST, even an empty one, so that "no file" is answered on the form.
    form = form_class(request.POST, request.FILES) if request.method == "POST" else form_class()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            importing.read_rows(upload.read(), upload.name, care=care)
        except importing.DirectoryFileError as error:
            form.add_error("file", error.message)

    def start(**upload):
        role = request.active_role
        return directory_import_start(
            owner=request.user, role=role.role, scope=role.scope, care=care, **upload
        )

    if started := import_upload(request, form, start):
        return started
    context = {
        "form": form,
        "care": care,
        "recent": recent_imports(request.user, JOB_KIND, care=care),
    }
    return render(request, "resources/directory/import.html", context)


@require_http_methods(["GET", "POST"])
@role_required(*policies.EDITORS)
def directory_import(request: HttpRequest) -> HttpResponse:
    return import_page(request, ImportForm, care=False)


@require_GET
@role_required(*policies.EDITORS)
def directory_import_report(request: HttpRequest, job_uuid) -> HttpResponse:
    """The outcome of one import or preview (of entries or of a facility list), for the
    person who started it (404 to anyone else): the problems row by row, or the counts."""
    context = import_report(request, job_uuid, JOB_KIND, importing.DirectoryError)
    return render(request, "resources/directory/import_report.html", context)
