"""The export pages of a survey: choose what to export (the anonymised answers, the results
tables or the PDF report) and a format, start the export, then download the file (only the
person who started it)."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.refusals import Refused, show_refusal
from anxin.people.roles import role_required, scope_of
from anxin.plans.services import k_for
from anxin.surveys import analysis, exports, services
from anxin.surveys.models import SurveyExport
from anxin.surveys.policies import BUILDERS, survey_for_builder
from anxin.surveys.tasks import survey_export_start


class ExportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to export"),
        choices=[
            (SurveyExport.Kind.RAW, _("Answer data: one anonymised row per answer")),
            (
                SurveyExport.Kind.RESULTS,
                _("Results tables: counts, percentages and intervals, by breakdown"),
            ),
            (SurveyExport.Kind.REPORT, _("PDF report with charts")),
        ],
        initial=SurveyExport.Kind.RAW,
        required=False,
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(
        label=_("File format"),
        choices=[
            ("ods", _("ODS (OpenDocument spreadsheet)")),
            ("xlsx", _("XLSX (Excel)")),
            ("csv", _("CSV (UTF-8)")),
        ],
        initial="ods",
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The PDF report is always a PDF file."),
    )
    include_text = forms.BooleanField(
        label=_("Include the free-text answers"),
        required=False,
        help_text=_(
            "Free text may name people or show who wrote it. Numbers and e-mail addresses "
            "are masked, but read the answers before you pass the file on."
        ),
    )

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or SurveyExport.Kind.RAW

    def clean(self):
        cleaned = super().clean()
        needs_format = cleaned.get("kind") != SurveyExport.Kind.REPORT
        if needs_format and not cleaned.get("format") and "format" not in self.errors:
            self.add_error("format", ValidationError(_("Choose a file format."), code="required"))
        return cleaned


@require_http_methods(["GET", "POST"])
@role_required(*BUILDERS)
def export_new(request: HttpRequest, survey_uuid) -> HttpResponse:
    survey = survey_for_builder(request, survey_uuid)
    if request.method == "POST":
        form = ExportForm(request.POST)
    else:
        wanted = request.GET.get("kind")
        form = ExportForm(initial={"kind": wanted} if wanted in SurveyExport.Kind.values else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = survey_export_start(
                owner=request.user,
                survey=survey,
                fmt=form.cleaned_data["format"],
                include_text=form.cleaned_data["include_text"],
                kind=form.cleaned_data["kind"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            return redirect("job_status", job.uuid)
    recent = (
        SurveyExport.objects.filter(survey=survey, job__owner=request.user)
        .select_related("job")
        .defer("content")
        .order_by("-job__created_at")[:10]
    )
    context = {
        "survey": survey,
        "form": form,
        "answered": services.survey_counts(survey)["answered"],
        "k": k_for(survey.owner),
        "closed": analysis.is_closed(survey),
        "recent": list(recent),
    }
    return render(request, "surveys/export.html", context)


@require_GET
@role_required(*BUILDERS)
def export_download(request: HttpRequest, job_uuid) -> HttpResponse:
    """The file of a finished export, for the person who started it while the survey is
    still within his or her scope; 404 to anyone else."""
    export = (
        SurveyExport.objects.filter(
            services.visible_q(scope_of(request), "survey__"),
            job__uuid=job_uuid,
            job__owner=request.user,
        )
        .select_related("survey")
        .first()
    )
    if export is None:
        raise Http404
    response = HttpResponse(
        bytes(export.content), content_type=exports.CONTENT_TYPES[export.format]
    )
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    return response
