"""Invitations by e-mail only (decision 0064): an employee with no account to reach but an
address in the roster gets the same neutral offer by e-mail, never in an inbox, with a
link of his or her own that turns these messages off; nothing says why it was sent."""

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from anxin.care.outreach.actions import off_token
from anxin.care.outreach.models import OutreachPreference, OutreachSignal
from anxin.core.models import Notification, OutgoingMail
from anxin.people.models import Employee
from tests.care.outreach_base import Kind, OutreachTestCase
from tests.care.test_outreach_privacy import REASON_WORDS

Outcome = OutreachSignal.Outcome


@override_settings(ANXIN_BASE_URL="https://anxin.example.gov.tw", LANGUAGE_CODE="zh-hant")
class MailOnlyTestCase(OutreachTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # On the roster only: no account.
        cls.carol = Employee.objects.create(
            authority=cls.authority, unit=cls.unit, number="E0020", name="吳小琪",
            staff_category="janitor", gender="F", birth_date=timezone.localdate().replace(
                year=1970), hire_date=timezone.localdate().replace(year=2000),
            email="carol@example.gov.tw",
        )  # fmt: skip

    def setUp(self):
        today = timezone.localdate()
        self.day = f"{today.year - 1911}/{today.month:02d}/{today.day:02d}"

    def bereave_carol(self):
        with self.captureOnCommitCallbacks(execute=True):
            return self.run_import(Kind.LIFE_EVENTS, [["E0020", "吳小琪", "喪假", self.day]])

    def test_it_mails_the_employee_alone_and_keeps_no_inbox_item(self):
        outcome = self.bereave_carol()
        self.assertEqual(outcome.sent, {"signals": 1, "prompts": 0})
        self.assertEqual([m.to for m in mail.outbox], [["carol@example.gov.tw"]])
        self.assertFalse(Notification.objects.exists())
        self.assertEqual(OutreachSignal.objects.get().outcome, Outcome.MAILED)
        # Sent, so not kept (a sensitive mail).
        self.assertFalse(OutgoingMail.objects.exists())

    def test_the_mail_does_not_say_why_nor_name_her(self):
        self.bereave_carol()
        message = mail.outbox[0]
        for text in (message.subject, message.body):
            for word in (*REASON_WORDS, "吳小琪", "E0020"):
                self.assertNotIn(word, text.lower())
        self.assertIn("員工協助方案", message.body)

    def test_its_link_turns_the_messages_off(self):
        self.bereave_carol()
        link = next(w for w in mail.outbox[0].body.split() if w.startswith("https://"))
        path = link.removeprefix("https://anxin.example.gov.tw")
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("喪", response.content.decode())
        response = self.client.post(path)
        self.assertRedirects(response, path)
        self.assertTrue(OutreachPreference.objects.get(employee=self.carol).messages_off)
        self.assertContains(self.client.get(path), "您將不再收到這類訊息")
        # And the next reason is not sent.
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.run_import(Kind.LIFE_EVENTS, [["E0020", "", "結婚", self.day]])
        self.assertEqual(mail.outbox, [])
        self.assertEqual(OutreachSignal.objects.filter(outcome=Outcome.TURNED_OFF).count(), 1)

    def test_an_altered_link_is_not_found(self):
        token = off_token(self.carol.pk)
        for bad in (token[:-2] + "xx", "E0020", off_token(999999)):
            self.assertEqual(self.client.get(f"/care/outreach/off/{bad}/").status_code, 404)
            self.assertEqual(self.client.post(f"/care/outreach/off/{bad}/").status_code, 404)
        self.assertFalse(OutreachPreference.objects.exists())

    def test_the_link_answers_get_and_post_only(self):
        path = f"/care/outreach/off/{off_token(self.carol.pk)}/"
        self.assertEqual(self.client.delete(path).status_code, 405)

    def test_a_closed_account_is_reached_by_mail(self):
        self.bob.is_active = False
        self.bob.save()
        with self.captureOnCommitCallbacks(execute=True):
            self.run_import(Kind.LIFE_EVENTS, [["E0003", "", "退休", self.day]])
        self.assertEqual([m.to for m in mail.outbox], [["E0003@example.gov.tw"]])
        self.assertFalse(Notification.objects.exists())

    def test_without_an_address_nobody_is_reached(self):
        Employee.objects.filter(pk=self.carol.pk).update(email="")
        self.bereave_carol()
        self.assertEqual(mail.outbox, [])
        self.assertEqual(OutreachSignal.objects.get().outcome, Outcome.NO_ACCOUNT)
