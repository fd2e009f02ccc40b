"""Retention of booking topics (invariant 6, decision 0075): a topic is emptied once its
time is more than 90 days past, by the daily job; the booking stays for the counts and
its adviser's page says the topic was emptied."""

from datetime import timedelta

from django.urls import reverse

from anxin.resources.advice import due
from anxin.resources.advice.models import AdviceBooking
from anxin.resources.advice.services import KEEP_TOPICS, advice_cancel
from tests.resources.advice_base import AdviceTestCase

TOPIC = "房東不退押金，想問如何存證"


class AdviceTopicRetentionTests(AdviceTestCase):
    def test_the_topic_stays_until_the_period_ends_then_is_emptied(self):
        booking = self.book(topic=TOPIC)
        starts = booking.slot.starts_at

        self.assertIn("emptied 0", due.purge_advice_topics(now=starts + KEEP_TOPICS))
        self.assertNotEqual(AdviceBooking.objects.get(pk=booking.pk).topic, "")

        summary = due.purge_advice_topics(now=starts + KEEP_TOPICS + timedelta(minutes=1))
        self.assertEqual(summary, "emptied 1 advice topic(s)")
        kept = AdviceBooking.objects.get(pk=booking.pk)
        self.assertEqual(kept.topic, "")
        self.assertEqual(kept.status, AdviceBooking.Status.BOOKED)
        # A second run finds nothing more to empty.
        self.assertIn("emptied 0", due.purge_advice_topics(now=starts + 2 * KEEP_TOPICS))

    def test_a_cancelled_bookings_topic_goes_too_and_newer_ones_stay(self):
        old = self.book(topic=TOPIC)
        advice_cancel(booking=old, actor=self.alice)
        newer = self.book(slot=self.slot2, topic="另一件事")
        now = old.slot.starts_at + KEEP_TOPICS + timedelta(hours=1)
        self.assertLess(now, newer.slot.starts_at + KEEP_TOPICS)

        due.purge_advice_topics(now=now)

        self.assertEqual(AdviceBooking.objects.get(pk=old.pk).topic, "")
        self.assertTrue(AdviceBooking.objects.get(pk=newer.pk).topic.startswith("anx1:"))

    def test_the_advisers_page_says_the_topic_was_emptied(self):
        booking = self.book(topic=TOPIC)
        AdviceBooking.objects.filter(pk=booking.pk).update(topic="")
        self.login(self.counselor)
        response = self.client.get(
            reverse("resources:advice_booking", args=[booking.uuid]), HTTP_ACCEPT_LANGUAGE="zh-hant"
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "保存期限屆滿")
        self.assertNotContains(response, "None")
