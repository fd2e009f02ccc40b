"""Outreach offers help to the person only (issue 14, bad input and privacy): a bereavement
import reaches the bereaved employee and nobody else; overtime names reach a supervisor
only where the plan enables it; no message says why it was sent; nothing from
counselling, self-tests or surveys feeds outreach."""

import ast
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

import anxin.care.outreach as outreach_package
from anxin.core.models import Job, Notification, OutgoingMail
from anxin.core.notifications import render
from tests.care.outreach_base import HEADERS, Kind, OutreachTestCase, month_text
from tests.people.roster_files import csv_bytes

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Words that would say why a message was sent, or what about.
REASON_WORDS = (
    "喪",
    "逝",
    "哀",
    "婚",
    "生育",
    "寶寶",
    "退休",
    "調動",
    "留職",
    "復職",
    "加班",
    "超時",
    "照顧假",
    "請假",
    "bereave",
    "overtime",
    "wedding",
    "death",
    "leave",
)


class BereavementTestCase(OutreachTestCase):
    """A bereavement of Alice's, imported by the HR officer of 社會局 on the page."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for user, address in ((cls.alice, "alice@example.gov.tw"), (cls.hr, "hr@example.gov.tw"),
                              (cls.supervisor, "boss@example.gov.tw"),
                              (cls.care_worker, "care@example.gov.tw")):  # fmt: skip
            user.email = address
            user.save()

    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=Path(self.media), TASKS=IMMEDIATE,
                                     LANGUAGE_CODE="zh-hant")  # fmt: skip
        override.enable()
        self.addCleanup(override.disable)
        today = timezone.localdate()
        day = f"{today.year - 1911}/{today.month:02d}/{today.day:02d}"
        self.login(self.hr)
        data = csv_bytes([["E0001", "王小美", "喪假", day]], header=HEADERS[Kind.LIFE_EVENTS])
        self.client.post(
            "/care/outreach/import/life-events/",
            {"file": SimpleUploadedFile("喪亡.csv", data), "action": "apply"},
        )
        self.job = Job.objects.get(kind="outreach_import")
        self.assertTrue(self.job.result["applied"])

    def test_it_reaches_the_employee_alone(self):
        self.assertEqual(
            list(Notification.objects.values_list("recipient__username", flat=True)), ["alice"]
        )
        self.assertEqual(
            list(OutgoingMail.objects.values_list("recipient", flat=True)), ["alice@example.gov.tw"]
        )

    def test_what_alice_receives_does_not_say_why(self):
        notification = Notification.objects.get()
        mail = OutgoingMail.objects.get()
        for text in (notification.subject, notification.body, mail.subject, mail.body):
            for word in REASON_WORDS:
                self.assertNotIn(word, text)

    def test_nobody_elses_pages_name_her(self):
        """The HR officer's, the supervisor's and the care worker's pages, inboxes and
        home pages, and the import's report and job page."""
        pages = {
            self.hr: ["/", "/inbox/", "/care/outreach/", f"/care/outreach/report/{self.job.uuid}/",
                      f"/jobs/{self.job.uuid}/", "/care/outreach/import/life-events/"],
            self.supervisor: ["/", "/inbox/"],
            self.care_worker: ["/", "/inbox/"],
            self.eap_admin: ["/", "/inbox/", "/care/outreach/"],
        }  # fmt: skip
        for user, paths in pages.items():
            self.login(user)
            for path in paths:
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200, (user, path))
                content = response.content.decode()
                self.assertNotIn("王小美", content, (user, path))
                self.assertNotIn("E0001", content, (user, path))

    def test_the_job_keeps_no_name_or_number(self):
        text = str(self.job.result)
        self.assertNotIn("王小美", text)
        self.assertNotIn("E0001", text)


class OvertimeNamesTestCase(OutreachTestCase):
    def import_overtime(self):
        today = timezone.localdate()
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(today), "120"]])

    def test_with_names_to_nobody_no_one_but_alice_hears(self):
        self.import_overtime()
        self.assertEqual(
            list(Notification.objects.values_list("recipient__username", flat=True)), ["alice"]
        )

    def test_with_names_to_supervisor_the_supervisor_alone_is_told_her_name(self):
        self.set_plan(overtime_care={"names_to": "supervisor"})
        self.import_overtime()
        named = Notification.objects.filter(body__contains="王小美")
        self.assertEqual(list(named.values_list("recipient__username", flat=True)), ["supervisor"])
        self.assertFalse(
            Notification.objects.exclude(recipient__in=[self.alice, self.supervisor]).exists()
        )


class NeutralTextsTestCase(OutreachTestCase):
    def test_the_invitation_is_one_text_for_every_reason(self):
        """No context at all: nothing about the reason can reach it."""
        for language in ("zh-hant", "en"):
            text = render("outreach_invitation", {}, url="/care/outreach/mine/", language=language)
            for part in (text.subject, text.inbox_body, text.email_body):
                for word in REASON_WORDS:
                    self.assertNotIn(word, part.lower(), (language, part))

    def test_the_mailed_invitation_is_one_text_for_every_reason_too(self):
        """The e-mail-only invitation (decision 0064) has no context either."""
        for language in ("zh-hant", "en"):
            text = render("outreach_invitation_mail", {}, url="/care/outreach/off/x/",
                          language=language)  # fmt: skip
            for part in (text.email_subject, text.email_body):
                for word in REASON_WORDS:
                    self.assertNotIn(word, part.lower(), (language, part))

    def test_outreach_imports_nothing_from_counselling_self_tests_or_surveys(self):
        """Besides the import contract `care-partners`: every module of the package."""
        folder = Path(outreach_package.__file__).parent
        for path in folder.glob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                for name in names:
                    self.assertFalse(
                        name.startswith(("anxin.counseling", "anxin.assessments", "anxin.surveys")),
                        (path.name, name),
                    )
