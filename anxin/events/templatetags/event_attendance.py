"""{% attendance_panel event registration %}: the attendance part of an event's page,
kept in the attendance package's template (decision 0010). For the member: his or her
own attendance, learning hours and certificate; for the facilitator: the way to the
attendance page. A detail page, not a list: its few queries do not grow with anything."""

from django import template

from anxin.events.attendance import services
from anxin.events.attendance.models import Attendance, Certificate

register = template.Library()


@register.inclusion_tag("events/attendance/_panel.html", takes_context=True)
def attendance_panel(context, event, registration=None) -> dict:
    request = context["request"]
    panel = {
        "event": event,
        "registration": registration,
        "facilitates": request.user.is_authenticated and event.facilitator_id == request.user.pk,
    }
    if registration is not None and registration.status == "registered":
        sessions = list(event.sessions.all())
        attendances = list(Attendance.objects.filter(registration=registration))
        by_session = {a.session_id: a for a in attendances}
        panel.update(
            rows=[(session, by_session.get(session.pk)) for session in sessions],
            summary=services.summary_of(registration),
            certificate=Certificate.objects.filter(
                registration=registration, revoked_at__isnull=True
            ).first(),
        )
    return panel
