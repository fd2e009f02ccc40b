"""Who may see which event (DESIGN.md invariant 10).

- Organisers (`eap_admin` over the authority, `hr` over an agency subtree) see and edit
  the events organised in their subtree, with counts of invited and registered people.
- An employee sees published events he or she is eligible for, and only his or her own
  registration.
- The roster (who registered, waits or applied) is for the facilitator; for an event
  whose roster is not private, also for its organisers. A private roster
  (`Event.is_sensitive`, decision 0018) is the facilitator's only: organisers get 404 and
  see counts on their own pages.
Anything else answers 404.
"""

from django.http import Http404, HttpRequest

from anxin.events.models import Event, EventSession, Registration, Season
from anxin.people.roles import Role, scope_of

ORGANISERS = (Role.EAP_ADMIN, Role.HR)
PARTICIPANTS = (Role.EMPLOYEE,)
# Half-year seasons are generated for the whole authority, by its EAP team.
SEASON_ORGANISERS = (Role.EAP_ADMIN,)


def organised_events(request: HttpRequest):
    return Event.objects.filter(owner_unit__path__startswith=scope_of(request).path).exclude(
        kind=Event.Kind.GROUP_COUNSELLING  # the counselling room runs these (decision 0028)
    )


def event_for_organiser(request: HttpRequest, event_uuid) -> Event:
    event = (
        organised_events(request)
        .select_related("audience_unit", "owner_unit", "facilitator", "prerequisite")
        .filter(uuid=event_uuid)
        .first()
    )
    if event is None:
        raise Http404
    return event


def session_for_organiser(request: HttpRequest, event_uuid, session_pk: int) -> EventSession:
    event = event_for_organiser(request, event_uuid)
    session = EventSession.objects.filter(event=event, pk=session_pk).first()
    if session is None:
        raise Http404
    session.event = event
    return session


def seasons_for(request: HttpRequest):
    return Season.objects.filter(owner_unit__path__startswith=scope_of(request).path)


def season_for_admin(request: HttpRequest, season_pk: int) -> Season:
    season = seasons_for(request).select_related("plan", "owner_unit").filter(pk=season_pk).first()
    if season is None:
        raise Http404
    return season


def event_for_employee(request: HttpRequest, event_uuid) -> Event:
    """A published (or cancelled) event of the employee's authority; eligibility is the
    view's to check (an ineligible employee gets a message, not a 404, for an event he or
    she was sent)."""
    employee = request.employee
    event = (
        Event.objects.filter(
            uuid=event_uuid,
            status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
            owner_unit__path__startswith=f"/{employee.authority_id}/",
        )
        .select_related("audience_unit", "prerequisite", "facilitator")
        .prefetch_related("sessions")
        .first()
    )
    if event is None:
        raise Http404
    return event


def event_for_roster(request: HttpRequest, event_uuid) -> Event:
    event = (
        Event.objects.filter(uuid=event_uuid)
        .select_related("owner_unit", "audience_unit")
        .prefetch_related("sessions")
        .first()
    )
    if event is None:
        raise Http404
    if event.facilitator_id == request.user.pk:
        return event
    role = request.active_role
    if (
        not event.is_sensitive
        and role is not None
        and role.role in ORGANISERS
        and event.owner_unit.path.startswith(role.scope.path)
    ):
        return event
    raise Http404


def own_registration(request: HttpRequest, event: Event) -> Registration | None:
    return (
        Registration.objects.filter(event=event, employee=request.employee)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
