"""Closing a day of an advice service (a holiday, the adviser away): its times are no
longer offered nor cut again, its bookings are cancelled and their employees told without
the topic or the reason; the reason is kept for staff; only the EAP administrator and the
service's advisers close a day."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.resources.advice import policies
from anxin.resources.advice.models import AdviceBooking, AdviceClosure, AdviceSlot
from anxin.resources.advice.services import advice_day_close, slots_generate
from tests.resources.advice_base import AdviceTestCase, make_slot

TOPIC = "父親過世後的遺產分割"


class DayClosingServiceTests(AdviceTestCase):
    def close(self, day=None, reason="國定假日補假", actor=None):
        return advice_day_close(
            service=self.service,
            day=day or timezone.localtime(self.slot.starts_at).date(),
            reason=reason,
            actor=actor or self.counselor,
            now=timezone.now(),
        )

    def test_it_cancels_the_days_bookings_and_tells_without_topic_or_reason(self):
        booking = self.book(topic=TOPIC)
        other_day = self.book(slot=self.slot2, employee=self.outsider_employee)
        closure, cancelled = self.close(reason="律師臨時出庭")
        self.assertEqual(cancelled, 1)
        booking.refresh_from_db()
        other_day.refresh_from_db()
        self.assertEqual(booking.status, AdviceBooking.Status.DAY_CLOSED)
        self.assertEqual(other_day.status, AdviceBooking.Status.BOOKED)
        self.assertEqual(closure.reason, "律師臨時出庭")
        notice = Notification.objects.get(recipient=self.alice)
        text = notice.subject + notice.body + "".join(m.subject + m.body for m in mail.outbox)
        self.assertIn("法律扶助諮詢", text)
        for secret in ("遺產", "律師臨時出庭"):
            self.assertNotIn(secret, text)
        self.assertFalse(Notification.objects.filter(recipient=self.outsider).exists())

    def test_the_days_times_are_no_longer_offered_nor_booked(self):
        same_day = make_slot(self.service, self.slot.starts_at + timedelta(minutes=30))
        self.close()
        free = set(policies.free_slots([self.service]))
        self.assertNotIn(self.slot, free)
        self.assertNotIn(same_day, free)
        self.assertIn(self.slot2, free)
        with self.assertRaises(Refused) as caught:
            self.book()
        self.assertEqual(caught.exception.code, "day_closed")

    def test_the_generator_does_not_cut_a_closed_day_again(self):
        monday = timezone.localdate() + timedelta(days=(7 - timezone.localdate().weekday()))
        self.close(day=monday)
        AdviceSlot.objects.filter(service=self.service).exclude(closure__isnull=False).delete()
        made = slots_generate(service=self.service, start=monday, days=1, now=timezone.now())
        self.assertEqual(made, 0)
        made = slots_generate(
            service=self.service, start=monday + timedelta(days=7), days=1, now=timezone.now()
        )
        self.assertEqual(made, 5)  # 9:30–12:00 in half hours, the Monday after

    def test_it_refuses_no_reason_a_past_day_and_a_day_closed_twice(self):
        for kwargs, code in (
            ({"reason": "  "}, "closure_reason"),
            ({"day": timezone.localdate() - timedelta(days=1)}, "closure_past"),
        ):
            with self.assertRaises(Refused) as caught:
                self.close(**kwargs)
            self.assertEqual(caught.exception.code, code)
        self.close()
        with self.assertRaises(Refused) as caught:
            self.close()
        self.assertEqual(caught.exception.code, "closure_twice")
        self.assertEqual(AdviceClosure.objects.count(), 1)

    def test_a_time_already_begun_keeps_its_booking(self):
        begun = make_slot(self.service, timezone.now() - timedelta(minutes=5))
        booking = AdviceBooking.objects.create(slot=begun, employee=self.alice_employee)
        self.close(day=timezone.localdate(), actor=self.eap_admin)
        booking.refresh_from_db()
        self.assertEqual(booking.status, AdviceBooking.Status.BOOKED)


class DayClosingPageTests(AdviceTestCase):
    def url(self):
        return f"/resources/advice/services/{self.service.uuid}/close/"

    def day(self):
        return timezone.localtime(self.slot.starts_at).date()

    def test_the_adviser_closes_a_day_of_his_service(self):
        self.book(topic=TOPIC)
        self.login(self.counselor)
        self.assertContains(self.client.get(f"{self.url()}?day={self.day().isoformat()}"), "關閉")
        response = self.client.post(self.url(), {"day": self.day().isoformat(), "reason": "請假"})
        self.assertRedirects(response, self.url())
        page = self.client.get(self.url())
        self.assertContains(page, "請假")
        self.assertNotContains(page, TOPIC)
        self.assertEqual(AdviceClosure.objects.get().closed_by, self.counselor)

    def test_the_administrator_closes_a_day_with_a_roc_date(self):
        self.login(self.eap_admin)
        roc = f"{self.day().year - 1911}/{self.day():%m/%d}"
        self.client.post(self.url(), {"day": roc, "reason": "颱風假"})
        self.assertEqual(AdviceClosure.objects.get().day, self.day())
        self.assertContains(
            self.client.get(f"/resources/advice/services/{self.service.uuid}/"), "颱風假"
        )

    def test_no_reason_is_refused_and_the_day_kept(self):
        self.login(self.counselor)
        response = self.client.post(self.url(), {"day": "2099-01-05", "reason": ""})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "請說明關閉的原因")
        self.assertContains(response, "2099-01-05")
        self.assertFalse(AdviceClosure.objects.exists())

    def test_a_past_day_is_refused_on_the_page(self):
        self.login(self.counselor)
        response = self.client.post(self.url(), {"day": "2020-01-06", "reason": "補假"})
        self.assertContains(response, "已過的日子不能關閉")
        self.assertFalse(AdviceClosure.objects.exists())

    def test_the_employee_sees_the_time_cancelled_not_the_reason(self):
        self.book(topic=TOPIC)
        self.login(self.counselor)
        self.client.post(self.url(), {"day": self.day().isoformat(), "reason": "律師請假"})
        self.login(self.alice)
        page = self.client.get("/resources/advice/")
        self.assertContains(page, "已取消：當日不提供諮詢")
        self.assertNotContains(page, "律師請假")

    def test_another_counsellor_employees_and_hr_cannot_close(self):
        for user, answer in ((self.counselor2, 404), (self.alice, 403), (self.hr, 403)):
            self.login(user)
            response = self.client.post(self.url(), {"day": self.day().isoformat(), "reason": "x"})
            self.assertEqual(response.status_code, answer, user)
        self.assertFalse(AdviceClosure.objects.exists())

    def test_the_wrong_method_is_refused(self):
        self.login(self.counselor)
        self.assertEqual(self.client.put(self.url()).status_code, 405)
