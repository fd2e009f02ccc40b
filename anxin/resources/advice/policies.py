"""Who sees what of advice at fixed times (decision 0054).

- An employee sees the services of the plan in force for his or her authority, their
  free times, and his or her own bookings; never anyone else's.
- An adviser is an account holding the counsellor role and named on a service: he or she
  sees the bookings of that service's slots, and reads a booking's topic one at a time,
  each read logged (purpose `advice`).
- The EAP administrator manages the services of the authorities in his or her scope;
  HR officers and the EAP administrator see counts only, through the k rule.
- A day of a service is closed by the EAP administrator (services in scope) or by one of
  the service's advisers; the reason is theirs to read (decision 0068).
"""

import uuid
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from anxin.core.audit import read_sealed
from anxin.people.roles import Role, scope_of
from anxin.plans.services import plan_for_employee
from anxin.resources.advice.models import AdviceBooking, AdviceService, AdviceSlot

# The access log's purpose of an adviser's read of a topic (access_terms.py gives its words).
PURPOSE_ADVICE = "advice"


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


# --- employee -------------------------------------------------------------------------------


def services_for_employee(request: HttpRequest) -> QuerySet[AdviceService]:
    plan = plan_for_employee(request.employee)
    if plan is None:
        return AdviceService.objects.none()
    return AdviceService.objects.filter(plan=plan, is_active=True).select_related("entry")


def free_slots(services, *, now: datetime | None = None) -> QuerySet[AdviceSlot]:
    """Slots of these services that have not begun and that nobody holds."""
    now = now or timezone.now()
    held = AdviceBooking.objects.filter(slot=OuterRef("pk"), status=AdviceBooking.Status.BOOKED)
    return (
        AdviceSlot.objects.filter(service__in=services, starts_at__gt=now, closure__isnull=True)
        .exclude(Exists(held))
        .order_by("starts_at", "pk")
    )


def get_service_for_employee(request: HttpRequest, service_uuid) -> AdviceService:
    return get_object_or_404(services_for_employee(request), uuid=_uuid(service_uuid))


def bookings_of_employee(request: HttpRequest) -> QuerySet[AdviceBooking]:
    return AdviceBooking.objects.filter(employee=request.employee).select_related("slot__service")


def get_booking_for_employee(request: HttpRequest, booking_uuid) -> AdviceBooking:
    return get_object_or_404(bookings_of_employee(request), uuid=_uuid(booking_uuid))


# --- adviser --------------------------------------------------------------------------------


def services_of_adviser(request: HttpRequest) -> QuerySet[AdviceService]:
    return AdviceService.objects.filter(advisers=request.user)


def day_bookings_for_adviser(request: HttpRequest, day: date) -> QuerySet[AdviceBooking]:
    """The bookings (booked or cancelled) of the adviser's services on `day`, local time."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return (
        AdviceBooking.objects.filter(
            slot__service__in=services_of_adviser(request),
            slot__starts_at__gte=start,
            slot__starts_at__lt=start + timedelta(days=1),
        )
        .select_related("slot__service", "employee__unit")
        .order_by("slot__starts_at", "pk")
    )


def get_booking_for_adviser(request: HttpRequest, booking_uuid) -> AdviceBooking:
    queryset = AdviceBooking.objects.filter(
        slot__service__in=services_of_adviser(request)
    ).select_related("slot__service", "employee__unit")
    return get_object_or_404(queryset, uuid=_uuid(booking_uuid))


def read_topic(request: HttpRequest, booking: AdviceBooking):
    """The booking's topic for its adviser (the loader above checked that), the read
    logged in the same transaction."""
    return read_sealed(
        booking,
        "topic",
        actor=request.user,
        purpose=PURPOSE_ADVICE,
        subject_uuid=booking.employee.uuid,
        role=request.active_role.role,
    )


# --- EAP administrator, HR ------------------------------------------------------------------


def services_for_admin(request: HttpRequest) -> QuerySet[AdviceService]:
    """Services of the plans of authorities inside the administrator's scope."""
    scope = scope_of(request)
    return AdviceService.objects.filter(scope.subtree_q("plan__authority__")).select_related("plan")


def get_service_for_admin(request: HttpRequest, service_uuid) -> AdviceService:
    return get_object_or_404(services_for_admin(request), uuid=_uuid(service_uuid))


def services_for_closing(request: HttpRequest) -> QuerySet[AdviceService]:
    """The services whose days the active role may close: the administrator's in scope,
    an adviser's own."""
    if request.active_role.role == Role.EAP_ADMIN:
        return services_for_admin(request)
    return services_of_adviser(request)


def get_service_for_closing(request: HttpRequest, service_uuid) -> AdviceService:
    return get_object_or_404(services_for_closing(request), uuid=_uuid(service_uuid))


def services_for_counts(request: HttpRequest) -> QuerySet[AdviceService]:
    """The services of the authority the role's scope lies in (an HR officer's agency is
    inside an authority, whose plan's services its staff book)."""
    scope = scope_of(request)
    return AdviceService.objects.filter(plan__authority_id=scope.root_id).order_by("name", "pk")


def bookings_for_counts(request: HttpRequest) -> QuerySet[AdviceBooking]:
    """Bookings made by employees inside the role's scope (never listed: counted)."""
    scope = scope_of(request)
    return AdviceBooking.objects.filter(scope.subtree_q("employee__unit__"))
