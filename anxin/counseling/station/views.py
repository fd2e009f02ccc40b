"""Pages of the e-mail station and the hotline log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.counseling.policies import counselors_for
from anxin.counseling.station import policies, services
from anxin.counseling.station.forms import (
    AssignForm,
    CallForm,
    CloseForm,
    FirstMessageForm,
    MessageForm,
    ReplyForm,
)
from anxin.counseling.station.models import StationThread
from anxin.people.roles import Role, role_required
from anxin.plans.services import is_eligible, plan_for_authority, plan_for_employee

INBOX_LIMIT = 200
LINK_SESSION_KEY = "station_link"


def _role(request: HttpRequest) -> str:
    return request.active_role.role


def _current_version(request: HttpRequest, thread: StationThread) -> dict:
    """What was typed, with the conversation's version as it is now: after a refusal
    for a change made meanwhile, sending again is a decision taken knowing the change."""
    thread.refresh_from_db()
    data = request.POST.copy()
    data["version"] = thread.version
    return data


# --- the writer --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def station_write(request: HttpRequest) -> HttpResponse:
    """Write to the e-mail station: a signed-in employee to his or her plan's station,
    an anonymous visitor to the station of the plan he or she chooses."""
    if request.user.is_authenticated:
        if request.active_role is None or request.active_role.role != Role.EMPLOYEE:
            raise PermissionDenied
        employee = request.employee
        plan = plan_for_employee(employee)
        if services.station_channel(plan) is None or not is_eligible(employee, plan):
            return render(request, "counseling/station/no_station.html", {"plan": plan})
        form = FirstMessageForm(request.POST or None)
    else:
        employee, plan = None, None
        plans = services.station_plans()
        if not plans:
            return render(request, "counseling/station/no_station.html", {"plan": None})
        form = FirstMessageForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        plan = plan or form.cleaned_data["plan"]
        thread, token = services.thread_start(
            plan=plan, employee=employee, body=form.cleaned_data["body"]
        )
        if employee is not None:
            messages.success(request, _("Your message has been sent."))
            return redirect("counseling:station_mine_thread", thread.uuid)
        # Shown once on the next page, never put in a URL the browser is redirected to.
        request.session[LINK_SESSION_KEY] = token
        return redirect("counseling:station_sent")
    channel = services.station_channel(plan) if plan else None
    return render(
        request,
        "counseling/station/write.html",
        {"form": form, "plan": plan, "channel": channel, "anonymous": employee is None},
    )


@require_GET
def station_sent(request: HttpRequest) -> HttpResponse:
    """The anonymous writer's private link, shown once."""
    token = request.session.pop(LINK_SESSION_KEY, None)
    if token is None:
        return redirect("counseling:station_write")
    link = request.build_absolute_uri(reverse("counseling:station_thread_token", args=[token]))
    return render(request, "counseling/station/sent.html", {"link": link})


def _writer_page(
    request: HttpRequest, thread: StationThread, *, signed_in: bool, back: str
) -> HttpResponse:
    """The writer's view of a conversation. Through the private link the writer stays
    anonymous even when someone is signed in: neither the message nor the access log
    names the signed-in person, so that the link never ties a name to the thread."""
    user = request.user if signed_in else None
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_write_again(thread=thread, body=form.cleaned_data["body"], author=user)
        except Refused as refused:  # closed meanwhile
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect(request.path)
    conversation = services.thread_read_for_writer(thread=thread, user=user)
    return render(
        request,
        "counseling/station/writer_thread.html",
        {"thread": thread, "conversation": conversation, "form": form, "back": back},
    )


@require_http_methods(["GET", "POST"])
def station_thread_token(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: whoever holds it reads the replies and writes again; a wrong
    token is 404."""
    thread = policies.get_thread_by_token(token)
    return _writer_page(request, thread, signed_in=False, back="")


@require_GET
@role_required(Role.EMPLOYEE)
def station_mine(request: HttpRequest) -> HttpResponse:
    threads = policies.threads_of_employee(request).order_by("-received_at")
    return render(request, "counseling/station/mine.html", {"threads": threads})


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def station_mine_thread(request: HttpRequest, thread_uuid) -> HttpResponse:
    thread = policies.get_thread_for_employee(request, thread_uuid)
    return _writer_page(request, thread, signed_in=True, back="counseling:station_mine")


# --- intake coordinator ---------------------------------------------------------------------


def inbox_order(now) -> list:
    """Risk-flagged first, then overdue, then the soonest due; answered and closed last."""
    waiting = models.Q(status=StationThread.Status.OPEN, awaiting_reply=True)
    stage = models.Case(
        models.When(waiting & models.Q(risk_flag=True), then=models.Value(0)),
        models.When(waiting & models.Q(due_at__lt=now), then=models.Value(1)),
        models.When(waiting, then=models.Value(2)),
        models.When(status=StationThread.Status.OPEN, then=models.Value(3)),
        default=models.Value(4),
        output_field=models.IntegerField(),
    )
    return [stage.asc(), "due_at"]


@require_GET
@role_required(Role.INTAKE)
def station_inbox(request: HttpRequest) -> HttpResponse:
    """Metadata only: received, due, time left, risk flag, status, counsellor."""
    now = timezone.now()
    threads = policies.threads_for_coordinator(request)
    items = threads.select_related("counselor", "plan").order_by(*inbox_order(now))
    total = threads.count()
    return render(
        request,
        "counseling/station/inbox.html",
        {"items": items[:INBOX_LIMIT], "total": total, "limit": INBOX_LIMIT, "now": now},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def station_assign(request: HttpRequest, thread_uuid) -> HttpResponse:
    thread = policies.get_thread_for_coordinator(request, thread_uuid)
    form = AssignForm(
        request.POST or None,
        counselors=counselors_for(thread.plan.authority),
        initial={"counselor": thread.counselor_id, "version": thread.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_assign(
                thread=thread,
                counselor=form.cleaned_data["counselor"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            form = AssignForm(
                _current_version(request, thread), counselors=form.fields["counselor"].queryset
            )
            form.is_valid()
            show_refusal(request, stale, form=form)
        except Refused as refused:  # closed meanwhile
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The conversation has been assigned."))
            return redirect("counseling:station_inbox")
    return render(
        request,
        "counseling/station/assign.html",
        {"thread": thread, "form": form, "now": timezone.now()},
    )


# --- counsellor ------------------------------------------------------------------------------


@require_GET
@role_required(Role.COUNSELOR)
def station_threads(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    items = policies.threads_for_counselor(request).order_by(*inbox_order(now))
    return render(request, "counseling/station/threads.html", {"items": items, "now": now})


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def station_thread(request: HttpRequest, thread_uuid) -> HttpResponse:
    """The conversation, every message a logged read, and the reply form. A flagged
    conversation shows the crisis protocol and the plan's crisis lines."""
    thread = policies.get_thread_for_counselor(request, thread_uuid)
    form = ReplyForm(request.POST or None, initial={"version": thread.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_reply(
                thread=thread,
                counselor=request.user,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            # What was typed stays; the page below shows the conversation as it is now.
            form = ReplyForm(_current_version(request, thread))
            form.is_valid()
            show_refusal(request, stale, form=form)
        except Refused as refused:  # closed meanwhile
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect(thread)
    conversation = services.thread_read_for_counselor(
        thread=thread, actor=request.user, role=_role(request)
    )
    return render(
        request,
        "counseling/station/thread.html",
        {
            "thread": thread,
            "conversation": conversation,
            "form": form,
            "crisis_lines": thread.plan.crisis_lines,
            "now": timezone.now(),
            "close_form": CloseForm(initial={"version": thread.version}),
        },
    )


@require_POST
@role_required(Role.COUNSELOR)
def station_thread_close(request: HttpRequest, thread_uuid) -> HttpResponse:
    thread = policies.get_thread_for_counselor(request, thread_uuid)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, services.THREAD_CHANGED)
        return redirect(thread)
    try:
        services.thread_close(thread=thread, expected_version=form.cleaned_data["version"])
    except StaleEdit as stale:
        show_refusal(request, stale)
        return redirect(thread)
    messages.success(request, _("The conversation has been closed."))
    return redirect("counseling:station_threads")


# --- the hotline log -------------------------------------------------------------------------


def _counselor_plan(request: HttpRequest):
    """The plan in force for the authority the counsellor serves."""
    return plan_for_authority(request.active_role.scope.root_id)


@require_GET
@role_required(Role.COUNSELOR)
def station_hotline(request: HttpRequest) -> HttpResponse:
    calls = policies.calls_for_counselor(request).select_related("employee")
    return render(request, "counseling/station/hotline.html", {"calls": calls[:INBOX_LIMIT]})


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def station_hotline_new(request: HttpRequest) -> HttpResponse:
    plan = _counselor_plan(request)
    if plan is None or not plan.service_areas:
        return render(request, "counseling/station/no_station.html", {"plan": plan})
    now = timezone.localtime()
    form = CallForm(
        request.POST or None,
        plan=plan,
        initial={
            "called_on": now.date(),
            "called_time": now.time().replace(second=0, microsecond=0),
            "minutes": services.hotline_minutes(plan) or 30,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.call_record(
            plan=plan,
            counselor=request.user,
            employee=data["employee_number"],
            called_at=data["called_at"],
            minutes=data["minutes"],
            concern=data["concern"],
            outcome=data["outcome"],
            note=data["note"],
        )
        messages.success(request, _("The call has been recorded."))
        return redirect("counseling:station_hotline")
    return render(request, "counseling/station/hotline_form.html", {"form": form, "plan": plan})


@require_GET
@role_required(Role.COUNSELOR)
def station_hotline_detail(request: HttpRequest, call_uuid) -> HttpResponse:
    call = policies.get_call_for_counselor(request, call_uuid)
    note = services.call_read(call=call, actor=request.user, role=_role(request))
    return render(request, "counseling/station/hotline_detail.html", {"call": call, "note": note})
