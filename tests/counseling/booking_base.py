"""Fixtures of the booking tests: a room, future slots of Alice's counsellor, and a plan
with a quota (Taoyuan's 4 free hours) when a test needs one."""

from datetime import datetime, timedelta
from unittest import mock

from django.utils import timezone

from anxin.counseling.booking import services
from anxin.counseling.booking.models import Room, Slot
from anxin.counseling.models import Case
from anxin.plans.models import ProgramPlan
from tests.counseling.base import CounselingTestCase


def at(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """Local time `days` from today at hour:minute, aware."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
        hour=hour, minute=minute
    )


def mid_year_clock():
    """Django's clock pinned at 10:00 in Taipei on 10 June of this year, for a test that
    books a slot days ahead and reads a page of today's plan year: from 29 to 31 December
    the slot falls in the next plan year."""
    moment = timezone.make_aware(datetime(timezone.localdate().year, 6, 10, 10))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def roc(day) -> str:
    return f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"


def set_plan(plan: ProgramPlan, **config) -> None:
    """Give the plan extra configuration (e.g. a quota) in the database."""
    plan.config = {**plan.config, **config}
    ProgramPlan.objects.filter(pk=plan.pk).update(config=plan.config)


def fresh(case: Case) -> Case:
    return Case.objects.select_related("plan", "employee").get(pk=case.pk)


class BookingTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.room = Room.objects.create(
            authority=cls.authority, name="協談室A", location="市府大樓5樓"
        )

    @classmethod
    def make_slot(cls, *, counselor=None, starts=None, minutes=60, mode="face_to_face", room=None):
        starts = starts or at(3)
        if mode == "face_to_face":
            room = room or cls.room
        return services.slot_publish(
            counselor=counselor or cls.counselor,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=minutes),
            mode=mode,
            room=room,
        )

    @staticmethod
    def past_slot(*, counselor, starts, minutes=60, room=None) -> Slot:
        """A slot that has begun (publishing refuses the past, so it is written directly)."""
        return Slot.objects.create(
            counselor=counselor,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=minutes),
            mode="face_to_face" if room else "phone",
            room=room,
        )

    def with_quota(self, hours: int = 4, **booking) -> None:
        set_plan(
            self.plan,
            counselling_quota={"hours_per_year": hours, "source": "test"},
            **({"booking": booking} if booking else {}),
        )
