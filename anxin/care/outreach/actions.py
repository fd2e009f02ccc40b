"""What an applied outreach file sets off, as the plan in force says (decision 0047).

- A personnel change the plan lists (`outreach.life_events`), dated from `PAST_DAYS` ago to
  `AHEAD_DAYS` ahead: the neutral invitation to the employee.
- Overtime over one of the plan's thresholds, in months ending no more than
  `RECENT_MONTHS` before this one (`overtime_care`, when enabled): the
  invitation, and a care prompt naming the person to the nearest supervisors or HR
  officers only where `names_to` says so; otherwise the unit's count only.
- Family-care leave of at least `days` days over the last `window_months` months
  (`outreach.family_care_leave`): the invitation.

The invitation is one text for every reason (emails/outreach_invitation_*.txt, no
context at all), so that it cannot say why it was sent; it goes to the employee alone,
as a sensitive notification (it expires, its mail is not kept), and not at all when the
employee turned outreach messages off. Each reason is handled once (`OutreachSignal`); a
person is not reached again for overtime or family-care leave within the quiet months.
Nothing here reads counselling, self-tests or surveys (the import contract
`care-partners` forbids the imports).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from anxin.care.outreach.models import (
    FamilyCareMonth,
    LifeEvent,
    OutreachImport,
    OutreachPreference,
    OutreachSend,
    OutreachSignal,
    OvertimeMonth,
)
from anxin.core.notifications import notify
from anxin.people.models import Employee, OrgUnit, RoleAssignment
from anxin.people.roles import Role
from anxin.plans import config as c
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority

PAST_DAYS = 60  # a change imported later than this is not followed up
AHEAD_DAYS = 90  # a retirement or transfer known ahead
OVERTIME_QUIET_MONTHS = 3
# A file's latest month older than this is history: kept, not followed up.
RECENT_MONTHS = 2
Reason = OutreachSignal.Reason
Way = OutreachSend.Way


@dataclass
class Sent:
    """What the outreach of one import did, for its report: how many reasons to reach
    out and how many named care prompts; never who, and never whether a person turned
    outreach messages off."""

    signals: int = 0
    prompts: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def month_back(month: date, months: int) -> date:
    """The first day of the month `months` before `month`."""
    index = month.year * 12 + month.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def month_key(month: date) -> str:
    return f"{month:%Y-%m}"


def overtime_over(hours: dict[date, Decimal], ref: date, rule: c.OvertimeThresholds) -> bool:
    """Is the overtime ending with month `ref` over one of the plan's thresholds? A month
    with no figure counts as none: over `previous_month_hours` in `ref`; on average over
    `avg_2_to_6_months_hours` over the 2, 3, 4, 5 or 6 months ending with `ref`; or on
    average over `avg_6_months_hours` over the 6 months ending with `ref` (FACTS.md)."""
    months = [hours.get(month_back(ref, back), Decimal(0)) for back in range(6)]
    if months[0] > rule.previous_month_hours:
        return True
    if any(sum(months[:span]) / span > rule.avg_2_to_6_months_hours for span in range(2, 7)):
        return True
    return sum(months) / 6 > rule.avg_6_months_hours


def _life_event_signals(added: list[LifeEvent], plan: ProgramPlan) -> list[OutreachSignal]:
    wanted = set(plan.outreach_settings.life_events)
    today = timezone.localdate()
    start, end = today - timedelta(days=PAST_DAYS), today + timedelta(days=AHEAD_DAYS)
    return [
        OutreachSignal(
            employee_id=event.employee_id,
            reason=Reason.LIFE_EVENT,
            key=f"{event.kind}:{event.on.isoformat()}",
        )
        for event in added
        if event.kind in wanted and start <= event.on <= end
    ]


def _monthly(model, field_name: str, ids: list[int], since: date) -> dict[int, dict]:
    figures: dict[int, dict[date, Decimal]] = defaultdict(dict)
    for employee_id, month, value in model.objects.filter(
        employee_id__in=ids, month__gte=since
    ).values_list("employee_id", "month", field_name):
        figures[employee_id][month] = value
    return figures


def _quiet(ids: list[int], reason: str, since: date) -> set[int]:
    """The employees already reached for `reason` from month `since` on."""
    return set(
        OutreachSignal.objects.filter(
            employee_id__in=ids, reason=reason, key__gte=month_key(since)
        ).values_list("employee_id", flat=True)
    )


def _overtime_signals(ids: list[int], plan: ProgramPlan) -> list[OutreachSignal]:
    rule = plan.overtime_thresholds
    if not rule.enabled or not ids:
        return []
    today = timezone.localdate().replace(day=1)
    figures = _monthly(OvertimeMonth, "hours", ids, month_back(today, 12))
    signals = []
    for employee_id, hours in figures.items():
        ref = max(hours)
        if ref >= month_back(today, RECENT_MONTHS) and overtime_over(hours, ref, rule):
            signals.append((employee_id, ref))
    quiet = _quiet(
        [e for e, _ in signals], Reason.OVERTIME, month_back(today, OVERTIME_QUIET_MONTHS + 1)
    )
    return [
        OutreachSignal(employee_id=e, reason=Reason.OVERTIME, key=month_key(ref))
        for e, ref in signals
        if e not in quiet
    ]


def _family_care_signals(ids: list[int], plan: ProgramPlan) -> list[OutreachSignal]:
    rule = plan.outreach_settings.family_care_leave
    if rule is None or not ids:
        return []
    today = timezone.localdate().replace(day=1)
    figures = _monthly(FamilyCareMonth, "days", ids, month_back(today, 12 + rule.window_months))
    signals = []
    for employee_id, days in figures.items():
        ref = max(days)
        window = [days.get(month_back(ref, back), Decimal(0)) for back in range(rule.window_months)]
        if ref >= month_back(today, RECENT_MONTHS) and sum(window) >= rule.days:
            signals.append((employee_id, ref))
    quiet = _quiet([e for e, _ in signals], Reason.FAMILY_CARE,
                   month_back(today, rule.window_months))  # fmt: skip
    return [
        OutreachSignal(employee_id=e, reason=Reason.FAMILY_CARE, key=month_key(ref))
        for e, ref in signals
        if e not in quiet
    ]


def _nearest_holders(role: str, employees: list[Employee]) -> dict[int, list]:
    """For each employee, the active holders of `role` whose scope is the nearest one
    above (or at) the employee's unit, the employee excepted. One query."""
    ancestors = {
        e.pk: [int(part) for part in e.unit.path.strip("/").split("/") if part] for e in employees
    }
    scopes = {pk for ids in ancestors.values() for pk in ids}
    holders: dict[int, list] = defaultdict(list)
    for assignment in RoleAssignment.objects.filter(
        role=role, scope_id__in=scopes, user__is_active=True
    ).select_related("user"):
        holders[assignment.scope_id].append(assignment.user)
    found: dict[int, list] = {}
    for employee in employees:
        for scope_id in reversed(ancestors[employee.pk]):
            users = [u for u in holders.get(scope_id, []) if u.pk != employee.user_id]
            if users:
                found[employee.pk] = users
                break
    return found


def _send(signals: list[OutreachSignal], plan: ProgramPlan) -> Sent:
    """Record the signals, invite each person once, and send the named care prompts the
    plan enables; one count row per signal and per prompt."""
    sent = Sent(signals=len(signals))
    if not signals:
        return sent
    ids = sorted({s.employee_id for s in signals})
    employees = {
        e.pk: e for e in Employee.objects.filter(pk__in=ids).select_related("unit", "user")
    }
    turned_off = set(
        OutreachPreference.objects.filter(employee_id__in=ids, messages_off=True).values_list(
            "employee_id", flat=True
        )
    )
    invited = []
    for signal in signals:
        employee = employees[signal.employee_id]
        if signal.employee_id in turned_off:
            signal.outcome = OutreachSignal.Outcome.TURNED_OFF
        elif employee.user is None or not employee.user.is_active:
            signal.outcome = OutreachSignal.Outcome.NO_ACCOUNT
        else:
            signal.outcome = OutreachSignal.Outcome.INVITED
            invited.append(employee.user)
    OutreachSignal.objects.bulk_create(signals, batch_size=500)
    if invited:
        notify(
            recipients=invited,
            template="outreach_invitation",
            context={},
            url=reverse("care:outreach_mine"),
            sensitive=True,
        )
    today = timezone.localdate()
    rows = [
        OutreachSend(
            unit_id=employees[s.employee_id].unit_id,
            reason=s.reason,
            way=Way.INVITATION if s.outcome == OutreachSignal.Outcome.INVITED else Way.NOT_SENT,
            sent_on=today,
        )
        for s in signals
    ]
    rule = plan.overtime_thresholds
    if rule.names_to in ("supervisor", "hr"):
        role, way = (
            (Role.SUPERVISOR, Way.SUPERVISOR_PROMPT)
            if rule.names_to == "supervisor"
            else (Role.HR, Way.HR_PROMPT)
        )
        named = [employees[s.employee_id] for s in signals if s.reason == Reason.OVERTIME]
        holders = _nearest_holders(role, named)
        for employee in named:
            users = holders.get(employee.pk)
            if not users:
                continue
            notify(
                recipients=users,
                template="outreach_care_prompt",
                context={"name": employee.name, "unit": employee.unit.name},
                sensitive=True,
            )
            rows.append(OutreachSend(unit_id=employee.unit_id, reason=Reason.OVERTIME, way=way,
                                     sent_on=today))  # fmt: skip
            sent.prompts += 1
    OutreachSend.objects.bulk_create(rows, batch_size=500)
    return sent


def outreach_act(*, kind: str, added: list, authority: OrgUnit) -> Sent:
    """The outreach the plan in force for `authority` sets on what an import added: new
    `LifeEvent` rows, or the employees whose overtime or family-care leave it brought."""
    plan = plan_for_authority(authority.pk)
    if plan is None:
        return Sent()
    if kind == OutreachImport.Kind.LIFE_EVENTS:
        signals = _life_event_signals(added, plan)
    elif kind == OutreachImport.Kind.OVERTIME:
        signals = _overtime_signals(added, plan)
    else:
        signals = _family_care_signals(added, plan)
    # A signal handled before (the same event or month imported again) is not sent again.
    known = set(
        OutreachSignal.objects.filter(
            employee_id__in={s.employee_id for s in signals},
            key__in={s.key for s in signals},
        ).values_list("employee_id", "reason", "key")
    )
    fresh = [s for s in signals if (s.employee_id, s.reason, s.key) not in known]
    return _send(fresh, plan)
