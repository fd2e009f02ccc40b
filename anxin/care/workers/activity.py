"""Care-worker activity (004 §參.三.(二)): how many times a month a care worker did each
of the six tasks for a unit's colleagues, and the counts by unit and month for hr and the
EAP administrator. Counts only: there is no field for a note or a name, so that nothing
about a colleague is ever written here; the tables go through the k rule
(anxin/core/kanon.py), since "care in illness: 1" in a small unit points at someone.
"""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care.workers.models import CareActivity, CareWorker
from anxin.core import kanon
from anxin.core.refusals import Refused
from anxin.people.models import OrgUnit

Category = CareActivity.Category


def month_start(day: date) -> date:
    return day.replace(day=1)


def recent_months(today: date, count: int = 12) -> list[date]:
    months, year, month = [], today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


@transaction.atomic
def activity_record(
    *, care_worker: CareWorker, unit: OrgUnit, month: date, counts: dict[str, int]
) -> None:
    """Set the month's counts of each task for `unit` (a count of 0 removes the entry)."""
    month = month_start(month)
    today = timezone.localdate()
    if month > today:
        raise Refused("future", _("Record activity of this month or earlier."))
    if care_worker.status != CareWorker.Status.ACTIVE or care_worker.term_start is None:
        raise Refused("not_in_term", _("Only a care worker in a term records activity."))
    if month < month_start(care_worker.term_start) or month > care_worker.term_end:
        raise Refused("outside_term", _("That month is outside your term."))
    if not care_worker.units.filter(pk=unit.pk).exists():
        raise Refused("unit", _("Choose one of the units you cover."))
    for category, count in counts.items():
        if category not in Category.values or count < 0:
            raise Refused("category", _("Give a whole number for each task."))
        if count == 0:
            CareActivity.objects.filter(
                care_worker=care_worker, unit=unit, month=month, category=category
            ).delete()
        else:
            CareActivity.objects.update_or_create(
                care_worker=care_worker,
                unit=unit,
                month=month,
                category=category,
                defaults={"count": count},
            )


def own_table(care_worker: CareWorker) -> list[CareActivity]:
    return list(
        CareActivity.objects.filter(care_worker=care_worker)
        .select_related("unit")
        .order_by("-month", "unit__path", "category")
    )


def by_unit(scope: OrgUnit, year: int, *, k: int) -> kanon.SuppressedTable:
    """The year's counts, a row per unit of the scope with activity, a column per task."""
    rows = (
        CareActivity.objects.filter(unit__path__startswith=scope.path, month__year=year)
        .values("unit__name", "unit__path", "category")
        .annotate(total=Sum("count"))
        .order_by("unit__path")
    )
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        table[row["unit__name"]][row["category"]] = row["total"]
    return kanon.suppress_table(table, k=k, rows=list(table), columns=Category.values)


def by_month(scope: OrgUnit, year: int, *, k: int) -> kanon.SuppressedTable:
    """The year's counts of the whole scope, a row per month, a column per task."""
    rows = (
        CareActivity.objects.filter(unit__path__startswith=scope.path, month__year=year)
        .annotate(number=ExtractMonth("month"))
        .values("number", "category")
        .annotate(total=Sum("count"))
    )
    table: dict[int, dict[str, int]] = {month: {} for month in range(1, 13)}
    for row in rows:
        table[row["number"]][row["category"]] = row["total"]
    return kanon.suppress_table(table, k=k, rows=list(range(1, 13)), columns=Category.values)
