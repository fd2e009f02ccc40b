"""Who may see which room, slot and appointment. Anything outside a person's reach
answers 404.

- An employee sees his or her own appointments and ledger, and the free future slots of
  the counsellor of his or her own open case.
- A counsellor sees his or her own slots and the appointments in them.
- An intake coordinator manages the rooms of the authority of his or her scope and
  decides the over-quota bookings of employees in that scope.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from anxin.counseling.booking.models import Appointment, Room, Slot
from anxin.counseling.models import Case


def active_appointments():
    return Appointment.objects.filter(slot=OuterRef("pk"), status__in=Appointment.ACTIVE)


# --- employee -------------------------------------------------------------------------------


def open_cases_of_employee(request: HttpRequest) -> QuerySet[Case]:
    return Case.objects.filter(employee=request.employee, closed_on__isnull=True)


def get_case_for_employee(request: HttpRequest, code: str) -> Case:
    return get_object_or_404(
        open_cases_of_employee(request).select_related("plan", "counselor"), code=code
    )


def free_slots(case: Case) -> QuerySet[Slot]:
    return (
        Slot.objects.filter(counselor_id=case.counselor_id, starts_at__gt=timezone.now())
        .exclude(Exists(active_appointments()))
        .select_related("room")
    )


def appointments_of_employee(request: HttpRequest) -> QuerySet[Appointment]:
    return Appointment.objects.filter(employee=request.employee).select_related(
        "slot__room", "case"
    )


def get_appointment_for_employee(request: HttpRequest, appointment_uuid) -> Appointment:
    return get_object_or_404(
        appointments_of_employee(request).select_related("case__plan", "employee"),
        uuid=appointment_uuid,
    )


# --- counsellor -----------------------------------------------------------------------------


def slots_of_counselor(request: HttpRequest) -> QuerySet[Slot]:
    return Slot.objects.filter(counselor=request.user)


def get_appointment_for_counselor(request: HttpRequest, appointment_uuid) -> Appointment:
    return get_object_or_404(
        Appointment.objects.filter(slot__counselor=request.user, case__counselor=request.user),
        uuid=appointment_uuid,
    )


def rooms_for_counselor(request: HttpRequest) -> QuerySet[Room]:
    return Room.objects.filter(authority_id=request.active_role.scope.root_id, is_active=True)


# --- intake coordinator ---------------------------------------------------------------------


def rooms_for_coordinator(request: HttpRequest) -> QuerySet[Room]:
    return Room.objects.filter(authority_id=request.active_role.scope.root_id)


def get_room_for_coordinator(request: HttpRequest, room_uuid) -> Room:
    return get_object_or_404(rooms_for_coordinator(request), uuid=room_uuid)


def approvals_for_coordinator(request: HttpRequest) -> QuerySet[Appointment]:
    scope = request.active_role.scope
    return Appointment.objects.filter(
        scope.subtree_q("employee__unit__"), status=Appointment.Status.AWAITING_APPROVAL
    )


def leave_slips_for_coordinator(request: HttpRequest, day) -> QuerySet[Appointment]:
    """Booked or attended appointments on `day` of employees in the coordinator's scope:
    the slips a code typed by the coordinator may belong to."""
    return Appointment.objects.filter(
        request.active_role.scope.subtree_q("employee__unit__"),
        status__in=(Appointment.Status.BOOKED, Appointment.Status.ATTENDED),
        slot__starts_at__date=day,
    ).select_related("slot", "employee")


def approval_decided_for_coordinator(request: HttpRequest, appointment_uuid) -> bool:
    """Was this booking past the quota, in the coordinator's scope, decided already (by
    another coordinator, while this one's page was open)?"""
    return Appointment.objects.filter(
        request.active_role.scope.subtree_q("employee__unit__"),
        uuid=appointment_uuid,
        decided_at__isnull=False,
    ).exists()


def get_approval_for_coordinator(request: HttpRequest, appointment_uuid) -> Appointment:
    return get_object_or_404(
        approvals_for_coordinator(request).select_related("slot__room", "case__plan", "employee"),
        uuid=appointment_uuid,
    )
