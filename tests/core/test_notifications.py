"""Notifications: inbox items and e-mail in each recipient's language, never a record in
the context, only registered kinds; the bulk task; the inbox pages."""

from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from anxin.core import notifications
from anxin.core.due import run_due
from anxin.core.jobs import job_create
from anxin.core.models import BulkRecipient, BulkSend, Job, Notification, OutgoingMail
from anxin.core.notifications import notify, notify_later, notify_task, outbox_retry
from tests.base import BaseTestCase, make_user

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def expected_subject(language: str, subject: str) -> str:
    with translation.override(language):
        return translation.gettext("[%(site)s] %(subject)s") % {
            "site": translation.gettext("Anxin Employee Assistance"),
            "subject": subject,
        }


class NotifyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.alice.email = "alice@example.gov.tw"
        cls.alice.save()
        cls.hr.email = "hr@example.gov.tw"
        cls.hr.save()
        cls.counselor.email = "counselor@example.gov.tw"
        cls.counselor.save()

    def send(self, **kwargs):
        defaults = {
            "recipients": [self.alice, self.hr, self.counselor],
            "template": "generic",
            "context": {"subject": "講座報名確認", "body": "您已報名紓壓講座。"},
            "url": "/events/1/",
        }
        with self.captureOnCommitCallbacks(execute=True):
            return notify(**{**defaults, **kwargs})

    def test_it_puts_an_item_in_each_inbox_and_mails_each_recipient(self):
        created = self.send()
        self.assertEqual(len(created), 3)
        for user in (self.alice, self.hr, self.counselor):
            item = Notification.objects.get(recipient=user)
            self.assertEqual(item.subject, "講座報名確認")
            self.assertEqual(item.body, "您已報名紓壓講座。")
            self.assertEqual(item.url, "/events/1/")
            self.assertIsNone(item.read_at)
        self.assertEqual(len(mail.outbox), 3)
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            ["alice@example.gov.tw", "counselor@example.gov.tw", "hr@example.gov.tw"],
        )
        for message in mail.outbox:
            self.assertEqual(len(message.to), 1)  # nobody sees who else was told
            self.assertEqual(message.subject, expected_subject("zh-hant", "講座報名確認"))
            self.assertIn("您已報名紓壓講座。", message.body)
            self.assertIn("/events/1/", message.body)
            self.assertEqual(message.extra_headers["Auto-Submitted"], "auto-generated")
            self.assertEqual(message.from_email, "anxin@localhost")

    def test_it_writes_to_each_recipient_in_his_or_her_language(self):
        """Alice reads English, the others the default, Traditional Chinese."""
        self.alice.language = "en"
        self.send(template="job_finished", context={"what": "名冊匯入"}, url="/jobs/x/")
        by_address = {message.to[0]: message for message in mail.outbox}
        english = by_address["alice@example.gov.tw"]
        chinese = by_address["hr@example.gov.tw"]
        self.assertTrue(english.subject.startswith("[Anxin Employee Assistance] Ready: 名冊匯入"))
        self.assertIn("安心員工協助方案", chinese.subject)
        with translation.override("zh-hant"):
            ready = translation.gettext("Ready: %(what)s") % {"what": "名冊匯入"}
        self.assertEqual(chinese.subject, expected_subject("zh-hant", ready))
        self.assertIn("名冊匯入 has finished", english.body)
        self.assertIn("Anxin Employee Assistance", english.body)
        self.assertIn("安心員工協助方案", chinese.body)
        self.assertEqual(Notification.objects.get(recipient=self.alice).subject, "Ready: 名冊匯入")

    def test_it_falls_back_to_the_default_language_for_an_unknown_one(self):
        self.alice.language = "fr"
        self.assertEqual(notifications.language_of(self.alice), "zh-hant")
        self.assertEqual(notifications.language_of(self.hr), "zh-hant")

    def test_it_refuses_a_record_in_the_context(self):
        """A model instance (or anything but text, numbers and dates) never reaches a
        template: nothing is stored and nothing is sent."""
        for value in (self.alice_employee, self.alice, None, 1.5, ["a"], {"a": 1}):
            with self.subTest(value=type(value).__name__), self.assertRaises(TypeError):
                self.send(context={"subject": "x", "body": value})
        self.assertFalse(Notification.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_it_accepts_text_numbers_dates_and_translatable_text(self):
        when = datetime(2025, 1, 22, 14, 30, tzinfo=ZoneInfo("Asia/Taipei"))
        context = {
            "subject": gettext_lazy("Inbox"),
            "body": "x",
            "seats": 3,
            "day": date(2025, 1, 22),
            "when": when,
        }
        self.send(context=context, recipients=[self.hr])
        self.assertEqual(Notification.objects.get(recipient=self.hr).subject, "收件匣")

    def test_it_refuses_an_unknown_template(self):
        with self.assertRaisesMessage(ValueError, "NOTIFICATION_TEMPLATES"):
            self.send(template="session_record")
        self.assertFalse(Notification.objects.exists())

    def test_it_refuses_missing_context_and_reserved_names(self):
        with self.assertRaisesMessage(ValueError, "needs what"):
            self.send(template="job_finished", context={})
        with self.assertRaises(ValueError):
            self.send(context={"subject": "x", "link": "https://evil.example/"})

    def test_it_refuses_a_link_outside_anxin(self):
        """The inbox redirects to the link: only local paths, or it is an open redirect."""
        for url in ("https://evil.example/", "//evil.example/", "events/1/", "/\\evil"):
            with self.subTest(url=url), self.assertRaises(ValueError):
                self.send(url=url)

    def test_it_gives_a_user_without_an_address_the_inbox_item_only(self):
        nobody = make_user("noaddress")
        self.send(recipients=[nobody, self.hr])
        self.assertTrue(Notification.objects.filter(recipient=nobody).exists())
        self.assertEqual([message.to for message in mail.outbox], [["hr@example.gov.tw"]])

    def test_it_sends_no_mail_when_asked_not_to(self):
        self.send(email=False)
        self.assertEqual(Notification.objects.count(), 3)
        self.assertEqual(mail.outbox, [])

    def test_it_skips_inactive_accounts_and_repeated_recipients(self):
        self.counselor.is_active = False
        self.counselor.save()
        created = self.send(recipients=[self.alice, self.alice, self.counselor])
        self.assertEqual([item.recipient for item in created], [self.alice])
        self.assertEqual(len(mail.outbox), 1)

    def test_it_sends_nothing_when_the_transaction_rolls_back(self):
        """Mail leaves after the commit: an undone change sends no mail."""
        with (
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaises(RuntimeError),
            transaction.atomic(),
        ):
            notify(recipients=[self.hr], template="generic", context={"subject": "x"})
            raise RuntimeError("the surrounding change failed")
        self.assertFalse(Notification.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_it_renders_once_per_language_and_sends_on_one_connection(self):
        """A send to many people opens one connection to the mail server."""
        users = [make_user(f"user{i}", email=f"user{i}@example.gov.tw") for i in range(30)]
        users[0].language = "en"
        real_render = notifications.render
        with (
            mock.patch.object(notifications, "render", wraps=real_render) as render,
            mock.patch.object(
                notifications, "get_connection", wraps=notifications.get_connection
            ) as connect,
            # Savepoint, the inbox items, the outbox, release; after the commit, one
            # update marks the mails sent.
            self.assertNumQueries(5),
            self.captureOnCommitCallbacks(execute=True),
        ):
            notify(recipients=users, template="generic", context={"subject": "x"})
        self.assertEqual(len(mail.outbox), 30)
        self.assertEqual(render.call_count, 2)  # English and Traditional Chinese
        self.assertEqual(connect.call_count, 1)


class OutboxTestCase(BaseTestCase):
    """A mail the server does not take stays in the outbox and `run-due` sends it later."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.alice.email = "alice@example.gov.tw"
        cls.alice.save()

    def notify_alice(self):
        with self.captureOnCommitCallbacks(execute=True):
            notify(recipients=[self.alice], template="generic", context={"subject": "提醒"})

    def test_a_sent_mail_is_marked_sent(self):
        self.notify_alice()
        row = OutgoingMail.objects.get()
        self.assertIsNotNone(row.sent_at)
        self.assertEqual(row.attempts, 0)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_failed_send_is_kept_and_retried_until_it_leaves(self):
        with (
            mock.patch.object(EmailMessage, "send", side_effect=ConnectionRefusedError("refused")),
            self.assertLogs("anxin.core.notifications", "WARNING") as logs,
        ):
            self.notify_alice()
        self.assertEqual(mail.outbox, [])
        row = OutgoingMail.objects.get()
        self.assertIsNone(row.sent_at)
        self.assertEqual((row.attempts, row.last_error), (1, "ConnectionRefusedError"))
        self.assertNotIn("提醒", "\n".join(logs.output))  # ids and error class only
        # Not yet due: the retry waits five minutes.
        self.assertEqual(outbox_retry(now=timezone.now()), (0, 0))
        # The server is still down at the first retry: the wait doubles.
        later = row.next_attempt_at + timedelta(seconds=1)
        with (
            mock.patch.object(EmailMessage, "send", side_effect=TimeoutError()),
            self.assertLogs("anxin.core.notifications", "WARNING"),
        ):
            self.assertEqual(outbox_retry(now=later), (0, 1))
        row.refresh_from_db()
        self.assertEqual(row.attempts, 2)
        self.assertGreaterEqual(row.next_attempt_at - later, timedelta(minutes=9))
        # Then it is back, and run-due's job sends the mail.
        outcomes = {o.name: o for o in run_due(row.next_attempt_at + timedelta(seconds=1))}
        self.assertEqual(outcomes["send_outbox"].summary, "sent 1, 0 still waiting")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["alice@example.gov.tw"])
        self.assertIsNotNone(OutgoingMail.objects.get().sent_at)

    def test_one_refused_address_does_not_hold_back_the_others(self):
        self.hr.email = "hr@example.gov.tw"
        self.hr.save()
        real_send = EmailMessage.send

        def send(message, *args, **kwargs):
            if message.to == ["hr@example.gov.tw"]:
                raise OSError("mailbox unavailable")
            return real_send(message, *args, **kwargs)

        with (
            mock.patch.object(EmailMessage, "send", send),
            self.assertLogs("anxin.core.notifications", "WARNING"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            notify(recipients=[self.alice, self.hr], template="generic", context={"subject": "x"})
        self.assertEqual([m.to for m in mail.outbox], [["alice@example.gov.tw"]])
        self.assertEqual(OutgoingMail.objects.filter(sent_at__isnull=True).count(), 1)

    def test_sent_mail_is_pruned_after_thirty_days(self):
        self.notify_alice()
        self.assertEqual(OutgoingMail.objects.count(), 1)
        outbox_retry(now=timezone.now() + timedelta(days=31))
        self.assertEqual(OutgoingMail.objects.count(), 0)


class NotifyTaskTestCase(BaseTestCase):
    @override_settings(ANXIN_NOTIFY_CHUNK=2)
    def test_it_notifies_users_by_id_in_chunks_and_reports_progress(self):
        """The worker sends a queued bulk send two people at a time, reports progress on
        the job, and deletes the send with its list when done."""
        users = [make_user(f"user{i}", email=f"user{i}@example.gov.tw") for i in range(5)]
        job = job_create(kind="bulk_mail", owner=self.eap_admin)
        with override_settings(TASKS=DUMMY_TASKS):
            notify_later(
                user_ids=[user.pk for user in users],
                template="job_finished",
                context={"what": "年度報表"},
                url="/jobs/x/",
                job_uuid=str(job.uuid),
            )
        send = BulkSend.objects.get()
        self.assertEqual(BulkRecipient.objects.filter(send=send).count(), 5)
        with self.captureOnCommitCallbacks(execute=True):
            result = notify_task.call(send_id=send.pk)
        self.assertEqual(result, {"notified": 5})
        self.assertEqual(Notification.objects.filter(recipient__in=users).count(), 5)
        self.assertEqual(len(mail.outbox), 5)
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.total), (Job.Status.SUCCEEDED, 5, 5))
        self.assertEqual(job.result, {"notified": 5})
        self.assertFalse(BulkSend.objects.exists())
        self.assertFalse(BulkRecipient.objects.exists())
        # A try started again after the send finished notifies nobody.
        self.assertEqual(notify_task.call(send_id=send.pk), {"notified": 0, "forget": True})
        self.assertEqual(Notification.objects.filter(recipient__in=users).count(), 5)

    @override_settings(TASKS=IMMEDIATE_TASKS)
    def test_it_enqueues_a_bulk_send_with_dates_intact(self):
        """Dates travel to the worker as text and come back as dates."""
        with self.captureOnCommitCallbacks(execute=True):
            result = notify_later(
                user_ids=[self.hr.pk, self.alice.pk],
                template="generic",
                context={"subject": "x", "body": "y", "day": date(2025, 1, 22)},
            )
        self.assertEqual(result.return_value, {"notified": 2})
        self.assertEqual(Notification.objects.count(), 2)
        context = {"day": date(2025, 1, 22), "at": timezone.now(), "n": 3, "s": "t"}
        self.assertEqual(notifications._decode(notifications._encode(context)), context)

    def test_it_checks_a_bulk_send_before_enqueuing_it(self):
        """A mistake shows where it was made, not later in the worker."""
        with self.assertRaises(TypeError):
            notify_later(user_ids=[self.hr.pk], template="generic", context={"subject": self.alice})
        with self.assertRaises(TypeError):
            notify_later(
                user_ids=[self.hr.pk], template="generic", context={"subject": gettext_lazy("x")}
            )
        with self.assertRaises(ValueError):
            notify_later(user_ids=[self.hr.pk], template="nope", context={})


class InboxViewTestCase(BaseTestCase):
    def setUp(self):
        self.mine = Notification.objects.create(
            recipient=self.alice, subject="講座提醒", url="/people/me/"
        )
        self.plain = Notification.objects.create(recipient=self.alice, subject="公告")
        self.theirs = Notification.objects.create(
            recipient=self.outsider, subject="別人的通知", url="/people/me/"
        )

    def test_it_lists_only_the_persons_own_items(self):
        self.login(self.alice)
        response = self.client.get(reverse("inbox"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "講座提醒")
        self.assertContains(response, "公告")
        self.assertNotContains(response, "別人的通知")

    def test_it_marks_an_item_read_and_follows_its_link(self):
        self.login(self.alice)
        response = self.client.post(reverse("inbox_open", args=[self.mine.pk]))
        self.assertRedirects(response, "/people/me/", fetch_redirect_response=False)
        self.mine.refresh_from_db()
        self.assertIsNotNone(self.mine.read_at)

    def test_it_returns_to_the_inbox_for_an_item_without_a_link(self):
        self.login(self.alice)
        response = self.client.post(reverse("inbox_open", args=[self.plain.pk]))
        self.assertRedirects(response, reverse("inbox"), fetch_redirect_response=False)

    def test_it_keeps_the_first_reading_time(self):
        self.login(self.alice)
        self.client.post(reverse("inbox_open", args=[self.mine.pk]))
        self.mine.refresh_from_db()
        first = self.mine.read_at
        self.client.post(reverse("inbox_open", args=[self.mine.pk]))
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.read_at, first)

    def test_it_answers_404_for_someone_elses_item(self):
        self.login(self.alice)
        response = self.client.post(reverse("inbox_open", args=[self.theirs.pk]))
        self.assertEqual(response.status_code, 404)
        self.theirs.refresh_from_db()
        self.assertIsNone(self.theirs.read_at)

    def test_it_refuses_get_on_open_and_post_on_the_list(self):
        self.login(self.alice)
        self.assertEqual(
            self.client.get(reverse("inbox_open", args=[self.mine.pk])).status_code, 405
        )
        self.assertEqual(self.client.post(reverse("inbox")).status_code, 405)
        self.mine.refresh_from_db()
        self.assertIsNone(self.mine.read_at)

    def test_it_sends_an_anonymous_visitor_to_sign_in(self):
        for response in (
            self.client.get(reverse("inbox")),
            self.client.post(reverse("inbox_open", args=[self.mine.pk])),
        ):
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("login")))
        self.mine.refresh_from_db()
        self.assertIsNone(self.mine.read_at)


class KindRegistryTestCase(BaseTestCase):
    """Each app registers its kinds of notification in its own notifications.py."""

    def test_every_app_kind_is_registered_with_both_templates(self):
        from django.template.loader import get_template

        for app, kind in [
            ("assessments", "self_test_reminder"),
            ("events", "event_invitation"),
            ("surveys", "survey_reminder"),
            ("people", "custody_done"),
            ("core", "job_finished"),
        ]:
            with self.subTest(app=app):
                self.assertIn(kind, notifications.NOTIFICATION_TEMPLATES)
        for kind in notifications.NOTIFICATION_TEMPLATES:
            with self.subTest(kind=kind):
                get_template(f"emails/{kind}_subject.txt")
                get_template(f"emails/{kind}_body.txt")

    def test_a_name_cannot_be_registered_twice_with_another_meaning(self):
        notifications.notification_kind("job_finished", **self._as_registered("job_finished"))
        with self.assertRaisesMessage(ValueError, "registered already"):
            notifications.notification_kind("job_finished", purpose="something else")

    def test_a_new_kind_registers_with_its_needs(self):
        with (
            mock.patch.dict(notifications.NOTIFICATION_TEMPLATES),
            mock.patch.dict(notifications.REQUIRED_CONTEXT),
        ):
            notifications.notification_kind("test_kind", purpose="A test.", needs=("day",))
            notifications.check_template("test_kind")
            with self.assertRaisesMessage(ValueError, "needs day"):
                notifications.check_context("test_kind", {})
        with self.assertRaises(ValueError):
            notifications.check_template("test_kind")

    @staticmethod
    def _as_registered(name: str) -> dict:
        return {
            "purpose": notifications.NOTIFICATION_TEMPLATES[name],
            "needs": notifications.REQUIRED_CONTEXT[name],
        }
