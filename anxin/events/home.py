"""What the events app adds to the home pages (anxin/core/home.py): the organiser's few
numbers to act on, in one query."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from anxin.core.home import home_card
from anxin.events.models import Event, EventSession
from anxin.events.policies import ORGANISERS, organised_events

UPCOMING = timedelta(days=30)
CLOSING = timedelta(days=7)


@home_card("event_figures", roles=ORGANISERS, template="events/home/_figures.html", weight=30)
def event_figures(request, role) -> dict:
    """Drafts to publish, events in the next 30 days, registrations closing this week."""
    now = timezone.now()
    soon = EventSession.objects.filter(
        event=OuterRef("pk"), starts_at__gte=now, starts_at__lt=now + UPCOMING
    )
    published = Q(status=Event.Status.PUBLISHED)
    figures = (
        organised_events(request)
        .annotate(is_soon=Exists(soon))
        .aggregate(
            drafts=Count("pk", filter=Q(status=Event.Status.DRAFT)),
            upcoming=Count("pk", filter=published & Q(is_soon=True)),
            closing=Count(
                "pk",
                filter=published
                & Q(registration_closes_at__gte=now, registration_closes_at__lt=now + CLOSING),
            ),
        )
    )
    return {"event_figures": figures}
