"""The employee's page for the outcome measure: answer it (with consent at the start),
decline it, or withdraw consent."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from anxin.core.measures import measure
from anxin.core.refusals import Refused, show_refusal
from anxin.counseling.outcomes import services
from anxin.counseling.outcomes.forms import OutcomeForm
from anxin.counseling.outcomes.policies import get_outcome_for_employee
from anxin.people.roles import Role, role_required


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def outcome_answer(request: HttpRequest, measure_uuid) -> HttpResponse:
    item = get_outcome_for_employee(request, measure_uuid)
    definition = measure(item.instrument)
    ask = item.awaits_answer and (item.phase == "close" or not item.case.is_closed)
    form = OutcomeForm(
        request.POST or None, definition=definition, ask_consent=item.phase == "start"
    )
    if request.method == "POST":
        try:
            if "decline" in request.POST:
                services.outcome_decline(item=item)
                messages.success(request, _("Thank you. You will not be asked again."))
                return redirect("counseling:my_requests")
            if form.is_valid():
                services.outcome_answer(
                    item=item,
                    answers=form.answers(),
                    consent=form.cleaned_data.get("consent", False),
                    actor=request.user,
                )
                messages.success(request, _("Thank you for your answers."))
                return redirect("counseling:my_requests")
        except Refused as refused:
            show_refusal(request, refused)
            return redirect("counseling:my_requests")
    return render(
        request,
        "counseling/outcomes/answer.html",
        {"item": item, "form": form, "definition": definition, "open": ask},
    )


@require_POST
@role_required(Role.EMPLOYEE)
def outcome_withdraw(request: HttpRequest, measure_uuid) -> HttpResponse:
    item = get_outcome_for_employee(request, measure_uuid)
    try:
        services.outcome_withdraw(item=item)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Your consent is withdrawn and your answers are erased."))
    return redirect("counseling:my_requests")
