"""Self-test pages: the employee's list, form, result and history; the aggregate for
hr and eap_admin. No page shows anyone's result to anyone but its employee."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.assessments import services
from anxin.assessments.charts import history_chart
from anxin.assessments.definitions import Definition, format_score, localized
from anxin.assessments.forms import PeriodForm, SelfTestForm
from anxin.assessments.policies import AGGREGATE_READERS, TAKERS
from anxin.core.audit import is_unavailable
from anxin.people.roles import role_required, scope_of
from anxin.plans.services import crisis_lines_shown, k_for, plan_for_employee


def _counselling_offer_url() -> str | None:
    """The pre-filled counselling application, if the counselling app offers one. The
    employee decides whether to send it; nothing is sent from here."""
    try:
        return reverse("counseling:apply") + "?from=self-test"
    except NoReverseMatch:
        return None


def _history_rows(definition: Definition, series: list[dict]) -> list[dict]:
    rows = []
    for point in series:
        cells = []
        for score in definition.scores:
            value = point["scores"].get(score.key)
            band = score.band(point["bands"].get(score.key, ""))
            cells.append(
                {
                    "value": format_score(value) if value is not None else "",
                    "band": band.label if band else point["bands"].get(score.key, ""),
                }
            )
        rows.append({"at": point["at"], "result": point["result"], "cells": cells})
    return rows


@require_GET
@role_required(*TAKERS)
def self_test_list(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    counts = services.result_counts(employee)
    instruments = [
        {
            "instrument": instrument,
            "definition": instrument.parsed,
            "count": counts.get(instrument.pk, 0),
        }
        for instrument in services.instruments_for(employee)
    ]
    plan = plan_for_employee(employee)
    cadence = plan.self_test_cadence_months if plan else None
    return render(
        request,
        "assessments/list.html",
        {
            "instruments": instruments,
            "cadence": cadence,
            "reminder_on": cadence and services.reminder_enabled(employee),
        },
    )


@require_POST
@role_required(*TAKERS)
def self_test_reminder(request: HttpRequest) -> HttpResponse:
    """Turn the cadence reminder on or off."""
    enabled = request.POST.get("enabled") == "on"
    services.reminder_set(employee=request.employee, enabled=enabled)
    if enabled:
        messages.success(request, _("You will be reminded to take a self-test again."))
    else:
        messages.success(request, _("You will not be reminded any more."))
    return redirect("assessments:list")


@require_http_methods(["GET", "POST"])
@role_required(*TAKERS)
def self_test_take(request: HttpRequest, key: str) -> HttpResponse:
    employee = request.employee
    instrument = services.instrument_for(employee, key)
    definition = instrument.parsed
    form = SelfTestForm(request.POST or None, definition=definition)
    if request.method == "POST" and form.is_valid():
        result, _outcome = services.self_test_submit(
            employee=employee, instrument=instrument, answers=form.cleaned_data, actor=request.user
        )
        return redirect("assessments:result", result_uuid=result.uuid)
    return render(
        request,
        "assessments/take.html",
        {"instrument": instrument, "definition": definition, "form": form},
    )


@require_GET
@role_required(*TAKERS)
def self_test_result(request: HttpRequest, result_uuid) -> HttpResponse:
    employee = request.employee
    result, payload = services.result_read(
        result_uuid=result_uuid, employee=employee, actor=request.user
    )
    definition = result.instrument.parsed
    series = services.history_read(
        employee=employee, instrument=result.instrument, actor=request.user
    )
    if is_unavailable(payload):
        # The result did not open (logged, the auditors told): the page says so in its place.
        context = {"result": result, "definition": definition, "scores": [], "unavailable": payload}
        context["chart"] = history_chart(definition, series)
        context["history"] = _history_rows(definition, series)
        return render(request, "assessments/result.html", context)
    position = next(
        (index for index, point in enumerate(series) if point["result"] == str(result.uuid)), None
    )
    previous = series[position - 1] if position else None
    scores = []
    for score in definition.scores:
        value = payload["scores"].get(score.key)
        band = score.band(payload["bands"].get(score.key, ""))
        change = None
        if previous is not None and score.meaningful_change and value is not None:
            before = previous["scores"].get(score.key)
            if before is not None and abs(value - before) >= score.meaningful_change:
                change = {"up": value > before, "points": format_score(abs(value - before))}
        scores.append(
            {"score": score, "value": format_score(value), "band": band, "change": change}
        )
    context = {
        "result": result,
        "definition": definition,
        "scores": scores,
        "crisis": payload.get("crisis", False),
        "crisis_advice": _crisis_advice(definition, payload),
        "chart": history_chart(definition, series),
        "history": _history_rows(definition, series),
    }
    if context["crisis"]:
        context["crisis_lines"] = crisis_lines_shown(employee)
        context["counselling_url"] = _counselling_offer_url()
    return render(request, "assessments/result.html", context)


def _crisis_advice(definition: Definition, payload: dict) -> list[str]:
    """The advice of the item rules met (e.g. the suicide item), from the stored answers."""
    advice = []
    for rule in definition.data.get("crisis", []):
        met = "item" in rule and payload["answers"].get(rule["item"], -1) >= rule["at_least"]
        if met and "advice" in rule:
            advice.append(localized(rule["advice"]))
    return advice


@require_GET
@role_required(*TAKERS)
def self_test_history(request: HttpRequest, key: str) -> HttpResponse:
    employee = request.employee
    instrument = services.instrument_for(employee, key)
    definition = instrument.parsed
    series = services.history_read(employee=employee, instrument=instrument, actor=request.user)
    return render(
        request,
        "assessments/history.html",
        {
            "instrument": instrument,
            "definition": definition,
            "chart": history_chart(definition, series),
            "history": _history_rows(definition, series),
        },
    )


@require_GET
@role_required(*AGGREGATE_READERS)
def self_test_statistics(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    this_year = timezone.localdate().year
    form = PeriodForm(request.GET or {"year": this_year, "quarter": 0})
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"] or None
    else:
        year, quarter = this_year, None
    k = k_for(scope)
    aggregates = services.aggregate(scope=scope, year=year, quarter=quarter, k=k)
    return render(
        request,
        "assessments/statistics.html",
        {
            "form": form,
            "aggregates": aggregates,
            "k": k,
            "scope": scope,
            "year": year,
            "quarter": quarter,
        },
    )
