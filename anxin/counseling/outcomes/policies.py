"""Who may reach an outcome measure: the employee whose case it is (the page he or she
answers on) and, on the case page, the case's counsellor. Anyone else: 404."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from anxin.counseling.outcomes.models import OutcomeMeasure


def get_outcome_for_employee(request: HttpRequest, measure_uuid) -> OutcomeMeasure:
    item = get_object_or_404(
        OutcomeMeasure.objects.select_related("case__employee", "case__plan"), uuid=measure_uuid
    )
    if item.case.employee.user_id != request.user.pk:
        raise Http404
    return item


def outcomes_of_employee(request: HttpRequest):
    return OutcomeMeasure.objects.filter(case__employee__user=request.user).select_related("case")
