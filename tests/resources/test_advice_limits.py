"""The plan's limits per employee (advice.open_per_service, advice.per_year): a booking
past them is refused with a clear message that keeps what was typed; cancelled times do
not count, nor times that have passed for the limit per service."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.resources.advice.models import AdviceBooking, AdviceService
from anxin.resources.advice.services import advice_cancel
from tests.resources.advice_base import AdviceTestCase, at, make_slot

TOPIC = "信用卡債務協商"


class LimitTests(AdviceTestCase):
    def test_one_time_still_to_come_per_service_by_default(self):
        self.book()
        with self.assertRaises(Refused) as caught:
            self.book(slot=self.slot2)
        self.assertEqual(caught.exception.code, "limit_open")
        # Another employee, or another service, is not limited by hers.
        self.book(slot=self.slot2, employee=self.outsider_employee)
        other = AdviceService.objects.create(plan=self.plan, name="稅務諮詢", slot_minutes=30)
        self.book(slot=make_slot(other, at(1, 14)))

    def test_a_cancelled_or_passed_time_does_not_count(self):
        advice_cancel(booking=self.book(), actor=self.alice)
        self.book(slot=self.slot2)
        AdviceBooking.objects.create(slot=self.past_slot, employee=self.outsider_employee)
        self.book(slot=self.slot, employee=self.outsider_employee)

    def test_the_plan_sets_how_many_at_a_time(self):
        self.allow(open_per_service=2)
        self.book()
        self.book(slot=self.slot2)
        with self.assertRaises(Refused):
            self.book(slot=make_slot(self.service, at(3, 10)))

    def test_the_yearly_limit_counts_every_service_of_the_plan(self):
        self.allow(open_per_service=5, per_year=2)
        year = timezone.localdate().year + 1

        def on(month: int, hour: int, service=self.service):
            when = timezone.make_aware(datetime(year, month, 2, hour))
            return make_slot(service, when)

        other = AdviceService.objects.create(plan=self.plan, name="稅務諮詢", slot_minutes=30)
        self.book(slot=on(3, 10))
        self.book(slot=on(4, 10, other))
        with self.assertRaises(Refused) as caught:
            self.book(slot=on(5, 10))
        self.assertEqual(caught.exception.code, "limit_year")
        # A time in another year counts against that year only.
        self.book(slot=make_slot(self.service, timezone.make_aware(datetime(year + 1, 1, 15, 10))))

    def test_the_page_refuses_with_a_clear_message_and_keeps_the_topic(self):
        self.book()
        self.login(self.alice)
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/",
            {"slot": str(self.slot2.uuid), "topic": TOPIC},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "本方案允許的上限")
        self.assertContains(response, TOPIC)
        self.assertEqual(AdviceBooking.objects.filter(slot=self.slot2).count(), 0)

    def test_the_yearly_refusal_reads_in_zh_hant(self):
        self.allow(open_per_service=5, per_year=1)
        self.book()
        self.login(self.alice)
        slot = make_slot(self.service, self.slot.starts_at + timedelta(minutes=30))
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/",
            {"slot": str(slot.uuid), "topic": TOPIC},
        )
        self.assertContains(response, "今年已預約 1 次")
        self.assertContains(response, TOPIC)
