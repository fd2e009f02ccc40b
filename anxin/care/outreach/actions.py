"""What an applied outreach file sets off, as the plan in force says (decision 0047).

- A personnel change the plan lists (`outreach.life_events`), dated from `PAST_DAYS` ago to
  `AHEAD_DAYS` ahead: the neutral invitation to the employee.
- Overtime over one of the plan's thresholds, in months ending no more than
  `RECENT_MONTHS` before this one (`overtime_care`, when enabled): the
  invitation, and a care prompt naming the person to the nearest supervisors or HR
  officers only where `names_to` says so; otherwise the unit's count only.
- Family-care leave of at least `days` days over the last `window_months` months
  (`outreach.family_care_leave`): the invitation.

- A roster import that shows someone left, returned or moved to another agency
  (people/roster/hooks.py, decision 0065): a life event, followed up as the plan lists
  retirement or unpaid leave (left), return (returned) or transfer (transferred).

The invitation is one text for every reason (emails/outreach_invitation_*.txt, no
context at all), so that it cannot say why it was sent; it goes to the employee alone,
as a sensitive notification (it expires, its mail is not kept), and not at all when the
employee turned outreach messages off. An employee with no active account (roster-only,
or whose account the roster closed) but an e-mail address gets it by e-mail only
(emails/outreach_invitation_mail_*.txt, with a link that turns the messages off). Each
reason is handled once (`OutreachSignal`); a person is not reached again for overtime or
family-care leave within the quiet months, and gets at most one message within the
plan's quiet period whatever the reason (`quiet_days`, decision 0064): a later reason is
recorded and counted, not sent.
Nothing here reads counselling, self-tests or surveys (the import contract
`care-partners` forbids the imports).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
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
from anxin.core.models import OutgoingMail
from anxin.core.notifications import (
    check_template,
    notify,
    outbox_send,
    render,
)
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
# The roster's changes (people/roster/hooks.py) as life events, and the plan's life
# events that make each one followed up.
ROSTER_KINDS = {"left": LifeEvent.Kind.LEFT, "returned": LifeEvent.Kind.RETURN,
                "transferred": LifeEvent.Kind.TRANSFER}  # fmt: skip
FOLLOWED_AS = {LifeEvent.Kind.LEFT: ("retirement", "unpaid_leave")}
OFF_SALT = "anxin.care.outreach.off"
OFF_LINK_DAYS = 400  # the link in a mailed invitation turns the messages off this long
Reason = OutreachSignal.Reason
Outcome = OutreachSignal.Outcome
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
        if wanted.intersection(FOLLOWED_AS.get(event.kind, (event.kind,)))
        and start <= event.on <= end
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


def off_token(employee_id: int) -> str:
    """The token of the link that turns outreach messages off for a person who has no
    account to sign in with (public.py reads it)."""
    return signing.dumps(employee_id, salt=OFF_SALT, compress=True)


def off_token_employee(token: str) -> int | None:
    """The employee a turn-off link names, or None if it is altered or too old."""
    try:
        value = signing.loads(token, salt=OFF_SALT, max_age=timedelta(days=OFF_LINK_DAYS))
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def _mail_only(employees: list[Employee]) -> None:
    """The invitation by e-mail to people with no account to reach: the same neutral
    words, no inbox, the mail not kept once sent; each with the link that turns these
    messages off for him or her."""
    template = "outreach_invitation_mail"
    check_template(template)
    mails = []
    for employee in employees:
        url = reverse("care:outreach_off", args=[off_token(employee.pk)])
        text = render(template, {}, url=url, language=settings.LANGUAGE_CODE)
        mails.append(
            OutgoingMail(
                recipient=_address(employee),
                subject=text.email_subject[:300],
                body=text.email_body,
                next_attempt_at=timezone.now(),
                forget_when_sent=True,
            )
        )
    if mails:
        OutgoingMail.objects.bulk_create(mails, batch_size=500)
        transaction.on_commit(lambda: outbox_send(mails), robust=True)


def _address(employee: Employee) -> str:
    return employee.email or (employee.user.email if employee.user else "")


def _recently_reached(ids: list[int], quiet_days: int) -> set[int]:
    """The employees sent an outreach message (for any reason) within `quiet_days`."""
    if quiet_days <= 0:
        return set()
    since = timezone.now() - timedelta(days=quiet_days)
    return set(
        OutreachSignal.objects.filter(
            employee_id__in=ids, outcome__in=Outcome.sent(), handled_at__gte=since
        ).values_list("employee_id", flat=True)
    )


def _send(signals: list[OutreachSignal], plan: ProgramPlan) -> Sent:
    """Record the signals, reach each person once within the plan's quiet period (by
    inbox and e-mail, or by e-mail only without an account), and send the named care
    prompts the plan enables; one count row per signal and per prompt."""
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
    # Someone reached before, or by an earlier reason of this batch, is not reached again.
    reached = _recently_reached(ids, plan.outreach_settings.quiet_days)
    invited, mailed = [], []
    for signal in signals:
        employee = employees[signal.employee_id]
        if signal.employee_id in turned_off:
            signal.outcome = Outcome.TURNED_OFF
        elif signal.employee_id in reached:
            signal.outcome = Outcome.QUIET
        elif employee.user is not None and employee.user.is_active:
            signal.outcome = Outcome.INVITED
            invited.append(employee.user)
        elif _address(employee):
            signal.outcome = Outcome.MAILED
            mailed.append(employee)
        else:
            signal.outcome = Outcome.NO_ACCOUNT
        if signal.outcome in Outcome.sent():
            reached.add(signal.employee_id)
    OutreachSignal.objects.bulk_create(signals, batch_size=500)
    if invited:
        notify(
            recipients=invited,
            template="outreach_invitation",
            context={},
            url=reverse("care:outreach_mine"),
            sensitive=True,
        )
    _mail_only(mailed)
    today = timezone.localdate()
    way_of = {Outcome.INVITED: Way.INVITATION, Outcome.MAILED: Way.INVITATION,
              Outcome.QUIET: Way.QUIET}  # fmt: skip
    rows = [
        OutreachSend(
            unit_id=employees[s.employee_id].unit_id,
            reason=s.reason,
            way=way_of.get(s.outcome, Way.NOT_SENT),
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


def outreach_roster_changes(*, authority: OrgUnit, changes: list) -> None:
    """What a roster import showed (people/roster/hooks.py), as life events from the
    roster: only those the plan follows are recorded (a change nobody acts on is not
    kept), each once, then followed up. Called inside the import's transaction, so that
    both commit or neither."""
    plan = plan_for_authority(authority.pk)
    if plan is None:
        return
    wanted = set(plan.outreach_settings.life_events)
    events = [
        LifeEvent(employee_id=change.employee_id, kind=kind, on=change.on)
        for change in changes
        if (kind := ROSTER_KINDS.get(change.kind))
        and wanted.intersection(FOLLOWED_AS.get(kind, (kind,)))
    ]
    if not events:
        return
    known = set(
        LifeEvent.objects.filter(
            employee_id__in={e.employee_id for e in events}, on__in={e.on for e in events}
        ).values_list("employee_id", "kind", "on")
    )
    added = [e for e in events if (e.employee_id, e.kind, e.on) not in known]
    LifeEvent.objects.bulk_create(added, batch_size=500)
    outreach_act(kind=OutreachImport.Kind.LIFE_EVENTS, added=added, authority=authority)
