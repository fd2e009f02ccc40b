"""The yearly quota across channels (issue 3 item 4): a reply at the e-mail station and a
call on the hotline count beside booked sessions, as the plan says (decision 0009)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from anxin.counseling.booking.models import QuotaEntry
from anxin.counseling.booking.services import quota_charge, quota_remaining
from anxin.counseling.station import services
from anxin.plans.models import ProgramPlan
from tests.counseling.station_base import StationTestCase, now_at


def set_quota(plan: ProgramPlan, **quota) -> ProgramPlan:
    config = dict(plan.config)
    config["counselling_quota"] = {"hours_per_year": 4, "source": "test", **quota}
    ProgramPlan.objects.filter(pk=plan.pk).update(config=config)
    return ProgramPlan.objects.get(pk=plan.pk)


class QuotaChannelsTestCase(StationTestCase):
    def reply(self, employee):
        thread, _token = self.assigned(employee=employee)
        return services.thread_reply(
            thread=thread, counselor=self.counselor, body="您好", expected_version=now_at(thread)
        )

    def call(self, employee, minutes=30):
        return services.call_record(
            plan=self.plan, counselor=self.counselor, employee=employee,
            called_at=timezone.now() - timedelta(hours=1), minutes=minutes,
            concern="emotion", outcome="resolved", note="支持",
        )  # fmt: skip

    def remaining(self):
        return quota_remaining(
            employee=self.alice_employee, plan=self.plan, on=timezone.localdate()
        )

    def test_calls_replies_and_sessions_share_one_ledger(self):
        """4 hours: a 45-minute call, a reply (30 minutes) and a 50-minute session leave
        1 h 55 min; each entry says where it came from."""
        self.plan = set_quota(self.plan)
        call = self.call(self.alice_employee, minutes=45)
        message = self.reply(self.alice_employee)
        case = self.make_case()
        quota_charge(
            employee=self.alice_employee, plan=self.plan, on=timezone.localdate(),
            hours=Decimal(50) / 60, source_kind="appointment", source_uuid=case.uuid,
            label=case.code, actor=self.intake,
        )  # fmt: skip
        self.assertEqual(self.remaining(), Decimal("1.92"))
        entries = QuotaEntry.objects.filter(employee=self.alice_employee).order_by("pk")
        self.assertEqual(
            [(e.source_kind, e.source_uuid, e.hours) for e in entries],
            [
                ("call", call.uuid, Decimal("0.75")),
                ("email_reply", message.uuid, Decimal("0.50")),
                ("appointment", case.uuid, Decimal("0.83")),
            ],
        )
        # The employee sees them on the booking page, with what they came from.
        self.login(self.alice)
        page = self.client.get("/counselling/booking/")
        self.assertContains(page, "1.92")

    def test_the_plan_decides_which_channels_count(self):
        self.plan = set_quota(self.plan, counts=["calls"], email_reply_minutes=20)
        self.call(self.alice_employee)
        self.reply(self.alice_employee)
        kinds = list(QuotaEntry.objects.values_list("source_kind", flat=True))
        self.assertEqual(kinds, ["call"])
        self.plan = set_quota(self.plan, counts=["email_replies"], email_reply_minutes=20)
        self.reply(self.alice_employee)
        self.assertEqual(QuotaEntry.objects.get(source_kind="email_reply").hours, Decimal("0.33"))

    def test_anonymous_writers_and_callers_have_no_ledger(self):
        self.plan = set_quota(self.plan)
        self.call(None)
        self.reply(None)
        self.assertFalse(QuotaEntry.objects.exists())

    def test_a_call_past_the_quota_is_recorded_not_refused(self):
        """Help on the line is never cut off for the quota: the ledger shows it."""
        self.plan = set_quota(self.plan)
        for _n in range(9):
            self.call(self.alice_employee)
        self.assertEqual(self.remaining(), Decimal("-0.50"))
