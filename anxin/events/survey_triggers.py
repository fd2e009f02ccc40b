"""The "event ended" trigger of person-relative surveys (event feedback): events knows
when an event's last session ended and who was registered; surveys owns the registry
(anxin/surveys/triggers.py) and finds this module."""

from datetime import date, datetime

from django.db.models import Max
from django.utils import timezone

from anxin.events.models import Event, EventSession, Registration
from anxin.surveys.models import Survey
from anxin.surveys.triggers import Subject, survey_trigger_register


def event_ended_anchors(*, people, low: date, high: date, now: datetime, subject_id=None):
    """The registered participants of the event, counted from the end of its last session
    (nobody before it has ended). Two queries: its end, then its participants."""
    if subject_id is None:
        return []
    ended = EventSession.objects.filter(
        event_id=subject_id, event__status=Event.Status.PUBLISHED
    ).aggregate(last=Max("ends_at"))["last"]
    if ended is None or ended > now:
        return []
    anchor = timezone.localtime(ended).date()
    if not low <= anchor <= high:
        return []
    return [
        (pk, user, anchor)
        for pk, user in Registration.objects.filter(
            event_id=subject_id, status=Registration.Status.REGISTERED, employee__in=people
        ).values_list("employee_id", "employee__user_id")
    ]


def events_ended(*, within, ended_from: datetime, now: datetime, excluding) -> list[Subject]:
    """The published events organised within `within`'s subtree whose last session ended
    between `ended_from` and `now`, but those of `excluding` (ids, or a query of them)."""
    events = (
        Event.objects.filter(within.subtree_q("owner_unit__"), status=Event.Status.PUBLISHED)
        .exclude(pk__in=excluding)
        .annotate(last=Max("sessions__ends_at"))
        .filter(last__lte=now, last__gte=ended_from)
        .only("pk", "title")
    )
    return [Subject(event.pk, event.title, event.last) for event in events]


def event_choices(*, within):
    """The events a feedback survey of `within` may be about: organised within its
    subtree, not cancelled, the latest first."""
    return (
        Event.objects.filter(within.subtree_q("owner_unit__"))
        .exclude(status=Event.Status.CANCELLED)
        .order_by("-created_at")
    )


survey_trigger_register(
    schedule=Survey.Schedule.EVENT_ENDED,
    anchors=event_ended_anchors,
    subjects=events_ended,
    choices=event_choices,
)
