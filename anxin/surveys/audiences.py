"""Whom a survey is put to. Its own module, below services, schedules and followup,
which all need it."""

from anxin.people.models import Employee
from anxin.surveys.models import Survey


def audience(survey: Survey):
    """The employees the survey is put to."""
    employees = Employee.objects.filter(is_active=True).filter(survey.scope.subtree_q("unit__"))
    if survey.staff_categories:
        employees = employees.filter(staff_category__in=survey.staff_categories)
    return employees
