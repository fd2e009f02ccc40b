"""The breakdowns a survey may declare: the coarse attributes stored with each answer
(only those declared, docs/decisions/0014-survey-analysis.md) and the order of their
groups on the page."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy

from anxin.people.ages import AGE_BANDS, age_band
from anxin.people.models import Employee, OrgUnit
from anxin.surveys.models import Survey

# The breakdowns a survey may declare, in the order the page offers them.
DIMENSIONS = {
    "gender": gettext_lazy("Gender"),
    "age_band": gettext_lazy("Age band"),
    "staff_category": gettext_lazy("Staff category"),
    "agency": gettext_lazy("Agency"),
}
AGE_LABELS = {
    "u30": gettext_lazy("Under 30"),
    "30s": gettext_lazy("30–39"),
    "40s": gettext_lazy("40–49"),
    "50s": gettext_lazy("50–59"),
    "60p": gettext_lazy("60 and over"),
}


def top_agency_id(unit: OrgUnit) -> int:
    """The top-level unit below the authority on the unit's path (the agency, never the
    section); the authority itself for staff placed directly under it. No query."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return ids[1] if len(ids) > 1 else ids[0]


def answer_attributes(survey: Survey, employee: Employee, *, on: date) -> dict:
    """The coarse attributes stored with an answer: only those the survey declared."""
    wanted = set(survey.breakdowns)
    attributes: dict = {}
    if "gender" in wanted:
        attributes["gender"] = employee.gender
    if "age_band" in wanted:
        attributes["age_band"] = age_band(employee.birth_date, on)
    if "staff_category" in wanted:
        attributes["staff_category"] = employee.staff_category
    if "agency" in wanted:
        attributes["agency"] = top_agency_id(employee.unit)
    return attributes


def group_labels(dimension: str, present: set, agencies: dict[int, OrgUnit]) -> list:
    """The groups of a breakdown that have respondents, in their natural order."""
    if dimension == "gender":
        order = [(key, str(label)) for key, label in Employee.Gender.choices]
    elif dimension == "age_band":
        order = [(key, str(AGE_LABELS[key])) for key, *_ in AGE_BANDS]
    elif dimension == "staff_category":
        order = [(key, str(label)) for key, label in Employee.StaffCategory.choices]
    else:
        units = sorted((agencies[g] for g in present if g in agencies), key=lambda u: u.path)
        order = [(unit.pk, unit.name) for unit in units]
    return [(key, label) for key, label in order if key in present]
