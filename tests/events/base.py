"""Fixtures for the events tests: an event factory over BaseTestCase's people."""

import itertools
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from anxin.events import services
from anxin.events.models import Event
from tests.base import BaseTestCase

TAIPEI = ZoneInfo("Asia/Taipei")
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A room per event made here: two sessions in one place at one time are refused (0011).
ROOMS = itertools.count(1001)


def event_data(audience_unit, **extra) -> dict:
    data = {
        "kind": Event.Kind.WORKSHOP,
        "title": "舒壓工作坊",
        "description": "",
        "materials": "",
        "facilitator": None,
        "capacity": 10,
        "learning_hours": Decimal("3"),
        "registration_closes_at": None,
        "prerequisite": None,
        "audience_unit": audience_unit,
        "audience_categories": [],
        "audience_age_min": None,
        "audience_age_max": None,
        "audience_age_on": None,
        "audience_months_hired_min": None,
        "audience_months_hired_max": None,
        "audience_declared": [],
    }
    data.update(extra)
    return data


def make_event(
    actor,
    owner_unit,
    *,
    audience_unit=None,
    publish=False,
    days_ahead: int = 30,
    place: str | None = None,
    **extra,
) -> Event:
    event = services.event_create(
        actor=actor, owner_unit=owner_unit, data=event_data(audience_unit or owner_unit, **extra)
    )
    start = timezone.now().astimezone(TAIPEI).replace(
        hour=14, minute=0, second=0, microsecond=0
    ) + timedelta(days=days_ahead)
    services.session_add(
        event=event,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place=place or f"市府大樓 {next(ROOMS)} 室",
    )
    if publish:
        services.event_publish(event=event, actor=actor, confirm_empty=True)
        event.refresh_from_db()
    return event


def at(year, month, day, hour=9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=TAIPEI)


class EventsTestCase(BaseTestCase):
    """BaseTestCase with events: eap_admin organises at the authority, hr at 社會局."""
