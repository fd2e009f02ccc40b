"""Fixtures for the e-mail station and hotline tests: the Taipei plan of the test
authority with an e-mail station added (3 calendar days, as Taoyuan's) and a 30-minute
hotline."""

from django.utils import timezone

from anxin.counseling.station import services
from anxin.plans.models import ProgramPlan
from tests.counseling.base import CounselingTestCase

STATION = {
    "key": "email_station",
    "kind": "email_station",
    "name": "E-mail抒壓站",
    "reply_days": 3,
    "reply_days_basis": "calendar",
    "source": "test",
}


def add_station(plan: ProgramPlan, **overrides) -> ProgramPlan:
    """Give the plan an e-mail station and a 30-minute hotline; returns it reloaded."""
    config = dict(plan.config)
    channels = [ch for ch in config.get("channels", []) if ch["kind"] != "email_station"]
    for channel in channels:
        if channel["kind"] == "hotline":
            channel["call_minutes"] = 30
    channels.append({**STATION, **overrides})
    config["channels"] = channels
    ProgramPlan.objects.filter(pk=plan.pk).update(config=config)
    return ProgramPlan.objects.get(pk=plan.pk)


class StationTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = add_station(cls.plan)

    @classmethod
    def start(cls, body="最近工作壓力很大", employee=None, now=None):
        """A conversation; returns (thread, raw token)."""
        return services.thread_start(
            plan=cls.plan, employee=employee, body=body, now=now or timezone.now()
        )

    @classmethod
    def assigned(cls, body="最近工作壓力很大", employee=None, counselor=None):
        thread, token = cls.start(body=body, employee=employee)
        services.thread_assign(
            thread=thread, counselor=counselor or cls.counselor, actor=cls.intake,
            expected_version=thread.version,
        )  # fmt: skip
        thread.refresh_from_db()
        return thread, token


def now_at(thread) -> int:
    """The conversation's version as stored: what a page opened now would carry."""
    from anxin.counseling.station.models import StationThread

    return StationThread.objects.get(pk=thread.pk).version
