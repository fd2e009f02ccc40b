from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.audit import UNAVAILABLE_EDIT, any_unavailable
from anxin.core.locking import StaleEdit
from anxin.core.paging import page_of
from anxin.core.refusals import Refused, show_refusal
from anxin.counseling import policies, services
from anxin.counseling.consent.policies import case_panel
from anxin.counseling.forms import (
    STATEMENT,
    ApplicationForm,
    AssignForm,
    CaseFilterForm,
    CloseForm,
    SessionRecordForm,
)
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.counseling.outcomes.models import OutcomeMeasure
from anxin.counseling.outcomes.policies import outcomes_of_employee
from anxin.counseling.outcomes.services import case_outcome
from anxin.counseling.timeline import case_timeline
from anxin.counseling.waiting import waiting_elsewhere
from anxin.people.roles import Role, role_required
from anxin.plans.services import is_eligible, plan_for_employee

QUEUE_LIMIT = 200
# Open cases (no closing date) first, then the most recently closed.
CLOSED_LAST_FIRST = models.F("closed_on").desc(nulls_first=True)
URGENCY_ORDER = models.Case(
    models.When(urgency=CounsellingRequest.Urgency.URGENT, then=models.Value(0)),
    models.When(urgency=CounsellingRequest.Urgency.SOON, then=models.Value(1)),
    default=models.Value(2),
    output_field=models.IntegerField(),
)


def _role(request: HttpRequest) -> str:
    return request.active_role.role


# --- employee ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def apply(request: HttpRequest) -> HttpResponse:
    """The online application (附表一). An employee the plan does not serve is told so."""
    employee = request.employee
    plan = plan_for_employee(employee)
    if plan is None or not is_eligible(employee, plan) or not plan.service_areas:
        return render(request, "counseling/not_eligible.html", {"plan": plan})
    # From a self-test's crisis result: the form comes pre-set to urgent, nothing about
    # the test is carried over, and nothing is sent until the employee sends it.
    from_self_test = request.GET.get("from") == "self-test"
    initial = {"urgency": CounsellingRequest.Urgency.URGENT} if from_self_test else {}
    form = ApplicationForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.request_submit(
            employee=employee,
            plan=plan,
            concern=data["concern"],
            urgency=data["urgency"],
            mode=data["mode"],
            gender_preference=data["gender_preference"],
            contact_method=data["contact_method"],
            contact_value=data["contact_value"],
            details=data["details"],
            preferred_times=data["preferred_times"],
        )
        messages.success(
            request,
            _("Your request has been sent. A coordinator will assign a counsellor to you."),
        )
        return redirect("counseling:my_requests")
    return render(
        request,
        "counseling/apply.html",
        {"form": form, "plan": plan, "statement": STATEMENT, "from_self_test": from_self_test},
    )


@require_GET
@role_required(Role.EMPLOYEE)
def my_requests(request: HttpRequest) -> HttpResponse:
    items = policies.requests_of_employee(request).order_by("-received_at")
    outcomes = outcomes_of_employee(request).exclude(status=OutcomeMeasure.Status.WITHDRAWN)
    return render(request, "counseling/my_requests.html", {"items": items, "outcomes": outcomes})


# --- intake coordinator ----------------------------------------------------------------------


@require_GET
@role_required(Role.INTAKE)
def queue(request: HttpRequest) -> HttpResponse:
    """Waiting requests, metadata only: urgent first, then the oldest."""
    waiting = policies.requests_for_coordinator(request).filter(
        status=CounsellingRequest.Status.WAITING
    )
    items = waiting.annotate(urgency_order=URGENCY_ORDER).order_by("urgency_order", "received_at")
    return render(
        request,
        "counseling/queue.html",
        {
            "items": items[:QUEUE_LIMIT],
            "total": waiting.count(),
            "limit": QUEUE_LIMIT,
            "channels": waiting_elsewhere(request),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def request_detail(request: HttpRequest, request_uuid) -> HttpResponse:
    """One request: its text while it waits (read for triage, logged) and the assignment."""
    item = policies.get_request_for_coordinator(request, request_uuid)
    waiting = item.status == CounsellingRequest.Status.WAITING
    form = None
    if waiting:
        counselors = policies.counselors_with_availability(item.plan.authority)
        form = AssignForm(request.POST or None, counselors=counselors)
        if request.method == "POST" and form.is_valid():
            try:
                case = services.case_open(
                    item=item, counselor=form.cleaned_data["counselor"], actor=request.user
                )
            except Refused as refused:  # assigned by another coordinator, a moment ago
                show_refusal(request, refused)
                return redirect(item)
            messages.success(request, _("Case %(code)s opened and assigned.") % {"code": case.code})
            return redirect("counseling:queue")
    elif request.method == "POST":
        messages.error(request, services.ALREADY_ASSIGNED)
        return redirect(item)
    text = None
    if waiting:
        text = services.request_read(
            item=item, actor=request.user, role=_role(request), purpose=policies.PURPOSE_TRIAGE
        )
    return render(
        request, "counseling/request_detail.html", {"item": item, "text": text, "form": form}
    )


@require_GET
@role_required(Role.INTAKE)
def case_records_for_coordinator(request: HttpRequest, code: str) -> HttpResponse:
    """A case's session records, read-only, for the coordinator where the plan says so;
    every field shown is a logged read with purpose "coordination"."""
    case = policies.get_case_for_coordinator_reading(request, code)
    sessions = [
        (
            record,
            services.session_read(
                record=record,
                case=case,
                actor=request.user,
                role=_role(request),
                purpose=policies.PURPOSE_COORDINATION,
            ),
        )
        for record in case.sessions.all()
    ]
    return render(
        request,
        "counseling/case_records.html",
        {"case": case, "sessions": sessions, "risk_choices": SessionRecord.RiskLevel.choices},
    )


# --- counsellor ------------------------------------------------------------------------------


@require_GET
@role_required(Role.COUNSELOR)
def my_cases(request: HttpRequest) -> HttpResponse:
    """Open cases first, then the most recently closed; a page at a time, with filters."""
    form = CaseFilterForm(request.GET, plans=policies.plans_of_counselor(request))
    cases = policies.cases_for_list(request)
    if form.is_valid():
        cases = form.filter(cases)
    page = page_of(request, cases.order_by(CLOSED_LAST_FIRST, "-opened_at", "pk"))
    open_count = policies.cases_for_counselor(request).filter(closed_on__isnull=True).count()
    context = {"form": form, "page": page, "cases": page.object_list, "open_count": open_count}
    return render(request, "counseling/my_cases.html", context)


@require_GET
@role_required(Role.COUNSELOR)
def case_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The case and its one timeline; every sealed field shown (the request's text and
    the session records) is a logged read, the rest is metadata."""
    case = policies.get_case_for_counselor(request, code)
    text = None
    if case.request is not None:
        text = services.request_read(
            item=case.request,
            actor=request.user,
            role=_role(request),
            purpose=policies.PURPOSE_CARE,
        )
    sessions = [
        (
            record,
            services.session_read(
                record=record, case=case, actor=request.user, role=_role(request)
            ),
        )
        for record in case.sessions.all()
    ]
    panel = case_panel(case)
    return render(
        request,
        "counseling/case_detail.html",
        {
            "case": case,
            "text": text,
            "sessions": sessions,
            "risk_choices": SessionRecord.RiskLevel.choices,
            "consent_panel": panel,
            "outcome": case_outcome(
                case=case, actor=request.user, role=_role(request), purpose=policies.PURPOSE_CARE
            ),
            "timeline": case_timeline(
                case=case, counselor=request.user, sessions=sessions, panel=panel
            ),
            "now": timezone.now(),
        },
    )


def _refuse_closed(request: HttpRequest, case: Case) -> HttpResponse | None:
    if case.is_closed:
        messages.error(request, services.CASE_CLOSED)
        return redirect(case)
    return None


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def session_create(request: HttpRequest, code: str) -> HttpResponse:
    case = policies.get_case_for_counselor(request, code)
    if refused := _refuse_closed(request, case):
        return refused
    now = timezone.localtime()
    form = SessionRecordForm(
        request.POST or None,
        initial={
            "held_on": now.date(),
            "minutes": 50,
            "mode": case.request.mode if case.request else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_record(
                case=case,
                author=request.user,
                held_at=data["held_at"],
                minutes=data["minutes"],
                mode=data["mode"],
                clinical=form.clinical(),
            )
        except Refused as refused:  # closed a moment ago
            show_refusal(request, refused)
        else:
            messages.success(request, _("Session record saved."))
        return redirect(case)
    return render(
        request, "counseling/session_form.html", {"case": case, "form": form, "record": None}
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def session_edit(request: HttpRequest, code: str, session_uuid) -> HttpResponse:
    case = policies.get_case_for_counselor(request, code)
    record = policies.get_session_for_counselor(request, case, session_uuid)
    if refused := _refuse_closed(request, case):
        return refused
    if request.method == "POST":
        form = SessionRecordForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.session_update(
                    record=record,
                    held_at=data["held_at"],
                    minutes=data["minutes"],
                    mode=data["mode"],
                    clinical=form.clinical(),
                    expected_version=data["version"] or 0,
                )
            except StaleEdit as stale:
                # What was typed stays in the form; nothing was saved.
                show_refusal(request, stale, form=form)
            else:
                messages.success(request, _("Session record saved."))
                return redirect(case)
    else:
        clinical = services.session_read(
            record=record, case=case, actor=request.user, role=_role(request)
        )
        if any_unavailable(clinical):
            messages.error(request, UNAVAILABLE_EDIT)
            return redirect(case)
        held = timezone.localtime(record.held_at)
        form = SessionRecordForm(
            initial={
                **clinical,
                "held_on": held.date(),
                "held_time": held.time().replace(second=0, microsecond=0),
                "minutes": record.minutes,
                "mode": record.mode,
                "version": record.version,
            }
        )
    return render(
        request, "counseling/session_form.html", {"case": case, "form": form, "record": record}
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def case_close(request: HttpRequest, code: str) -> HttpResponse:
    case = policies.get_case_for_counselor(request, code)
    if refused := _refuse_closed(request, case):
        return refused
    form = CloseForm(
        request.POST or None,
        case=case,
        initial={"closed_on": timezone.localdate(), "version": case.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(
                case=case,
                outcome=form.cleaned_data["outcome"],
                closed_on=form.cleaned_data["closed_on"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            show_refusal(request, stale, form=form)
        else:
            messages.success(request, _("Case %(code)s closed.") % {"code": case.code})
            return redirect("counseling:my_cases")
    return render(request, "counseling/case_close.html", {"case": case, "form": form})
