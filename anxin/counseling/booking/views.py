from datetime import timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.refusals import Refused, show_refusal
from anxin.counseling.booking import policies, services
from anxin.counseling.booking.forms import (
    AttendanceForm,
    BookForm,
    DecisionForm,
    LeaveSlipCheckForm,
    RoomForm,
    SlotForm,
)
from anxin.counseling.booking.models import Appointment
from anxin.people.roles import Role, role_required
from anxin.plans.services import plan_for_employee

LIST_LIMIT = 200
# How far back the timetable shows past slots, for recording attendance.
TIMETABLE_PAST = timedelta(days=14)


# --- employee ------------------------------------------------------------------------------


@require_GET
@role_required(Role.EMPLOYEE)
def booking_home(request: HttpRequest) -> HttpResponse:
    """The employee's appointments, open cases to book for, and the quota ledger."""
    employee = request.employee
    plan = plan_for_employee(employee)
    today = timezone.localdate()
    entries = []
    if plan is not None:
        entries = services.quota_entries(employee=employee, plan=plan, on=today)[:LIST_LIMIT]
    appointments = policies.appointments_of_employee(request).order_by("-slot__starts_at")[
        :LIST_LIMIT
    ]
    return render(
        request,
        "counseling/booking/home.html",
        {
            "cases": policies.open_cases_of_employee(request).order_by("-opened_at"),
            "appointments": appointments,
            "entries": entries,
            "quota": services.quota_summary(employee=employee, plan=plan, on=today),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def booking_book(request: HttpRequest, code: str) -> HttpResponse:
    """The free future times of the case's counsellor; the employee chooses one."""
    case = policies.get_case_for_employee(request, code)
    slots = policies.free_slots(case).order_by("starts_at")[:LIST_LIMIT]
    form = BookForm(request.POST or None, slots=policies.free_slots(case))
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_book(
                case=case, slot=form.cleaned_data["slot"], actor=request.user
            )
        except Refused as refused:
            show_refusal(request, refused, form=form, field="slot")
        else:
            if appointment.status == Appointment.Status.AWAITING_APPROVAL:
                messages.warning(
                    request,
                    _(
                        "This session goes past your yearly free hours: the coordinator "
                        "has been asked and you will be told of the decision."
                    ),
                )
            else:
                messages.success(request, _("Your session is booked."))
            return redirect("counseling:booking_home")
    form.fields["slot"].queryset = slots
    return render(
        request,
        "counseling/booking/book.html",
        {
            "case": case,
            "form": form,
            "quota": services.quota_summary(
                employee=request.employee, plan=case.plan, on=timezone.localdate()
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def booking_cancel(request: HttpRequest, appointment_uuid) -> HttpResponse:
    appointment = policies.get_appointment_for_employee(request, appointment_uuid)
    error = None
    if request.method == "POST":
        try:
            services.appointment_cancel(appointment=appointment, actor=request.user)
        except Refused as refused:
            error = refused.message
        else:
            messages.success(request, _("Your appointment is cancelled."))
            return redirect("counseling:booking_home")
    late = appointment.status == Appointment.Status.BOOKED and services.is_late(appointment)
    return render(
        request,
        "counseling/booking/cancel.html",
        {
            "appointment": appointment,
            "late": late,
            "rules": appointment.case.plan.booking_rules,
            "error": error,
            "place": services.place_of(appointment.slot),
        },
    )


@require_GET
@role_required(Role.EMPLOYEE)
def booking_confirmation(request: HttpRequest, appointment_uuid) -> HttpResponse:
    """The slip for a leave request (001 §玖.一; decision 0040): the employee's name, date,
    time and length, the programme and the plan's leave rule, a neutral place, the issue
    date and a verification code; no counsellor, no room, no concern, no content."""
    appointment = policies.get_appointment_for_employee(request, appointment_uuid)
    if appointment.status not in (Appointment.Status.BOOKED, Appointment.Status.ATTENDED):
        messages.error(request, _("Only a booked appointment has a confirmation."))
        return redirect("counseling:booking_home")
    return render(
        request,
        "counseling/booking/confirmation.html",
        {
            "appointment": appointment,
            "minutes": int(
                (appointment.slot.ends_at - appointment.slot.starts_at).total_seconds() // 60
            ),
            "place": services.leave_slip_place(appointment.slot),
            "leave_rule": appointment.case.plan.leave_rule,
            "issued_on": timezone.localdate(),
            "code": services.leave_slip_code(appointment),
        },
    )


# --- counsellor ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def booking_timetable(request: HttpRequest) -> HttpResponse:
    """The counsellor's own times (from two weeks back) with who booked them by case
    code, and the form to offer a new time."""
    rooms = policies.rooms_for_counselor(request)
    form = SlotForm(request.POST or None, counselor=request.user, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.slot_publish(
                counselor=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                mode=data["mode"],
                room=data["room"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The time is offered."))
            return redirect("counseling:booking_timetable")
    active = Appointment.objects.filter(status__in=Appointment.ACTIVE).select_related("case")
    slots = (
        policies.slots_of_counselor(request)
        .filter(starts_at__gte=timezone.now() - TIMETABLE_PAST)
        .select_related("room")
        .prefetch_related(Prefetch("appointments", queryset=active, to_attr="active"))
        .order_by("starts_at")[:LIST_LIMIT]
    )
    return render(
        request,
        "counseling/booking/timetable.html",
        {"form": form, "slots": slots, "now": timezone.now()},
    )


@require_POST
@role_required(Role.COUNSELOR)
def booking_attendance(request: HttpRequest, appointment_uuid) -> HttpResponse:
    appointment = policies.get_appointment_for_counselor(request, appointment_uuid)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose attended or did not come."))
        return redirect("counseling:booking_timetable")
    try:
        services.appointment_mark(
            appointment=appointment, attended=form.cleaned_data["attended"], actor=request.user
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Attendance recorded."))
    return redirect("counseling:booking_timetable")


# --- intake coordinator ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def booking_rooms(request: HttpRequest) -> HttpResponse:
    rooms = policies.rooms_for_coordinator(request)
    form = RoomForm(request.POST or None, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_create(
                authority=request.active_role.scope.authority(),
                name=form.cleaned_data["name"],
                location=form.cleaned_data["location"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form, field="name")
        else:
            messages.success(request, _("Room added."))
            return redirect("counseling:booking_rooms")
    return render(
        request,
        "counseling/booking/rooms.html",
        {"form": form, "rooms": rooms.order_by("-is_active", "name")[:LIST_LIMIT]},
    )


@require_POST
@role_required(Role.INTAKE)
def booking_room_active(request: HttpRequest, room_uuid) -> HttpResponse:
    """Take a room out of use (no new times in it) or back into use."""
    room = policies.get_room_for_coordinator(request, room_uuid)
    services.room_set_active(room=room, active=request.POST.get("active") == "1")
    messages.success(request, _("Room updated."))
    return redirect("counseling:booking_rooms")


@require_GET
@role_required(Role.INTAKE)
def booking_approvals(request: HttpRequest) -> HttpResponse:
    """Bookings past the yearly quota waiting for a decision, the soonest first."""
    items = (
        policies.approvals_for_coordinator(request)
        .select_related("slot", "case")
        .order_by("slot__starts_at")[:LIST_LIMIT]
    )
    return render(request, "counseling/booking/approvals.html", {"items": items})


@require_GET
@role_required(Role.INTAKE)
def booking_leave_slip_check(request: HttpRequest) -> HttpResponse:
    """The coordinator checks a leave slip an approver asks about: its date and code give
    the name, date, time and length it was issued for, or say that no slip matches
    (decision 0040)."""
    form = LeaveSlipCheckForm(request.GET or None)
    found = checked = None
    if form.is_valid():
        day = form.cleaned_data["day"]
        checked = True
        found = services.leave_slip_find(
            policies.leave_slips_for_coordinator(request, day), form.cleaned_data["code"]
        )
    minutes = None
    if found is not None:
        minutes = int((found.slot.ends_at - found.slot.starts_at).total_seconds() // 60)
    return render(
        request,
        "counseling/booking/leave_slip_check.html",
        {"form": form, "checked": checked, "found": found, "minutes": minutes},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def booking_approval(request: HttpRequest, appointment_uuid) -> HttpResponse:
    try:
        appointment = policies.get_approval_for_coordinator(request, appointment_uuid)
    except Http404:
        # Two coordinators deciding at once: the second is told, not shown a bare 404.
        if request.method == "POST" and policies.approval_decided_for_coordinator(
            request, appointment_uuid
        ):
            messages.error(request, services.REFUSALS["decided"])
            return redirect("counseling:booking_approvals")
        raise
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.appointment_decide(
                appointment=appointment,
                approve=approve,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request, _("Approved: the session is booked.") if approve else _("Declined.")
            )
            return redirect("counseling:booking_approvals")
    slot = appointment.slot
    return render(
        request,
        "counseling/booking/approval.html",
        {
            "appointment": appointment,
            "form": form,
            "hours": services.slot_hours(slot),
            "quota": services.quota_summary(
                employee=appointment.employee,
                plan=appointment.case.plan,
                on=services.slot_day(slot),
            ),
        },
    )
