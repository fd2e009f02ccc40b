"""Booking a slot with a sealed topic, cancelling (by the employee, by the adviser with a
reason) and the day-before reminder: one booking per slot, no topic in any notice."""

from datetime import timedelta

from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.resources.advice import due
from anxin.resources.advice.models import AdviceBooking
from anxin.resources.advice.services import (
    advice_cancel,
    advice_cancel_by_adviser,
    advice_remind,
)
from tests.resources.advice_base import AdviceTestCase, at, make_slot

TOPIC = "房東不退押金，想問如何存證"


class AdviceBookingTests(AdviceTestCase):
    def test_it_books_a_slot_with_the_topic_sealed(self):
        booking = self.book(topic=TOPIC)
        self.assertEqual(booking.status, AdviceBooking.Status.BOOKED)
        stored = AdviceBooking.objects.get(pk=booking.pk)
        self.assertTrue(stored.topic.startswith("anx1:"))
        self.assertNotIn("押金", stored.topic)

    def test_it_refuses_a_second_booking_of_one_slot(self):
        self.book()
        with self.assertRaises(Refused) as caught:
            self.book(employee=self.outsider_employee)
        self.assertEqual(caught.exception.code, "taken")
        self.assertEqual(self.slot.bookings.count(), 1)

    def test_it_refuses_a_slot_that_has_begun(self):
        with self.assertRaises(Refused) as caught:
            self.book(slot=self.past_slot)
        self.assertEqual(caught.exception.code, "past")

    def test_it_refuses_an_empty_topic(self):
        with self.assertRaises(Refused) as caught:
            self.book(topic="   ")
        self.assertEqual(caught.exception.code, "topic")

    def test_it_refuses_a_service_no_longer_offered(self):
        self.service.is_active = False
        self.service.save()
        with self.assertRaises(Refused) as caught:
            self.book()
        self.assertEqual(caught.exception.code, "closed")

    def test_the_employee_cancels_and_the_slot_is_free_again(self):
        booking = advice_cancel(booking=self.book(), actor=self.alice)
        self.assertEqual(booking.status, AdviceBooking.Status.CANCELLED)
        again = self.book(employee=self.outsider_employee)
        self.assertTrue(again.is_booked)
        with self.assertRaises(Refused):
            advice_cancel(booking=booking, actor=self.alice)

    def test_a_booking_that_has_begun_cannot_be_cancelled(self):
        booking = self.book()
        self.slot.starts_at = timezone.now() - timedelta(minutes=5)
        self.slot.ends_at = timezone.now() + timedelta(minutes=25)
        self.slot.save()
        with self.assertRaises(Refused) as caught:
            advice_cancel(booking=booking, actor=self.alice)
        self.assertEqual(caught.exception.code, "not_cancellable")

    def test_the_adviser_cancels_with_a_reason_and_the_notice_has_no_topic(self):
        booking = self.book(topic=TOPIC)
        with self.assertRaises(Refused) as caught:
            advice_cancel_by_adviser(booking=booking, actor=self.counselor, reason=" ")
        self.assertEqual(caught.exception.code, "reason")
        booking = advice_cancel_by_adviser(
            booking=booking, actor=self.counselor, reason="律師臨時出庭"
        )
        self.assertEqual(booking.status, AdviceBooking.Status.CANCELLED_BY_ADVISER)
        self.assertEqual(booking.cancel_reason, "律師臨時出庭")
        notice = Notification.objects.get(recipient=self.alice)
        text = notice.subject + notice.body + "".join(m.subject + m.body for m in mail.outbox)
        self.assertIn("法律扶助諮詢", text)
        for secret in ("押金", "律師臨時出庭"):
            self.assertNotIn(secret, text)

    def test_the_reminder_goes_once_the_day_before_without_the_topic(self):
        booking = self.book(topic=TOPIC)
        now = self.slot.starts_at - timedelta(hours=20)
        self.assertIn("sent 1", due.advice_reminders(now=now))
        self.assertIn("sent 0", due.advice_reminders(now=now))
        self.assertFalse(advice_remind(booking=booking, now=now))
        notice = Notification.objects.get(recipient=self.alice)
        self.assertIn("法律扶助諮詢", notice.subject)
        self.assertIn("六樓", notice.body)
        self.assertNotIn("押金", notice.subject + notice.body)

    def test_no_reminder_for_a_cancelled_booking_or_another_day(self):
        advice_cancel(booking=self.book(), actor=self.alice)
        self.book(slot=make_slot(self.service, at(3, 10)))
        self.assertIn("sent 0", due.advice_reminders(now=self.slot.starts_at - timedelta(hours=20)))

    def test_two_employees_booking_at_once_cannot_both_win(self):
        """The partial unique constraint is the last guard when the checks have passed."""
        self.book()
        # A second row with the status that holds the slot is refused by the database.
        with self.assertRaises(IntegrityError), transaction.atomic():
            AdviceBooking.objects.create(slot=self.slot, employee=self.outsider_employee)
