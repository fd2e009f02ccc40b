"""The plan's enumerations and the small helpers its sections display themselves with.

The enumerations are the schema's enumerations (tests keep the two in step)."""

import calendar
from datetime import date

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    APPLICATION = "application", _("Application for counselling")
    HOTLINE = "hotline", _("Telephone line")
    EMAIL_STATION = "email_station", _("E-mail station")
    FACE_TO_FACE = "face_to_face", _("Face-to-face counselling")
    CLINIC = "clinic", _("Hospital clinic")
    EXTERNAL_PROVIDER = "external_provider", _("External counselling provider")
    LEGAL_ADVICE = "legal_advice", _("Legal advice")
    FINANCIAL_ADVICE = "financial_advice", _("Financial and tax advice")
    FAMILY_CARE_ADVICE = "family_care_advice", _("Family care advice")
    CONTACT_POINT = "contact_point", _("Contact point in each unit")


class ServiceModel(models.TextChoices):
    # The national framework's models (FACTS.md "The national framework").
    INTERNAL = "internal", _("Internal model (內置式)")
    EXTERNAL = "external", _("External provider (外置式)")
    JOINT = "joint", _("Joint model (聯合式)")
    MIXED = "mixed", _("Mixed model (混合式)")


class Cadence(models.TextChoices):
    MONTH = "month", _("Monthly")
    TWO_MONTHS = "two_months", _("Every two months")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Half-yearly")
    YEAR = "year", _("Yearly")
    PLAN_PERIOD = "plan_period", _("Over the plan period")
    AS_NEEDED = "as_needed", _("As needed")


class EventFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SUPPORT_GROUP = "support_group", _("Support group")
    LECTURE = "lecture", _("Lecture")
    COURSE = "course", _("Course series")
    TRAINING = "training", _("Training class")
    GROUP_COUNSELLING = "group_counselling", _("Group counselling")
    MENTORING = "mentoring", _("One-to-one mentoring talk")


class SizeRule(models.TextChoices):
    ABOUT = "about", _("about")
    AT_MOST = "at_most", _("at most")
    EXACTLY = "exactly", _("exactly")


class ServiceLevel(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual level")
    ORGANISATION = "organisation", _("Organisation and management level")


class ResourceKind(models.TextChoices):
    DIRECTORY = "directory", _("Resource directory")
    TOPIC_CHANNELS = "topic_channels", _("Topic channels")
    MAP = "map", _("Resource map")
    WEB_SECTION = "web_section", _("Web section")


class SurveyKind(models.TextChoices):
    NEEDS = "needs", _("Needs survey")
    SATISFACTION = "satisfaction", _("Satisfaction survey")
    STRESS = "stress", _("Work stress survey")


WEEKDAYS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}


def label_of(choices: type[models.TextChoices], value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def span(low: int | float | None, high: int | float | None) -> str:
    """ "3" or "3–5" for a number or a range of them; "" without a low end."""
    if low is None:
        return ""
    if high is None or high == low:
        return f"{low:g}"
    return f"{low:g}–{high:g}"


def month_list(months: list[int]) -> str:
    """11月、12月、1月、2月 (or "Nov, Dec, Jan, Feb" in English)."""
    if sorted(months) == list(range(1, 13)):
        return gettext("all year")
    separator = gettext(", ")
    if (get_language() or "").startswith("en"):
        return separator.join(calendar.month_abbr[m] for m in months)
    return separator.join(gettext("month %(number)d") % {"number": m} for m in months)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
