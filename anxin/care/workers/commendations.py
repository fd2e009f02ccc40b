"""The yearly commendation list of care workers (004 §肆.二「關懷員成員表現優良者，由人事處
年度簽請行政獎勵或推薦表揚」): proposed by the plan's rule (`care_workers.commendation`:
activities recorded in the year, and a training completed if the rule names one), decided
by the EAP administrator, exported as ODS for the personnel office."""

from datetime import date

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from anxin.care.workers import training
from anxin.care.workers.models import CareWorker, Commendation
from anxin.core import sheets
from anxin.core.refusals import Refused
from anxin.people.models import OrgUnit
from anxin.plans.models import ProgramPlan


@transaction.atomic
def commendations_propose(*, authority: OrgUnit, plan: ProgramPlan, year: int) -> int:
    """Add to the year's list every care worker of the authority who meets the plan's
    rule and is not on it yet. Returns how many were added."""
    rule = plan.care_worker_commendation_rule
    if rule is None:
        raise Refused("no_rule", _("The plan sets no rule for commendations."))
    first, last = date(year, 1, 1), date(year, 12, 31)
    candidates = list(
        CareWorker.objects.filter(
            employee__authority=authority,
            term_start__lte=last,
            term_end__gte=first,
            status__in=[CareWorker.Status.ACTIVE, CareWorker.Status.ENDED],
        )
        .exclude(commendations__year=year)
        .annotate(done=Sum("activities__count", filter=Q(activities__month__year=year)))
        .select_related("employee")
    )
    levels = training.training_levels(plan, [cw.employee_id for cw in candidates])
    added = 0
    for care_worker in candidates:
        level = levels[care_worker.employee_id]
        if (care_worker.done or 0) < rule.min_activities:
            continue
        if rule.training and rule.training not in {t.key for t in level.completed}:
            continue
        Commendation.objects.create(
            year=year,
            care_worker=care_worker,
            activities=care_worker.done,
            training=level.highest.name if level.highest else "",
        )
        added += 1
    return added


@transaction.atomic
def commendation_decide(*, commendation: Commendation, actor, approve: bool) -> Commendation:
    commendation.status = Commendation.Status.APPROVED if approve else Commendation.Status.DECLINED
    commendation.decided_by = actor
    commendation.decided_at = timezone.now()
    commendation.save(update_fields=["status", "decided_by", "decided_at"])
    return commendation


def commendations_ods(commendations: list[Commendation], year: int) -> bytes:
    """The approved names for the personnel office."""
    rows: list[list] = [
        [_("Year"), _("Employee number"), _("Name"), _("Unit"), _("Activities"), _("Training")]
    ]
    for item in commendations:
        if item.status != Commendation.Status.APPROVED:
            continue
        employee = item.care_worker.employee
        rows.append(
            [
                year,
                employee.number,
                employee.name,
                employee.unit.name,
                item.activities,
                item.training,
            ]
        )
    return sheets.sheet_bytes("ods", _("Commendations"), rows, widths=(8, 14, 14, 30, 10, 30))
