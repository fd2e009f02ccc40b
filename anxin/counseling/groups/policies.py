"""Who may see which group counselling event.

- A counsellor sees the groups he or she leads.
- The counselling room's coordinator (`intake`) sees the groups open to units in his or
  her scope, with counts; the roster stays the facilitator's (events.policies).
- Nobody else: the events organisers do not manage them, and a unit's HR officer or
  supervisor sees the group request's outcome (held, how many), not the group.
Anything else answers 404.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from anxin.events.models import Event
from anxin.people.roles import Role

COUNSELLING_ROOM = (Role.COUNSELOR, Role.INTAKE)


def group_events_for(request: HttpRequest) -> QuerySet[Event]:
    groups = Event.objects.filter(kind=Event.Kind.GROUP_COUNSELLING, group_session__isnull=False)
    role = request.active_role
    if role.role == Role.COUNSELOR:
        return groups.filter(facilitator=request.user)
    if role.role == Role.INTAKE:
        return groups.filter(audience_unit__path__startswith=role.scope.path)
    return groups.none()


def group_event_for(request: HttpRequest, event_uuid) -> Event:
    event = (
        group_events_for(request)
        .filter(uuid=event_uuid)
        .select_related("audience_unit", "facilitator", "group_session__group_request__unit")
        .prefetch_related("sessions")
        .first()
    )
    if event is None:
        raise Http404
    return event
