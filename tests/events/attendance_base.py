"""Fixtures of the attendance and certificate tests: events whose sessions are placed
around now, with registrations taken before they start."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.test import override_settings
from django.utils import timezone

from anxin.events import services
from anxin.events.attendance import services as attendance
from anxin.events.models import Event, Registration
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, event_data


def event_with_sessions(
    actor, owner_unit, starts: list[datetime], *, minutes: int = 120, **extra
) -> Event:
    """A published event with a session of `minutes` at each of `starts`."""
    event = services.event_create(
        actor=actor, owner_unit=owner_unit, data=event_data(owner_unit, **extra)
    )
    for start in starts:
        services.session_add(
            event=event,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            place=f"會議室 {event.pk}",
        )
    services.event_publish(event=event, actor=actor, confirm_empty=True)
    event.refresh_from_db()
    return event


def register(event: Event, employee, user) -> Registration:
    """Register before the first session starts, whenever that is."""
    first = min(s.starts_at for s in event.sessions.all())
    return services.registration_create(
        event=event, employee=employee, actor=user, now=first - timedelta(days=1)
    )


def tick(registration, session, status: str, minutes: int | None = None, *, actor):
    """Record one row as the facilitator would."""
    current = registration.attendances.filter(session=session).first()
    attendance.attendance_record(
        session=session,
        ticks=[
            attendance.Tick(
                registration=registration,
                status=status,
                minutes=minutes,
                seen=attendance.seen_stamp(current),
            )
        ],
        actor=actor,
    )
    registration.refresh_from_db()


@override_settings(TASKS=IMMEDIATE_TASKS)
class AttendanceTestCase(EventsTestCase):
    """EventsTestCase with a facilitator (a care worker) and a 3-hour workshop that started
    five minutes ago, Alice registered."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.facilitator = make_user("facilitator", display_name="林講師")
        give_role(cls.facilitator, Role.CARE_WORKER, cls.authority)

    def setUp(self):
        self.now = timezone.now()
        self.event = event_with_sessions(
            self.eap_admin,
            self.authority,
            [self.now - timedelta(minutes=5)],
            minutes=180,
            facilitator=self.facilitator,
            learning_hours=Decimal("3"),
        )
        self.session = self.event.sessions.get()
        self.registration = register(self.event, self.alice_employee, self.alice)
