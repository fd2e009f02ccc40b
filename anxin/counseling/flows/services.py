"""What changes state in case flows and break-glass access. Keyword-only and atomic; step
notes go in through `seal_into()` and come out through `read_sealed_fields()`."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from anxin.core.audit import read_sealed_fields
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import roc_year
from anxin.core.sealed import seal_into
from anxin.counseling.flows.definitions import as_flow, flow_definitions
from anxin.counseling.flows.models import EmergencyAccess, FlowRun, FlowStepRun
from anxin.counseling.models import Case
from anxin.counseling.policies import PURPOSE_CARE, coordinators_for, role_holders
from anxin.counseling.services import case_code_allocate, code_prefix
from anxin.people.roles import Role
from anxin.plans.config import CaseFlow, FlowStep

PURPOSE_BREAK_GLASS = "break_glass"
# The roles that write and read a step's sealed notes; a supervisor or HR officer records
# only that the step is done and which way the flow goes on.
NOTE_ROLES = (Role.COUNSELOR, Role.INTAKE)


def _interpolate(message, values: dict):
    """`message % values`, still lazy, so that each recipient reads it in his or her own
    language."""
    return lazy(lambda: str(message) % values, str)()


# Someone recorded the step or assigned the flow after the page was opened
# (invariant 11): the refusal says so, and nothing was saved.
STEP_CHANGED = _(
    "This step has just been recorded by someone else. Nothing was saved: the flow below "
    "shows the step that is open now."
)
FLOW_ASSIGNED = _("This flow has a counsellor already.")


# --- the flow's shape ---------------------------------------------------------------------


@dataclass(frozen=True)
class WayOn:
    next: str  # the next step's key; "" ends the flow
    label: str


def ways_on(flow: CaseFlow, step: FlowStep) -> list[WayOn]:
    """The choices when `step` is done: each branch, then the ordinary way on; a step
    with neither ends the flow."""
    ways = [WayOn(branch.next, branch.when) for branch in step.branches]
    if step.next:
        label = _("Otherwise") if step.branches else _("Go on")
        ways.append(WayOn(step.next, str(label)))
    if not ways:
        ways.append(WayOn("", str(_("End of the flow"))))
    return ways


def _reach(run: FlowRun, step: FlowStep, at: datetime) -> FlowStepRun:
    return FlowStepRun.objects.create(
        run=run,
        step_key=step.key,
        action=step.action[:300],
        role=step.role,
        reached_at=at,
        due_at=at + timedelta(hours=step.deadline_hours),
    )


def _kind_of(key: str) -> str:
    return key if key in (FlowRun.Kind.NON_VOLUNTARY, FlowRun.Kind.CRISIS) else FlowRun.Kind.GENERAL


# --- running a flow -----------------------------------------------------------------------


@transaction.atomic
def flow_start(*, plan, flow_key: str, employee, actor, now: datetime | None = None) -> FlowRun:
    """Start `flow_key` of `plan` for `employee` at its first step and tell the intake
    coordinators above the employee's unit that a flow waits (no name, no content)."""
    definition = flow_definitions(plan).get(flow_key)
    if definition is None:
        raise ValueError(f"{plan.slug} has no flow {flow_key!r} with steps")
    flow = as_flow(definition)
    now = now or timezone.now()
    run = FlowRun.objects.create(
        plan=plan,
        flow_key=flow_key,
        flow_name=flow.name[:120],
        definition=definition,
        kind=_kind_of(flow_key),
        employee=employee,
        unit=employee.unit,
        started_by=actor,
        started_at=now,
    )
    _reach(run, flow.start, now)
    notify(
        recipients=coordinators_for(employee),
        template="generic",
        context={
            "subject": _("A case flow has been started"),
            "body": _("A non-voluntary or crisis case flow has been started and waits for you."),
        },
        url=run.get_absolute_url(),
    )
    return run


@transaction.atomic
def flow_assign(*, run: FlowRun, counselor, actor, on: date | None = None) -> Case:
    """Give the flow a counsellor: open a case of the flow's kind with a new code and tell
    the counsellor, by code only."""
    run = FlowRun.objects.select_for_update().get(pk=run.pk)
    if run.case_id is not None:
        raise Refused("assigned", FLOW_ASSIGNED)
    on = on or timezone.localdate()
    case = Case.objects.create(
        code=case_code_allocate(prefix=code_prefix(run.plan), year=roc_year(on)),
        kind=run.kind,
        employee=run.employee,
        plan=run.plan,
        counselor=counselor,
        opened_by=actor,
    )
    run.case, run.counselor = case, counselor
    run.save(update_fields=["case", "counselor"])
    notify(
        recipients=[counselor],
        template="generic",
        context={
            "subject": _("A case flow has been assigned to you"),
            "body": _interpolate(
                _("Case %(code)s and its flow have been assigned to you."), {"code": case.code}
            ),
        },
        url=run.get_absolute_url(),
    )
    return case


def current_step(run: FlowRun) -> FlowStepRun | None:
    return run.steps.filter(done_at__isnull=True).first()


@transaction.atomic
def flow_step_record(
    *,
    step_run: FlowStepRun,
    actor,
    way: str,
    notes: str = "",
    now: datetime | None = None,
) -> FlowStepRun | None:
    """Record the open step `step_run` as done by `actor`, going on by `way` (the next
    step's key, "" at an end). Returns the step reached next, or None when the flow ends.
    Notes are sealed; a step already done is refused (two people recording at once)."""
    run = FlowRun.objects.select_for_update().get(pk=step_run.run_id)
    step_run = FlowStepRun.objects.get(pk=step_run.pk)
    if step_run.done_at is not None or not run.is_open:
        raise Refused("step_done", STEP_CHANGED)
    flow = as_flow(run.definition)
    step = flow.step(step_run.step_key)
    chosen = next((w for w in ways_on(flow, step) if w.next == way), None)
    if chosen is None:
        raise ValueError(f"{way!r} is not a way on from {step.key!r}")
    now = now or timezone.now()
    step_run.done_by, step_run.done_at, step_run.branch = actor, now, chosen.label[:300]
    seal_into(step_run, "notes", notes)
    step_run.save(update_fields=["done_by", "done_at", "branch", "notes"])
    if not chosen.next:
        run.status, run.finished_at = FlowRun.Status.DONE, now
        run.save(update_fields=["status", "finished_at"])
        return None
    return _reach(run, flow.step(chosen.next), now)


def step_notes_read(*, step_run: FlowStepRun, actor, role: str) -> str:
    """A step's sealed notes, the read logged against the employee's file."""
    values = read_sealed_fields(
        step_run,
        ["notes"],
        actor=actor,
        role=role,
        purpose=PURPOSE_CARE,
        subject_uuid=step_run.run.employee.uuid,
    )
    return values["notes"]


# --- break-glass access ------------------------------------------------------------------


def auditors_for(employee):
    """The auditors whose scope covers the employee's unit."""
    return role_holders(Role.AUDITOR, employee.unit)


@transaction.atomic
def emergency_open(
    *, case: Case, coordinator, reason: str, now: datetime | None = None
) -> EmergencyAccess:
    """Open `case` to `coordinator` for the plan's emergency-access hours, and tell the
    case's counsellor and the auditors (the code and the time, nothing else)."""
    now = now or timezone.now()
    access = EmergencyAccess.objects.create(
        case=case,
        coordinator=coordinator,
        reason=reason,
        opened_at=now,
        expires_at=now + timedelta(hours=case.plan.emergency_access_hours),
    )
    context = {
        "subject": _interpolate(_("Emergency access to case %(code)s"), {"code": case.code}),
        "body": _interpolate(
            _(
                "An intake coordinator has opened case %(code)s under emergency access, "
                "for %(hours)s hours. Every read is in the access log."
            ),
            {"code": case.code, "hours": case.plan.emergency_access_hours},
        ),
    }
    notify(recipients=[case.counselor], template="generic", context=context, url="")
    notify(
        recipients=auditors_for(case.employee),
        template="generic",
        context=context,
        url=reverse("counseling:flows_emergency_log"),
    )
    return access
