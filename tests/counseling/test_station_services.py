"""The e-mail station's rules: the reply deadline, the risk flag, closed threads, the
coordinators' warning, and what the database holds."""

from datetime import datetime, time, timedelta

from django.db import connection
from django.utils import timezone

from anxin.core.due import registry, run_due
from anxin.core.locking import StaleEdit
from anxin.core.models import AccessLog, Notification
from anxin.core.refusals import Refused
from anxin.counseling.station import services
from tests.counseling.station_base import StationTestCase, add_station, now_at


def taipei(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


class DeadlineTestCase(StationTestCase):
    def test_it_counts_calendar_days_from_the_day_after_receipt(self):
        """Received on a Friday at 16:00 with 3 calendar days: due Monday 23:59:59."""
        due = services.reply_due(self.plan, taipei(2025, 3, 7, 16, 0))
        self.assertEqual(timezone.localtime(due), taipei(2025, 3, 10, 23, 59, 59))

    def test_it_skips_weekends_on_a_working_day_basis(self):
        """Received on a Friday with 3 working days: due the next Wednesday."""
        plan = add_station(self.plan, reply_days_basis="working")
        due = services.reply_due(plan, taipei(2025, 3, 7, 16, 0))
        self.assertEqual(timezone.localtime(due), taipei(2025, 3, 12, 23, 59, 59))

    def test_it_stores_the_deadline_at_receipt(self):
        """The thread's due time is computed from the plan when the message arrives."""
        received = taipei(2025, 3, 7, 9, 0)
        thread, _token = self.start(now=received)
        self.assertEqual(thread.received_at, received)
        self.assertEqual(thread.due_at, services.reply_due(self.plan, received))

    def test_it_restarts_the_clock_when_an_answered_writer_writes_again(self):
        """After a reply, the writer's next message runs a new deadline from its arrival."""
        thread, _token = self.assigned()
        services.thread_reply(
            thread=thread,
            counselor=self.counselor,
            body="謝謝你寫信來",
            expected_version=now_at(thread),
        )
        later = timezone.now() + timedelta(days=5)
        services.thread_write_again(thread=thread, body="還是睡不好", now=later)
        thread.refresh_from_db()
        self.assertTrue(thread.awaiting_reply)
        self.assertEqual(thread.due_at, services.reply_due(self.plan, later))

    def test_it_refuses_a_plan_without_a_station(self):
        """Writing to a plan that has no e-mail station is a programming error."""
        plan = add_station(self.plan)
        config = dict(plan.config)
        config["channels"] = [c for c in config["channels"] if c["kind"] != "email_station"]
        plan.config = config
        with self.assertRaises(ValueError):
            services.thread_start(plan=plan, employee=None, body="x")


class RiskTestCase(StationTestCase):
    def test_it_flags_a_message_with_a_risk_phrase(self):
        """A phrase of the list, even split by spaces or a line break, flags the thread."""
        for text in ["我真的好想死", "有時覺得活不下\n去", "想要結束 生命"]:
            self.assertTrue(services.shows_risk(text), text)
        self.assertFalse(services.shows_risk("工作壓力大，睡不好"))
        thread, _token = self.start(body="我覺得活不下去了")
        self.assertTrue(thread.risk_flag)

    def test_it_flags_a_later_message_too(self):
        """A risk phrase in a follow-up flags a thread that was not flagged."""
        thread, _token = self.start(body="最近很累")
        self.assertFalse(thread.risk_flag)
        services.thread_write_again(thread=thread, body="我不想活了")
        thread.refresh_from_db()
        self.assertTrue(thread.risk_flag)

    def test_it_keeps_the_phrase_list_as_data(self):
        """The list is a text file in the station package, with the phrases of the issue."""
        phrases = services.risk_phrases()
        for phrase in ["想死", "自殺", "活不下去", "結束生命", "傷害他"]:
            self.assertIn(phrase, phrases)


class ClosedTestCase(StationTestCase):
    def test_it_refuses_messages_to_a_closed_thread(self):
        """Neither the counsellor nor the writer adds to a closed thread."""
        thread, _token = self.assigned()
        services.thread_close(thread=thread, expected_version=now_at(thread))
        with self.assertRaises(Refused):
            services.thread_reply(
                thread=thread, counselor=self.counselor, body="x", expected_version=now_at(thread)
            )
        with self.assertRaises(Refused):
            services.thread_write_again(thread=thread, body="x")
        self.assertEqual(thread.messages.count(), 1)

    def test_it_lets_only_the_assigned_counsellor_reply(self):
        thread, _token = self.assigned()
        with self.assertRaises(StaleEdit):
            services.thread_reply(
                thread=thread, counselor=self.counselor2, body="x", expected_version=now_at(thread)
            )


class StorageTestCase(StationTestCase):
    def test_it_stores_ciphertext_and_only_a_hash_of_the_token(self):
        """The raw row holds a sealed value, never the text; the token only as its hash."""
        thread, token = self.start(body="秘密的煩惱 marker-7781")
        message = thread.messages.get()
        with connection.cursor() as cursor:
            cursor.execute("SELECT body FROM counseling_stationmessage WHERE id = %s", [message.pk])
            raw = cursor.fetchone()[0]
            cursor.execute("SELECT * FROM counseling_stationthread WHERE id = %s", [thread.pk])
            row = " ".join(str(value) for value in cursor.fetchone())
        self.assertTrue(raw.startswith("anx1:"))
        self.assertNotIn("marker-7781", raw)
        self.assertNotIn(token, row)
        self.assertIn(services.token_hash(token), row)

    def test_it_logs_every_read_against_the_employee_or_the_thread(self):
        """A read for the counsellor adds one access-log row per message, subject the
        employee; for an anonymous writer, the thread's own uuid."""
        thread, _token = self.assigned(employee=self.alice_employee)
        services.thread_reply(
            thread=thread, counselor=self.counselor, body="回覆", expected_version=now_at(thread)
        )
        before = AccessLog.objects.count()
        services.thread_read_for_counselor(thread=thread, actor=self.counselor, role="counselor")
        rows = AccessLog.objects.order_by("-id")[:2]
        self.assertEqual(AccessLog.objects.count(), before + 2)
        self.assertEqual({row.subject_uuid for row in rows}, {self.alice_employee.uuid})
        self.assertEqual({row.purpose for row in rows}, {"care"})
        anonymous, _token = self.assigned()
        services.thread_read_for_counselor(thread=anonymous, actor=self.counselor, role="counselor")
        self.assertEqual(AccessLog.objects.order_by("-id").first().subject_uuid, anonymous.uuid)

    def test_it_tells_coordinators_without_content_and_nobody_in_the_chain(self):
        """A new message notifies the coordinator, with no text; HR and the supervisor
        get nothing."""
        self.start(body="marker-5521 我很難過", employee=self.alice_employee)
        notes = Notification.objects.all()
        self.assertEqual({note.recipient for note in notes}, {self.intake})
        for note in notes:
            self.assertNotIn("marker-5521", note.subject + note.body)


class DueJobTestCase(StationTestCase):
    def test_it_warns_coordinators_of_soon_due_and_overdue_threads_once(self):
        """run-due tells the coordinator of threads due within a day and overdue ones,
        counts only, and a second run warns of nothing new. The clock is set at 15:00 in
        Taipei: from a real clock between 11:00 and 12:00 the thread due soon passed its
        deadline within the hour between the two runs (found by CI)."""
        now = timezone.make_aware(datetime.combine(timezone.localdate(), time(15)))
        self.start(now=now - timedelta(days=2, hours=12))  # due within a day or so
        self.start(now=now - timedelta(days=10))  # overdue
        self.start(now=now)  # not yet
        Notification.objects.all().delete()
        soon, late = services.deadlines_warn(now=now + timedelta(hours=12))
        self.assertEqual((soon, late), (1, 1))
        notes = list(Notification.objects.filter(recipient=self.intake))
        self.assertEqual(len(notes), 1)
        self.assertEqual(services.deadlines_warn(now=now + timedelta(hours=13)), (0, 0))
        self.assertEqual(Notification.objects.count(), 1)

    def test_it_warns_nobody_of_answered_or_closed_threads(self):
        thread, _token = self.assigned()
        thread.due_at = timezone.now() - timedelta(days=1)
        thread.save()
        services.thread_reply(
            thread=thread, counselor=self.counselor, body="回覆", expected_version=now_at(thread)
        )
        other, _token = self.start(now=timezone.now() - timedelta(days=10))
        services.thread_close(thread=other, expected_version=now_at(other))
        self.assertEqual(services.deadlines_warn(now=timezone.now()), (0, 0))

    def test_it_is_registered_as_a_due_job(self):
        """`anxin run-due` runs the station's job."""
        self.start(now=timezone.now() - timedelta(days=10))
        outcomes = {outcome.name: outcome for outcome in run_due()}
        self.assertIn("station_deadlines", registry.jobs)
        self.assertEqual(outcomes["station_deadlines"].status, "ran")
        self.assertIn("1 overdue", outcomes["station_deadlines"].summary)
