"""The counselling room's pages for the interviews with personnel heads."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from anxin.care.interviews import services
from anxin.care.interviews.forms import AnswersForm, ScheduleForm
from anxin.care.interviews.policies import ROOM, interview_for_room, interviews_for_room
from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.people.roles import role_required, scope_of


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_http_methods(["GET", "POST"])
@role_required(*ROOM)
def interviews(request: HttpRequest) -> HttpResponse:
    """Each agency of the scope with its interview of the year; schedule one."""
    scope = scope_of(request)
    year = _year(request)
    agencies = list(services.agencies_in(scope))
    form = ScheduleForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
        try:
            interview = services.interview_schedule(
                actor=request.user,
                scope=scope,
                agency=agency,
                scheduled_on=form.cleaned_data["scheduled_on"],
                head_number=form.cleaned_data["head_number"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The interview is scheduled."))
            return redirect(f"{request.path}?year={interview.year}")
    held = {
        interview.agency_id: interview
        for interview in interviews_for_room(request)
        .filter(year=year)
        .select_related("interviewer")
    }
    return render(
        request,
        "care/interviews/list.html",
        {
            "year": year,
            "rows": [(agency, held.get(agency.pk)) for agency in agencies],
            "form": form,
            "settings": services.interviews_of(scope),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*ROOM)
def interview(request: HttpRequest, interview_uuid) -> HttpResponse:
    """The interview's structured answers: record them, or read them (the read logged)."""
    the_interview = interview_for_room(request, interview_uuid)
    if request.method == "POST":
        form = AnswersForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.interview_record(
                    interview=the_interview,
                    answers={theme: data[theme] for theme in services.THEMES},
                    expected_version=data["version"],
                    actor=request.user,
                    role=request.active_role.role,
                )
            except StaleEdit as stale:
                show_refusal(request, stale, form=form)
            except Refused as refused:
                show_refusal(request, refused, form=form)
            else:
                messages.success(request, _("The answers are saved."))
                return redirect("care:interviews_detail", the_interview.uuid)
    else:
        answers = services.interview_answers(
            the_interview, actor=request.user, role=request.active_role.role
        )
        form = AnswersForm(initial={**answers, "version": the_interview.version})
    return render(
        request, "care/interviews/detail.html", {"interview": the_interview, "form": form}
    )


@require_GET
@role_required(*ROOM)
def themes(request: HttpRequest) -> HttpResponse:
    """The year's summary: per theme, the words several agencies gave (no names)."""
    return render(
        request,
        "care/interviews/themes.html",
        {
            "summary": services.themes_for(scope_of(request), _year(request)),
            "min_agencies": services.MIN_AGENCIES,
        },
    )


@require_GET
@role_required(*ROOM)
def themes_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The year's summary as PDF: themes and counts only."""
    if not 2000 <= year <= 2100:
        raise Http404
    data = services.themes_pdf(services.themes_for(scope_of(request), year))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="interview-themes-{year}.pdf"'
    return response
