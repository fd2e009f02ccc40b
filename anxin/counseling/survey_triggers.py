"""The "case closed" trigger of person-relative surveys (satisfaction after counselling,
附表三): counselling knows when a case closed; surveys owns the registry
(anxin/surveys/triggers.py) and finds this module."""

from datetime import date, datetime

from anxin.counseling.models import Case
from anxin.surveys.models import Survey
from anxin.surveys.triggers import survey_trigger_register


def case_closed_anchors(*, people, low: date, high: date, now: datetime, subject_id=None):
    """Each person counted from the closing of his or her case. Several cases: the latest
    closing counts (ordered, so the last one wins)."""
    return (
        Case.objects.filter(closed_on__range=(low, high), employee__in=people)
        .order_by("closed_on")
        .values_list("employee_id", "employee__user_id", "closed_on")
    )


survey_trigger_register(schedule=Survey.Schedule.CASE_CLOSED, anchors=case_closed_anchors)
