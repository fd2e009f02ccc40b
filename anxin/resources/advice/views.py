"""Advice at fixed times: the employee's booking pages, the adviser's day, the EAP
administrator's services, and the counts HR officers and the administrator see."""

from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.kanon import suppress_table
from anxin.core.refusals import Refused, show_refusal
from anxin.core.roc import DateFormatError, format_month, parse_date
from anxin.people.models import User
from anxin.people.roles import Role, role_required, scope_of
from anxin.plans.services import k_for, plan_for_authority
from anxin.resources.advice import policies, services
from anxin.resources.advice.forms import (
    AdviserCancelForm,
    BookForm,
    ClosureForm,
    RuleForm,
    ServiceForm,
)
from anxin.resources.advice.models import AdviceBooking, AdviceRule
from anxin.resources.directory.models import Service as DirectoryEntry

LIST_LIMIT = 200
# Refusals about the chosen time are shown beside the times; the others above the form.
SLOT_REFUSALS = ("past", "taken", "day_closed")
# How many free times the employee's page shows per service.
TIMES_SHOWN = 12


# --- employee -------------------------------------------------------------------------------


@require_GET
@role_required(Role.EMPLOYEE)
def advice_home(request: HttpRequest) -> HttpResponse:
    """The services of the employee's plan with their next free times, and his or her
    bookings. A fixed number of queries, however many services, times and bookings."""
    offered = list(policies.services_for_employee(request).prefetch_related("rules"))
    times = defaultdict(list)
    for slot in policies.free_slots(offered)[:LIST_LIMIT]:
        if len(times[slot.service_id]) < TIMES_SHOWN:
            times[slot.service_id].append(slot)
    bookings = policies.bookings_of_employee(request).order_by("-slot__starts_at")[:LIST_LIMIT]
    return render(
        request,
        "resources/advice/home.html",
        {
            "services": [(service, times[service.pk]) for service in offered],
            "bookings": bookings,
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def advice_book(request: HttpRequest, service_uuid) -> HttpResponse:
    """Choose a time and say what about. A time taken a moment ago or already begun is
    refused on this page, with what was typed kept and the times still free."""
    service = policies.get_service_for_employee(request, service_uuid)
    initial = {"slot": request.GET.get("time")} if request.method == "GET" else None
    form = BookForm(request.POST or None, initial=initial, service=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_book(
                slot=form.cleaned_data["slot"],
                employee=request.employee,
                topic=form.cleaned_data["topic"],
                actor=request.user,
            )
        except Refused as refused:
            field = "slot" if refused.code in SLOT_REFUSALS else None
            show_refusal(request, refused, form=form, field=field)
        else:
            messages.success(request, _("Your advice time is booked."))
            return redirect("resources:advice_home")
    free = list(policies.free_slots([service])[:LIST_LIMIT])
    chosen = str(form["slot"].value() or "")
    return render(
        request,
        "resources/advice/book.html",
        {"service": service, "form": form, "free": free, "chosen": chosen},
    )


@require_POST
@role_required(Role.EMPLOYEE)
def advice_cancel(request: HttpRequest, booking_uuid) -> HttpResponse:
    booking = policies.get_booking_for_employee(request, booking_uuid)
    try:
        services.advice_cancel(booking=booking, actor=request.user)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Your advice time is cancelled."))
    return redirect("resources:advice_home")


# --- adviser --------------------------------------------------------------------------------


@require_GET
@role_required(Role.COUNSELOR)
def advice_day(request: HttpRequest) -> HttpResponse:
    """The day's bookings of the services the adviser is named on: time, place, who. The
    topics open one at a time (each read logged), not here."""
    day = timezone.localdate()
    if typed := request.GET.get("day", "").strip():
        try:
            day = parse_date(typed)
        except DateFormatError:
            messages.error(request, _("Enter a date such as 114/01/22 or 2025-01-22."))
    bookings = policies.day_bookings_for_adviser(request, day)[:LIST_LIMIT]
    return render(
        request,
        "resources/advice/day.html",
        {
            "day": day,
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1),
            "bookings": bookings,
            "services": policies.services_of_adviser(request).order_by("name"),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def advice_booking(request: HttpRequest, booking_uuid) -> HttpResponse:
    """One booking for its adviser: the topic (the read logged) and the cancellation
    with a reason."""
    booking = policies.get_booking_for_adviser(request, booking_uuid)
    form = AdviserCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_cancel_by_adviser(
                booking=booking, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The booking is cancelled and the employee is told."))
            day = timezone.localtime(booking.slot.starts_at).date()
            return redirect(f"{reverse('resources:advice_day')}?day={day.isoformat()}")
    return render(
        request,
        "resources/advice/booking.html",
        {
            "booking": booking,
            "topic": policies.read_topic(request, booking),
            "form": form,
            "cancellable": booking.is_booked and booking.slot.starts_at > timezone.now(),
        },
    )


# --- EAP administrator ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def advice_services(request: HttpRequest) -> HttpResponse:
    """The advice services of the plans in scope; POST makes them from the plans in force
    and cuts their slots (what `run-due` does several times a day)."""
    if request.method == "POST":
        made = slots = 0
        scope = scope_of(request)
        today = timezone.localdate()
        for plan in services.plans_in_force(today).filter(scope.subtree_q("authority__")):
            result = services.advice_plan_sync(plan=plan, now=timezone.now())
            made, slots = made + result.services, slots + result.slots
        messages.success(
            request,
            _("%(services)s service(s) made from the plans, %(slots)s time(s) added.")
            % {"services": made, "slots": slots},
        )
        return redirect("resources:advice_services")
    items = (
        policies.services_for_admin(request)
        .prefetch_related("rules", "advisers")
        .order_by("plan__name", "name", "pk")[:LIST_LIMIT]
    )
    return render(request, "resources/advice/services.html", {"services": items})


def _advisers_for(request: HttpRequest):
    """Accounts holding the counsellor role inside the administrator's scope."""
    scope = scope_of(request)
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.COUNSELOR,
            role_assignments__scope__path__startswith=scope.path,
        )
        .distinct()
        .order_by("username")
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def advice_service(request: HttpRequest, service_uuid) -> HttpResponse:
    service = policies.get_service_for_admin(request, service_uuid)
    initial = {
        "name": service.name,
        "provider": service.provider,
        "slot_minutes": service.slot_minutes,
        "advisers": list(service.advisers.all()),
        "active": service.is_active,
        "entry": service.entry,
    }
    entries = (
        DirectoryEntry.objects.filter(authority_id=service.plan.authority_id)
        .select_related("organisation")
        .order_by("name", "pk")
    )
    form = ServiceForm(
        request.POST or None, initial=initial, advisers=_advisers_for(request), entries=entries
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.advice_service_update(
            service=service,
            name=data["name"],
            provider=data["provider"],
            slot_minutes=data["slot_minutes"],
            advisers=data["advisers"],
            active=data["active"],
            entry=data["entry"],
        )
        messages.success(request, _("The service is saved."))
        return redirect("resources:advice_service", service_uuid=service.uuid)
    return render(
        request,
        "resources/advice/service.html",
        {
            "service": service,
            "form": form,
            "rule_form": RuleForm(),
            "rules": service.rules.all(),
            "closures": service.closures.select_related("closed_by")[:LIST_LIMIT],
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN, Role.COUNSELOR)
def advice_close(request: HttpRequest, service_uuid) -> HttpResponse:
    """Close a day of a service (a holiday, the adviser away): the EAP administrator or
    one of the service's advisers. The day's bookings are cancelled and their employees
    told; the reason and the closed days are for staff."""
    service = policies.get_service_for_closing(request, service_uuid)
    initial = {"day": request.GET.get("day", "")} if request.method == "GET" else None
    form = ClosureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _closure, cancelled = services.advice_day_close(
                service=service,
                day=form.cleaned_data["day"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                now=timezone.now(),
            )
        except Refused as refused:
            field = "reason" if refused.code == "closure_reason" else "day"
            show_refusal(request, refused, form=form, field=field)
        else:
            messages.success(
                request,
                _("The day is closed; %(count)s booking(s) cancelled and the employees told.")
                % {"count": cancelled},
            )
            return redirect("resources:advice_close", service_uuid=service.uuid)
    return render(
        request,
        "resources/advice/close.html",
        {
            "service": service,
            "form": form,
            "closures": service.closures.select_related("closed_by")[:LIST_LIMIT],
            "back": (
                reverse("resources:advice_service", args=[service.uuid])
                if request.active_role.role == Role.EAP_ADMIN
                else reverse("resources:advice_day")
            ),
        },
    )


@require_POST
@role_required(Role.EAP_ADMIN)
def advice_rule_add(request: HttpRequest, service_uuid) -> HttpResponse:
    service = policies.get_service_for_admin(request, service_uuid)
    form = RuleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.advice_rule_add(
                service=service,
                weekday=data["weekday"],
                start=data["start"],
                end=data["end"],
                place=data["place"],
            )
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(request, _("The weekly time is added."))
    else:
        messages.error(request, _("The weekly time was not added: check the day, times and place."))
    return redirect("resources:advice_service", service_uuid=service.uuid)


@require_POST
@role_required(Role.EAP_ADMIN)
def advice_rule_remove(request: HttpRequest, service_uuid, rule_id: int) -> HttpResponse:
    service = policies.get_service_for_admin(request, service_uuid)
    rule = get_object_or_404(AdviceRule, service=service, pk=rule_id)
    services.advice_rule_remove(rule=rule)
    messages.success(request, _("The weekly time is removed; times already made stay."))
    return redirect("resources:advice_service", service_uuid=service.uuid)


# --- counts ---------------------------------------------------------------------------------


@require_GET
@role_required(Role.HR, Role.EAP_ADMIN)
def advice_counts(request: HttpRequest) -> HttpResponse:
    """People who booked advice, by service and month of the plan in force, for the
    employees in the role's scope: counts only, through the k rule."""
    scope = scope_of(request)
    plan = plan_for_authority(scope.root_id)
    offered = list(policies.services_for_counts(request).filter(plan=plan))
    months = []
    if plan is not None:
        month = plan.period_start.replace(day=1)
        last = plan.period_end or timezone.localdate()
        while month <= last and len(months) < 24:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
    rows = (
        policies.bookings_for_counts(request)
        .filter(status=AdviceBooking.Status.BOOKED, slot__service__in=offered)
        .annotate(month=TruncMonth("slot__starts_at"))
        .values("slot__service_id", "month")
        .annotate(people=Count("employee", distinct=True))
        .order_by()
    )
    table_data: dict = {service.pk: {} for service in offered}
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        if month in months:
            table_data[row["slot__service_id"]][month] = row["people"]
    table = suppress_table(
        table_data,
        k=k_for(scope),
        rows=[service.pk for service in offered],
        columns=months,
    )
    names = {service.pk: service.name for service in offered}
    return render(
        request,
        "resources/advice/counts.html",
        {
            "plan": plan,
            "table": table,
            "lines": [(names[line.key], line) for line in table.lines],
            "months": [(month, format_month(month)) for month in months],
        },
    )
