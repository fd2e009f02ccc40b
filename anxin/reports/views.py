"""The service-results dashboard, its spreadsheet, and the evaluation dossier."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.locking import StaleEdit
from anxin.core.refusals import show_refusal
from anxin.core.sheets import sheet_writer
from anxin.people.roles import Role, role_required
from anxin.plans.services import k_for
from anxin.reports import policies, services
from anxin.reports.dashboard import dashboard
from anxin.reports.dossier import FORMATS, dossier_build, table_rows
from anxin.reports.forms import DashboardForm, ImprovementsForm, YearForm


def _board(request: HttpRequest, *, every_section: bool = False):
    units = policies.units_for(request)
    asked = request.GET.get("unit", "")
    if asked.isdigit():
        # A unit outside the reader's scope is not a choice the form refuses but a unit
        # the reader may not see: 404, as for any object.
        policies.get_unit_for_reader(request, int(asked))
    # What the address does not ask takes its default (`?section=events` is a whole view);
    # a value the form refuses keeps its message and the default in its place.
    defaults = DashboardForm.initial_data()
    form = DashboardForm(
        {**{name: str(value) for name, value in defaults.items()}, **request.GET.dict()},
        units=units,
    )
    form.is_valid()
    data = {**defaults, **form.cleaned_data}
    node = policies.get_unit_for_reader(request, data.get("unit"))
    board = dashboard(
        node=node,
        year=data["year"],
        period=data["period"],
        k=k_for(node),
        sections=None if every_section else [data["section"]],
    )
    return form, data, board


@require_GET
@role_required(*policies.RESULTS_READERS)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, data, board = _board(request)
    section = board.sections[0]
    shown = [(item, item.table(data["by"])) for item in section.indicators]
    return render(
        request,
        "reports/dashboard.html",
        {"form": form, "board": board, "section": section, "shown": shown, "data": data},
    )


@require_GET
@role_required(*policies.RESULTS_READERS)
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """Every section and every breakdown of the chosen view, as ODS."""
    _form, data, board = _board(request, every_section=True)
    writer = sheet_writer("ods")
    number = 0
    for section in board.sections:
        for item in section.indicators:
            for table in item.tables:
                number += 1
                writer.table(
                    f"{number:02d} {item.title}",
                    [
                        [f"{section.title}：{item.title}（{table.title}）"],
                        *table_rows(table, item.value_title),
                    ],
                    bold_rows=(0, 1),
                )
    response = HttpResponse(writer.finish(), content_type=writer.content_type)
    filename = f"service-results-{data['year']}-{data['period']}.ods"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _year(request: HttpRequest) -> tuple[YearForm, int]:
    form = YearForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"]
    initial = YearForm.base_fields["year"].choices[0][0]
    return YearForm(initial={"year": initial}), initial


@require_GET
@role_required(*policies.DOSSIER_READERS)
def dossier_page(request: HttpRequest) -> HttpResponse:
    form, year = _year(request)
    dossier = dossier_build(authority=policies.get_authority_for_reader(request), year=year)
    return render(
        request,
        "reports/dossier.html",
        {"form": form, "dossier": dossier, "year": year, "can_edit": _can_edit(request)},
    )


def _can_edit(request: HttpRequest) -> bool:
    return request.active_role.role == Role.EAP_ADMIN


@require_GET
@role_required(*policies.DOSSIER_READERS)
def dossier_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, write = FORMATS[fmt]
    dossier = dossier_build(authority=policies.get_authority_for_reader(request), year=year)
    response = HttpResponse(write(dossier), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="evaluation-dossier-{year}.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def dossier_improvements(request: HttpRequest, year: int) -> HttpResponse:
    authority = policies.get_authority_for_reader(request)
    note = services.evaluation_note_for(authority=authority, year=year)
    version = note.version if note.pk else 0
    form = ImprovementsForm(
        request.POST or None, initial={"improvements": note.improvements, "version": version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_note_save(
                authority=authority,
                year=year,
                improvements=form.cleaned_data["improvements"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except StaleEdit as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, gettext("The improvements were saved."))
            return redirect(f"{reverse('reports:dossier')}?year={year}")
    return render(
        request, "reports/dossier_improvements.html", {"form": form, "year": year, "note": note}
    )
