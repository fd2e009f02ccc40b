"""The page behind the link of a mailed invitation (decision 0064): a person with no
account to sign in with sees what the programme offers and turns outreach messages off.
The signed link names the person; an altered or old link is 404. Nothing on the page
says why the invitation was sent."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from anxin.care.outreach.actions import off_token_employee
from anxin.care.outreach.services import outreach_messages_off, outreach_preference_set
from anxin.people.models import Employee
from anxin.plans.services import plan_for_authority


@require_http_methods(["GET", "POST"])
def outreach_off(request: HttpRequest, token: str) -> HttpResponse:
    employee_id = off_token_employee(token)
    employee = Employee.objects.filter(pk=employee_id).first() if employee_id else None
    if employee is None:
        raise Http404
    if request.method == "POST":
        outreach_preference_set(employee=employee, messages_off=True)
        messages.success(request, _("Saved: you will receive no more of these messages."))
        return redirect("care:outreach_off", token=token)
    plan = plan_for_authority(employee.authority_id)
    context = {
        "off": outreach_messages_off(employee),
        "service_areas": plan.service_areas if plan else [],
        "channels": plan.channels if plan else [],
    }
    return render(request, "care/outreach/off.html", context)
