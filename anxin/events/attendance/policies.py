"""Who may see and do what with attendance and certificates (DESIGN.md invariant 10).

Attendance follows the roster: the facilitator always; the organisers in scope only when
the roster is not private (`Event.is_sensitive`; they see counts otherwise); each member
his or her own. The same rule covers the learning-hours export and issuing certificates. A
certificate's PDF is its holder's, and the people who may see the attendance. Anything
else answers 404.
"""

from django.http import Http404, HttpRequest

from anxin.events.attendance.models import Certificate, CheckInCode
from anxin.events.models import Event, EventSession
from anxin.events.policies import ORGANISERS, event_for_roster


def event_for_attendance(request: HttpRequest, event_uuid) -> Event:
    return event_for_roster(request, event_uuid)


def session_of(event: Event, session_id: int) -> EventSession:
    session = next((s for s in event.sessions.all() if s.pk == session_id), None)
    if session is None:
        raise Http404
    return session


def _organiser_in_scope(request: HttpRequest, event: Event) -> bool:
    role = request.active_role
    return (
        role is not None
        and role.role in ORGANISERS
        and event.owner_unit.path.startswith(role.scope.path)
    )


def may_see_attendance(request: HttpRequest, event: Event) -> bool:
    if event.facilitator_id == request.user.pk:
        return True
    return not event.is_sensitive and _organiser_in_scope(request, event)


def check_in_code_for_employee(request: HttpRequest, token: str) -> CheckInCode:
    """The code a QR points to, for a published event of the employee's authority."""
    employee = request.employee
    code = (
        CheckInCode.objects.filter(
            token=token,
            session__event__status=Event.Status.PUBLISHED,
            session__event__owner_unit__path__startswith=f"/{employee.authority_id}/",
        )
        .select_related("session__event")
        .first()
    )
    if code is None:
        raise Http404
    return code


def certificate_for_user(request: HttpRequest, certificate_uuid) -> Certificate:
    certificate = (
        Certificate.objects.filter(uuid=certificate_uuid)
        .select_related("registration__event__owner_unit", "registration__employee")
        .first()
    )
    if certificate is None:
        raise Http404
    event = certificate.registration.event
    own = request.employee is not None and (
        certificate.registration.employee_id == request.employee.pk
    )
    if not own and not may_see_attendance(request, event):
        raise Http404
    return certificate
