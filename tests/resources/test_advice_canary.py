"""The advice canary: a random marker written as a booking's topic shows up only on the
page of the slot's adviser; no other role (the admin site too), no other counsellor, no
notification (the notice of a closed day included), e-mail or log line ever carries it."""

import logging
import uuid
from datetime import timedelta

from django.core import mail

import tests.counseling.test_canary as canary
from anxin.core.models import Notification
from anxin.resources.advice import due
from anxin.resources.advice.models import AdviceBooking, AdviceService
from tests.resources.advice_base import at, make_slot


class AdviceCanaryTestCase(canary.CanaryTestCase):
    # The session-record canary runs in its own module.
    test_no_other_role_ever_sees_a_marker = None

    def test_no_one_but_the_adviser_sees_a_booking_topic(self):
        marker = f"CANARY-{uuid.uuid4().hex}"
        capture = canary._Capture()
        root = logging.getLogger()
        previous = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        try:
            matrix_service = AdviceService.objects.get(uuid=self.placeholders["advice_service"])
            # A service of its own: Alice already holds the matrix service's one time.
            service = AdviceService.objects.create(
                plan=matrix_service.plan, name="法律扶助諮詢", slot_minutes=30
            )
            service.advisers.add(self.counselor)
            slot = make_slot(service, at(1, 15))
            closing = make_slot(service, at(2, 15))
            self.login(self.alice)
            self.client.post(
                f"/resources/advice/{service.uuid}/book/",
                {"slot": str(slot.uuid), "topic": f"遺產分割 {marker}"},
            )
            booking = AdviceBooking.objects.get(slot=slot)
            adviser_page = f"/resources/advice/day/{booking.uuid}/"
            self.login(self.counselor)
            self.assertContains(self.client.get(adviser_page), marker)
            day = f"/resources/advice/day/?day={slot.starts_at.date().isoformat()}"
            self.assertNotContains(self.client.get(day), marker)
            due.advice_reminders(now=slot.starts_at - timedelta(hours=20))
            paths = [
                path.format(**self.placeholders)
                for _name, method, path, _answers in canary.matrix.MATRIX
                if method == "GET"
            ] + [adviser_page, day, "/resources/advice/", "/resources/advice/counts/"]
            checked = 0
            for role in (
                "employee", "hr", "eap_admin", "supervisor", "care_worker", "committee",
                "auditor", "sysadmin", "provider_admin", "intake",
            ):  # fmt: skip
                self.login(self.people[role])
                extra = self.admin_paths() if role == "sysadmin" else []
                for path in paths + extra:
                    self.assertNotIn(marker, self.body(self.client.get(path)), f"{path} as {role}")
                    checked += 1
            for user in (self.counselor2, self.outsider):
                self.login(user)
                for path in paths:
                    self.assertNotIn(marker, self.body(self.client.get(path)), f"{path} as {user}")
            # The adviser cancels; the notice carries neither the topic nor the reason.
            self.login(self.counselor)
            self.client.post(adviser_page, {"reason": f"改期 {marker}"})
            booking.refresh_from_db()
            self.assertEqual(booking.status, AdviceBooking.Status.CANCELLED_BY_ADVISER)
            # Booked again on another day, which the adviser then closes: that notice
            # carries no topic either.
            self.login(self.alice)
            self.client.post(
                f"/resources/advice/{service.uuid}/book/",
                {"slot": str(closing.uuid), "topic": f"遺產分割 {marker}"},
            )
            self.assertTrue(closing.bookings.filter(status="booked").exists())
            self.login(self.counselor)
            self.client.post(
                f"/resources/advice/services/{service.uuid}/close/",
                {"day": closing.starts_at.date().isoformat(), "reason": "律師出庭"},
            )
            self.assertEqual(closing.bookings.get().status, AdviceBooking.Status.DAY_CLOSED)
        finally:
            root.removeHandler(capture)
            root.setLevel(previous)
        self.assertGreater(checked, 200)
        for line in capture.lines:
            self.assertNotIn(marker, line)
        notes = Notification.objects.filter(
            recipient=self.alice, subject__contains="法律扶助諮詢", body__contains="15:00"
        )
        self.assertEqual(notes.count(), 3)  # the reminder, the cancellation, the closed day
        for note in Notification.objects.all():
            self.assertNotIn(marker, note.subject + note.body)
        for message in mail.outbox:
            self.assertNotIn(marker, message.subject + message.body)
