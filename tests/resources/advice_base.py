"""The people and things of the advice tests: 範例市政府's plan with a legal-advice
channel as Chiayi's (002 §伍.三.(二).1), its service with the counsellor as adviser, and
times tomorrow and the day after."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from anxin.plans.models import ProgramPlan
from anxin.resources.advice.models import AdviceRule, AdviceService, AdviceSlot
from anxin.resources.advice.services import advice_book
from tests.base import BaseTestCase, give_role, make_user

PLAN_CONFIG = {
    "channels": [
        {
            "key": "legal_advice",
            "kind": "legal_advice",
            "name": "法律扶助諮詢",
            "provider": "本府民政處",
            "source": "002 §伍.三.(二).1",
            "schedule": [
                {"weekdays": ["mon", "fri"], "start": "09:30", "end": "12:00",
                 "place": "本府六樓第一會議室"},
                {"weekdays": ["wed"], "start": "09:30", "end": "12:00",
                 "place": "本市西區區公所三樓禮堂"},
            ],
        },
        {"key": "tax_counter", "kind": "financial_advice", "name": "稅務局全功能服務櫃台",
         "source": "002 §伍.三.(二).2"},
        {"key": "hotline", "kind": "hotline", "name": "諮詢專線", "source": "x"},
    ],
    "advice": {"services": ["legal_advice", "tax_counter"], "slot_minutes": 30,
               "weeks_ahead": 2, "source": "002 §伍.三.(二)"},
}  # fmt: skip


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A local time `day_offset` days from today."""
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_slot(service: AdviceService, starts_at: datetime, minutes: int = 30) -> AdviceSlot:
    return AdviceSlot.objects.create(
        service=service,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        place="本府六樓第一會議室",
    )


class AdviceTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = ProgramPlan.objects.create(
            slug="advice-test",
            name="範例市政府員工協助方案",
            authority=cls.authority,
            period_start=timezone.localdate() - timedelta(days=40),
            config=PLAN_CONFIG,
        )
        cls.service = AdviceService.objects.create(
            plan=cls.plan, name="法律扶助諮詢", provider="本府民政處", slot_minutes=30
        )
        AdviceRule.objects.create(
            service=cls.service, weekday=0, start=time(9, 30), end=time(12), place="六樓"
        )
        cls.service.advisers.add(cls.counselor)
        # Another counsellor, not named on the service.
        cls.counselor2 = make_user("counselor2")
        give_role(cls.counselor2, "counselor", cls.authority)
        cls.slot = make_slot(cls.service, at(1, 10))
        cls.slot2 = make_slot(cls.service, at(2, 10))
        cls.past_slot = make_slot(cls.service, at(-1, 10))

    def allow(self, *, open_per_service: int = 50, per_year: int = 0) -> None:
        """Set the plan's limits per employee (tests that book many times for one)."""
        advice = {**self.plan.config["advice"], "open_per_service": open_per_service}
        advice["per_year"] = per_year
        self.plan.config = {**self.plan.config, "advice": advice}
        self.plan.save(update_fields=["config"])

    def book(self, slot=None, employee=None, topic="租屋押金糾紛"):
        employee = employee or self.alice_employee
        return advice_book(
            slot=slot or self.slot, employee=employee, topic=topic, actor=employee.user
        )
