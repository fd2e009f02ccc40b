"""Group counselling as events: the counselling room schedules a group (one meeting or
a weekly series) for the staff of a unit, often in answer to the unit's group request.

The group is an ordinary published event (kind "group counselling") with sessions,
invitations and registrations, so registration, the waiting list, fixed membership from
the first meeting and attendance work as for any event. What differs:
- its roster is private to its facilitator (`Event.private_roster`), whatever the
  audience, because taking part in group counselling is a personal fact;
- the events organisers (hr, eap_admin) do not manage it; the counselling room does;
- the group request it answers is scheduled with it, and its outcome is read from the
  registrations: held, and how many attended, never who.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.counseling.booking.models import Room, Slot
from anxin.counseling.booking.services import overlapping
from anxin.counseling.groups.models import GroupSession
from anxin.counseling.providers import services as requests
from anxin.counseling.providers.models import GroupRequest
from anxin.events import services as events
from anxin.events.models import Event, Registration
from anxin.people.models import User


def room_place(room: Room) -> str:
    return f"{room.name}（{room.location}）"


def _check_times(*, facilitator: User, room: Room | None, sessions) -> None:
    """The room and the counsellor must be free: no offered counselling time overlaps."""
    if room is not None:
        room = Room.objects.select_for_update().get(pk=room.pk)
    for starts_at, ends_at in sessions:
        if room is not None and overlapping(room.slots.all(), starts_at, ends_at).exists():
            raise Refused(
                "room_taken",
                _("The room is taken by a counselling time on %(day)s.")
                % {"day": format_long(timezone.localtime(starts_at))},
            )
        if overlapping(Slot.objects.filter(counselor=facilitator), starts_at, ends_at).exists():
            raise Refused(
                "counselor_busy",
                _("The counsellor offers a counselling time that overlaps a meeting on %(day)s.")
                % {"day": format_long(timezone.localtime(starts_at))},
            )


@transaction.atomic
def group_session_schedule(
    *,
    actor: User,
    authority,
    title: str,
    description: str,
    audience_unit,
    facilitator: User,
    capacity: int,
    sessions: list[tuple[datetime, datetime]],
    room: Room | None = None,
    place: str = "",
    online_link: str = "",
    group_request: GroupRequest | None = None,
    request_version: int | None = None,
) -> Event:
    """Create the group as a published event with its sessions and invite the staff of
    `audience_unit` (quietly, as for any event). When it answers a group request, the
    request is scheduled at the first meeting with the facilitator as its counsellor.
    Refused when the room or the counsellor is taken, or the request
    already has a group; StaleEdit when the request changed in between."""
    if not sessions:
        raise Refused("no_sessions", _("A group meets at least once."))
    if group_request is not None:
        if GroupSession.objects.filter(group_request=group_request).exists():
            raise Refused("already_scheduled", _("This request already has a group scheduled."))
        if group_request.status not in (
            GroupRequest.Status.REQUESTED,
            GroupRequest.Status.SCHEDULED,
        ):
            raise Refused("outcome_recorded", _("The outcome of this request is already recorded."))
    _check_times(facilitator=facilitator, room=room, sessions=sessions)
    where = room_place(room) if room is not None else place
    event = Event.objects.create(
        owner_unit=authority,
        created_by=actor,
        kind=Event.Kind.GROUP_COUNSELLING,
        title=title,
        description=description,
        facilitator=facilitator,
        capacity=capacity,
        audience_unit=audience_unit,
        private_roster=True,
    )
    for starts_at, ends_at in sessions:
        events.session_add(
            event=event, starts_at=starts_at, ends_at=ends_at, place=where, online_link=online_link
        )
    if group_request is not None:
        requests.group_request_schedule(
            item=group_request,
            scheduled_at=sessions[0][0],
            place=where or online_link,
            counselor=facilitator,
            provider=None,
            expected_version=request_version if request_version is not None else 0,
        )
    GroupSession.objects.create(event=event, group_request=group_request, scheduled_by=actor)
    events.event_publish(event=event, actor=actor, confirm_empty=True)
    event.refresh_from_db()
    return event


def attended_count(event: Event) -> int:
    """How many members attended: registrations completed by attendance. A number, never
    names."""
    return event.registrations.filter(
        status=Registration.Status.REGISTERED, completed_at__isnull=False
    ).count()


@transaction.atomic
def group_session_record_outcome(*, group_session: GroupSession, now: datetime) -> GroupRequest:
    """Record the answered request as held, with the attendance read from the
    registrations. Refused before the last meeting has ended and while nobody's
    attendance is recorded."""
    item = group_session.group_request
    if item is None:
        raise Refused("no_request", _("This group answers no request."))
    if item.status != GroupRequest.Status.SCHEDULED:
        raise Refused("outcome_recorded", _("The outcome of this request is already recorded."))
    last = group_session.event.sessions.order_by("-ends_at").first()
    if last is None or last.ends_at > now:
        raise Refused("not_over", _("The outcome can be recorded after the last meeting."))
    attended = attended_count(group_session.event)
    if attended == 0:
        raise Refused(
            "no_attendance",
            _(
                "No attendance is recorded for this group yet. Take the attendance first, or "
                "record on the request's page that the session was not held."
            ),
        )
    return requests.group_request_record_outcome(
        item=item, held=True, attendance=attended, expected_version=item.version
    )
