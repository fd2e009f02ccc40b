"""The analysis page of a survey: for eap_admin across the authority and for hr over the
surveys their agency owns, aggregates only, after the survey has closed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from anxin.people.roles import role_required
from anxin.surveys import analysis, ballots, charts
from anxin.surveys.policies import BUILDERS, survey_for_builder


def _charts(result: analysis.QuestionResult, table, index: int) -> dict:
    prefix = f"chart-q{index}"
    return {
        "distribution": charts.distribution_chart(result, f"{prefix}-share"),
        "means": charts.means_chart(result, table, f"{prefix}-means") if table else None,
        "trend": charts.trend_chart(result, f"{prefix}-trend"),
    }


@require_GET
@role_required(*BUILDERS)
def survey_analysis(request: HttpRequest, survey_uuid) -> HttpResponse:
    survey = survey_for_builder(request, survey_uuid)
    context = {"survey": survey, "closed": analysis.is_closed(survey)}
    if not context["closed"]:
        return render(request, "surveys/analysis.html", context)
    result = analysis.survey_analysis(survey)
    # Answers not yet in the tallies: the closing batch runs within minutes, or, for an
    # anonymous survey with fewer than k answers, never (decision 0019).
    context["waiting"] = ballots.pending_count(survey)
    by = request.GET.get("by", "")
    if by not in result.groups:
        by = ""
    blocks = []
    for index, question in enumerate(result.questions, start=1):
        table = question.tables.get(by)
        blocks.append(
            {"result": question, "table": table, "charts": _charts(question, table, index)}
        )
    context.update(
        {
            "analysis": result,
            "by": by,
            "groups": result.groups.get(by),
            "blocks": blocks,
        }
    )
    return render(request, "surveys/analysis.html", context)
