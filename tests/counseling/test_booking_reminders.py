"""The day-before reminder: by inbox and e-mail, time and place only, sent once."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from anxin.core.due import run_due
from anxin.core.models import Notification
from anxin.counseling.booking import services
from anxin.counseling.booking.due import booking_reminders
from tests.counseling.booking_base import BookingTestCase, at


class ReminderTests(BookingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.alice.email = "alice@example.gov.tw"
        cls.alice.save(update_fields=["email"])
        cls.case = cls.make_case()

    def book(self, starts):
        slot = self.make_slot(starts=starts)
        return services.appointment_book(case=self.case, slot=slot, actor=self.alice)

    def reminders(self):
        return Notification.objects.filter(recipient=self.alice, url="/counselling/booking/")

    def test_it_reminds_the_day_before_with_time_and_place_only(self):
        """Tomorrow's appointment: one inbox item and one e-mail with the time and the
        room; neither the counsellor, the concern nor the case code."""
        self.book(at(1, 15))
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            summary = booking_reminders(now=timezone.now())
        self.assertEqual(summary, "sent 1 reminder(s)")
        note = self.reminders().get()
        self.assertEqual(len(mail.outbox), 1)
        for text in (note.subject + note.body, mail.outbox[0].subject + mail.outbox[0].body):
            self.assertIn("15:00", text)
            self.assertIn("協談室A", text)
            self.assertIn("市府大樓5樓", text)
            for secret in (str(self.counselor), self.case.code, "情緒", "emotion"):
                self.assertNotIn(secret, text)
        self.assertEqual(mail.outbox[0].to, ["alice@example.gov.tw"])

    def test_it_never_reminds_twice(self):
        """A second run (or run-due right after) sends nothing more."""
        self.book(at(1, 15))
        now = timezone.now()
        booking_reminders(now=now)
        self.assertEqual(booking_reminders(now=now + timedelta(hours=1)), "sent 0 reminder(s)")
        self.assertEqual(self.reminders().count(), 1)

    def test_it_skips_other_days_and_cancelled_appointments(self):
        """Only booked appointments of tomorrow."""
        self.book(at(3, 15))
        cancelled = self.book(at(1, 9))
        services.appointment_cancel(appointment=cancelled, actor=self.alice)
        self.assertEqual(booking_reminders(now=timezone.now()), "sent 0 reminder(s)")

    def test_run_due_runs_it(self):
        """`anxin run-due` knows the job."""
        self.book(at(1, 15))
        outcomes = {outcome.name: outcome for outcome in run_due()}
        self.assertEqual(outcomes["booking_reminders"].summary, "sent 1 reminder(s)")
