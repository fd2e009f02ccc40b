"""Case flows (non-voluntary, crisis), their crisis checklist, and break-glass access."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.models import AccessLog
from anxin.core.refusals import Refused, show_refusal
from anxin.counseling import services as counselling
from anxin.counseling.flows import policies, services
from anxin.counseling.flows.definitions import as_flow
from anxin.counseling.flows.forms import EmergencyForm, StartForm, StepForm
from anxin.counseling.flows.models import FlowRun, StepRole
from anxin.counseling.forms import AssignForm
from anxin.counseling.models import SessionRecord
from anxin.counseling.policies import counselors_for
from anxin.people.roles import Role, role_required
from anxin.plans.config import ChannelKind

FLOW_ROLES = (Role.SUPERVISOR, Role.HR, Role.INTAKE, Role.COUNSELOR)
LIST_LIMIT = 200
# What a crisis step's `notifies` names, as the checklist shows it.
NOTIFY_LABELS = {
    "agency_head": gettext_lazy("Agency head and deputy heads"),
    "supervisor": gettext_lazy("The employee's direct supervisor"),
    "family": gettext_lazy("Family or main contacts"),
    "medical": gettext_lazy("Medical services and counselling bodies"),
    "police": gettext_lazy("Police"),
    "related_units": gettext_lazy("Related units"),
}


def _role(request: HttpRequest) -> str:
    return request.active_role.role


# --- flows ---------------------------------------------------------------------------------


@require_GET
@role_required(*FLOW_ROLES)
def flows_list(request: HttpRequest) -> HttpResponse:
    """The flows in reach, open ones first and the most overdue at the top."""
    runs = policies.runs_for_list(request)
    return render(
        request,
        "counseling/flows/list.html",
        {
            "runs": runs[:LIST_LIMIT],
            "limit": LIST_LIMIT,
            "now": timezone.now(),
            "may_start": _role(request) in (Role.SUPERVISOR, Role.INTAKE),
            "role_choices": StepRole.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.SUPERVISOR, Role.INTAKE)
def flows_start(request: HttpRequest) -> HttpResponse:
    """Start a non-voluntary or crisis flow for an employee of one's unit."""
    form = StartForm(request.POST or None, scope=request.active_role.scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        run = services.flow_start(
            plan=data["plan"], flow_key=data["flow"], employee=data["employee"], actor=request.user
        )
        messages.success(request, _("The flow has been started; the coordinators are told."))
        return redirect(run)
    return render(request, "counseling/flows/start.html", {"form": form})


def _step_rows(request: HttpRequest, run: FlowRun, flow) -> list[dict]:
    """Each step reached, with its notes where the person may read them (each read
    logged)."""
    rows = []
    now = timezone.now()
    for step_run in run.steps.select_related("done_by"):
        step = flow.step(step_run.step_key)
        confidential = bool(step and step.confidential_record)
        notes = None
        if step_run.done_at and policies.may_read_notes(request, run, confidential=confidential):
            notes = services.step_notes_read(
                step_run=step_run, actor=request.user, role=_role(request)
            )
        rows.append(
            {
                "step": step_run,
                "number": flow.number(step_run.step_key),
                "overdue": step_run.is_overdue(now),
                "notes": notes,
                "checklist": bool(step and step.notifies),
            }
        )
    return rows


@require_GET
@role_required(*FLOW_ROLES)
def flows_detail(request: HttpRequest, run_uuid) -> HttpResponse:
    """A flow's steps: statuses for everyone in reach, notes for its counsellor and the
    coordinator, the form for the open step to whoever does it."""
    run = policies.get_run(request, run_uuid)
    flow = as_flow(run.definition)
    current = services.current_step(run)
    step_form = None
    if current is not None and policies.may_record(request, run, current):
        step_form = StepForm(
            ways=services.ways_on(flow, flow.step(current.step_key)),
            with_notes=_role(request) in services.NOTE_ROLES,
            initial={"step": current.uuid},
        )
    assign_form = None
    if _role(request) == Role.INTAKE and run.case_id is None:
        assign_form = AssignForm(counselors=counselors_for(run.plan.authority))
    return render(
        request,
        "counseling/flows/detail.html",
        {
            "run": run,
            "flow": flow,
            "rows": _step_rows(request, run, flow),
            "current": current,
            "step_form": step_form,
            "assign_form": assign_form,
            "staff_view": _role(request) in services.NOTE_ROLES,
        },
    )


def _step_page(request, run, flow, current, form, *, status: int = 200) -> HttpResponse:
    """The flow's page again with the step form as posted (or as refused)."""
    return render(
        request,
        "counseling/flows/detail.html",
        {
            "run": run,
            "flow": flow,
            "rows": _step_rows(request, run, flow),
            "current": current,
            "step_form": form,
            "assign_form": None,
            "staff_view": _role(request) in services.NOTE_ROLES,
        },
        status=status,
    )


@require_POST
@role_required(*FLOW_ROLES)
def flows_step(request: HttpRequest, run_uuid) -> HttpResponse:
    """Record the open step as done and go on the chosen way."""
    run = policies.get_run(request, run_uuid)
    current = services.current_step(run)
    if current is None or not policies.may_record(request, run, current):
        messages.error(request, _("This step is not yours to record, or it is done already."))
        return redirect(run)
    flow = as_flow(run.definition)
    ways = services.ways_on(flow, flow.step(current.step_key))
    with_notes = _role(request) in services.NOTE_ROLES
    if request.POST.get("step") != str(current.uuid):
        # The page showed a step someone else has recorded since: what was chosen there
        # is not a choice for this one. Nothing is saved; the notes typed stay.
        messages.error(request, services.STEP_CHANGED)
        form = StepForm(
            ways=ways,
            with_notes=with_notes,
            initial={"step": current.uuid, "notes": request.POST.get("notes", "")},
        )
        return _step_page(request, run, flow, current, form)
    form = StepForm(request.POST, ways=ways, with_notes=with_notes)
    if not form.is_valid():
        return _step_page(request, run, flow, current, form, status=400)
    try:
        services.flow_step_record(
            step_run=current,
            actor=request.user,
            way=form.cleaned_data["way"],
            notes=form.cleaned_data.get("notes", ""),
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Step recorded."))
    return redirect(run)


@require_POST
@role_required(Role.INTAKE)
def flows_assign(request: HttpRequest, run_uuid) -> HttpResponse:
    """Give the flow a counsellor, which opens a case of its kind."""
    run = policies.get_run(request, run_uuid)
    if run.case_id is not None:
        messages.error(request, services.FLOW_ASSIGNED)
        return redirect(run)
    form = AssignForm(request.POST, counselors=counselors_for(run.plan.authority))
    if form.is_valid():
        try:
            case = services.flow_assign(
                run=run, counselor=form.cleaned_data["counselor"], actor=request.user
            )
        except Refused as refused:  # another coordinator, a moment ago
            show_refusal(request, refused)
            return redirect(run)
        messages.success(request, _("Case %(code)s opened and assigned.") % {"code": case.code})
    else:
        messages.error(request, _("Choose one of the counsellors listed."))
    return redirect(run)


@require_GET
@role_required(*FLOW_ROLES)
def flows_checklist(request: HttpRequest, run_uuid) -> HttpResponse:
    """Whom to tell in a crisis, with the plan's contact points and crisis lines: a
    printable list without clinical content."""
    run = policies.get_run(request, run_uuid)
    flow = as_flow(run.definition)
    reached = set(run.steps.values_list("step_key", flat=True))
    steps = [step for step in flow.steps if step.notifies and step.key in reached]
    targets = []
    for step in steps:
        for key in step.notifies:
            if key not in targets:
                targets.append(key)
    return render(
        request,
        "counseling/flows/checklist.html",
        {
            "run": run,
            "steps": steps,
            "targets": [NOTIFY_LABELS[key] for key in targets],
            "contact_points": [
                channel
                for channel in run.plan.channels
                if channel.kind == ChannelKind.CONTACT_POINT
            ],
            "crisis_lines": run.plan.crisis_lines,
        },
    )


# --- break-glass -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def flows_emergency_open(request: HttpRequest) -> HttpResponse:
    """Open a case whose counsellor cannot be reached, with a written reason."""
    form = EmergencyForm(
        request.POST or None, find_case=lambda code: policies.case_for_emergency(request, code)
    )
    if request.method == "POST" and form.is_valid():
        access = services.emergency_open(
            case=form.cleaned_data["case"],
            coordinator=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.warning(
            request,
            _("Emergency access opened; the counsellor and the auditors have been told."),
        )
        return redirect("counseling:flows_emergency_case", access.case.code)
    return render(
        request,
        "counseling/flows/emergency_open.html",
        {"form": form, "grants": policies.grants_of_coordinator(request)},
    )


@require_GET
@role_required(Role.INTAKE)
def flows_emergency_case(request: HttpRequest, code: str) -> HttpResponse:
    """The case, read only, while the coordinator's emergency access lasts; every read is
    logged with the purpose "break_glass"."""
    case, access = policies.get_case_under_emergency(request, code)
    purpose = services.PURPOSE_BREAK_GLASS
    text = None
    if case.request is not None:
        text = counselling.request_read(
            item=case.request, actor=request.user, role=_role(request), purpose=purpose
        )
    sessions = [
        (
            record,
            counselling.session_read(
                record=record, case=case, actor=request.user, role=_role(request), purpose=purpose
            ),
        )
        for record in case.sessions.all()
    ]
    return render(
        request,
        "counseling/flows/emergency_case.html",
        {
            "case": case,
            "access": access,
            "text": text,
            "sessions": sessions,
            "risk_choices": SessionRecord.RiskLevel.choices,
        },
    )


@require_GET
@role_required(Role.AUDITOR)
def flows_emergency_log(request: HttpRequest) -> HttpResponse:
    """Every emergency access in the auditor's scope, with the number of reads made under
    it (from the access log)."""
    reads = (
        AccessLog.objects.filter(
            purpose=services.PURPOSE_BREAK_GLASS,
            actor=OuterRef("coordinator"),
            subject_uuid=OuterRef("case__employee__uuid"),
            at__gte=OuterRef("opened_at"),
            at__lt=OuterRef("expires_at"),
        )
        .order_by()
        .values("purpose")
        .annotate(n=Count("pk"))
        .values("n")
    )
    grants = policies.grants_for_auditor(request).annotate(reads=Subquery(reads[:1]))
    return render(
        request,
        "counseling/flows/emergency_log.html",
        {"grants": grants[:LIST_LIMIT], "now": timezone.now(), "limit": LIST_LIMIT},
    )
