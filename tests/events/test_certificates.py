"""Certificates of completion: issued only to those who met the attendance rule (a clear
message and nothing stored otherwise), a PDF in Traditional Chinese read back with
pdftotext (name, event, hours, ROC date, code), and a public page that verifies a code
showing no more than the certificate prints (nothing but validity and number for an
event over sealed attributes)."""

import subprocess
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.events.attendance import services
from anxin.events.attendance.models import Certificate, CertificateCounter
from anxin.people.services import declaration_save
from anxin.plans.models import ProgramPlan
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register, tick

# A 1×1 red PNG: the seal image of the tests.
SEAL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082"
)


def pdf_text(content: bytes) -> str:
    """The PDF as text, by poppler's pdftotext (the Debian package poppler-utils)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True
        )
    return "".join(result.stdout.decode("utf-8").split())  # CJK lines may break anywhere


class CertificateIssueTests(AttendanceTestCase):
    def test_it_refuses_someone_who_did_not_complete_and_stores_nothing(self):
        """Alice has not attended: the refusal names her attendance in zh-Hant; no
        certificate, no number used."""
        self.login(self.facilitator)
        response = self.client.post(
            reverse("events:certificates_issue", args=[self.event.uuid]),
            {"registration": str(self.registration.uuid)},
            follow=True,
        )
        self.assertContains(
            response,
            "王小美未達本活動的出席規定（1 場中出席 0 場，須出席 1 場），未核發證明書。",
        )
        self.assertFalse(Certificate.objects.exists())
        self.assertFalse(CertificateCounter.objects.exists())
        with self.assertRaises(Refused) as refused:
            services.certificate_issue(registration=self.registration, actor=self.facilitator)
        self.assertEqual(refused.exception.code, "not_completed")

    def test_the_employee_asking_without_completing_is_told_why(self):
        self.login(self.alice)
        response = self.client.post(
            reverse("events:my_certificate", args=[self.event.uuid]), follow=True
        )
        self.assertContains(response, "未達本活動的出席規定")
        self.assertFalse(Certificate.objects.exists())

    def test_it_numbers_certificates_and_issues_each_once(self):
        tick(self.registration, self.session, "present", actor=self.facilitator)
        self.login(self.facilitator)
        issue = reverse("events:certificates_issue", args=[self.event.uuid])
        self.client.post(issue)
        self.client.post(issue)
        certificate = Certificate.objects.get()
        year = timezone.localdate().year - 1911
        self.assertEqual(certificate.number, f"{year}-00001")
        self.assertEqual(len(certificate.code), 12)
        self.assertEqual(certificate.hours, Decimal("3.0"))
        self.assertEqual(certificate.holder_name, "王小美")

    def test_a_correction_revokes_and_completion_reinstates(self):
        tick(self.registration, self.session, "present", actor=self.facilitator)
        certificate = services.certificate_issue(
            registration=self.registration, actor=self.facilitator
        )
        tick(self.registration, self.session, "absent", actor=self.facilitator)
        certificate.refresh_from_db()
        self.assertFalse(certificate.is_valid)
        tick(self.registration, self.session, "present", actor=self.facilitator)
        certificate.refresh_from_db()
        self.assertTrue(certificate.is_valid)


class CertificatePdfTests(AttendanceTestCase):
    def setUp(self):
        super().setUp()
        self.media = tempfile.TemporaryDirectory()
        (Path(self.media.name) / "seals").mkdir()
        (Path(self.media.name) / "seals" / "seal.png").write_bytes(SEAL_PNG)
        ProgramPlan.objects.create(
            slug="cert", name="Plan", authority=self.authority,
            config={"authority": {"name": "範例市政府"},
                    "certificates": {"issuer": "範例市政府人事處",
                                     "seal_image": "seals/seal.png", "source": "test"}},
        )  # fmt: skip
        services.check_in(session=self.session, employee=self.alice_employee, actor=self.alice)

    def tearDown(self):
        self.media.cleanup()

    def test_the_pdf_names_the_holder_event_hours_roc_date_and_code(self):
        """The employee gets her certificate from the event page; read back with
        pdftotext it holds her name, the event, 3 hours, the ROC date, the issuer and the
        verification code; the seal is embedded as an image."""
        self.login(self.alice)
        self.client.post(reverse("events:my_certificate", args=[self.event.uuid]))
        certificate = Certificate.objects.get()
        page = self.client.get(reverse("events:detail", args=[self.event.uuid]))
        pdf_url = reverse("events:certificate_pdf", args=[certificate.uuid])
        self.assertContains(page, pdf_url)
        with override_settings(MEDIA_ROOT=self.media.name):
            response = self.client.get(pdf_url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = pdf_text(response.content)
        self.assertIn("研習證明書", text)
        self.assertIn("王小美", text)
        self.assertIn("「舒壓工作坊」", text)
        self.assertIn("學習時數共計3小時", text)
        self.assertIn(format_long(certificate.issued_at), text)  # 民國115年…月…日
        self.assertIn(f"於{format_long(self.session.starts_at)}", text)
        self.assertIn("範例市政府人事處", text)
        self.assertIn(certificate.code_display, text)
        self.assertIn(certificate.number, text)
        self.assertIn(f"/events/verify/{certificate.code}/", text)

        from pypdf import PdfReader

        images = PdfReader(io_bytes(response.content)).pages[0].images
        self.assertEqual(len(images), 1)  # the seal (the QR code is vector)

    def test_the_pdf_reads_right_in_pdftotext_and_to_a_screen_reader(self):
        """Issue 13 item 8: the spaced-out title extracts as 「研習證明書」 (not 「研 習證明書」),
        the PDF is tagged, its two images (seal, QR code) have alternative text, and it is
        set in the Traditional Chinese faces of Noto CJK only."""
        from tests.pdf_tools import is_tagged, pdf_fonts, structure
        from tests.pdf_tools import pdf_text as raw_text

        self.login(self.alice)
        self.client.post(reverse("events:my_certificate", args=[self.event.uuid]))
        certificate = Certificate.objects.get()
        with override_settings(MEDIA_ROOT=self.media.name):
            response = self.client.get(reverse("events:certificate_pdf", args=[certificate.uuid]))
        lines = [line.strip() for line in raw_text(response.content).splitlines()]
        self.assertIn("研習證明書", lines)
        self.assertTrue(is_tagged(response.content))
        figures = [alt for kind, alt in structure(response.content) if kind == "/Figure"]
        self.assertEqual(len(figures), 2)
        self.assertIn("範例市政府人事處印信", figures)
        self.assertIn("驗證本證明書的網址（QR 碼）", figures)
        for font in pdf_fonts(response.content):  # the Traditional Chinese faces only
            self.assertRegex(font, r"^Noto-(Serif|Sans)-CJK-TC", font)

    def test_only_the_holder_and_the_attendance_readers_get_the_pdf(self):
        certificate = services.certificate_issue(
            registration=self.registration, actor=self.facilitator
        )
        url = reverse("events:certificate_pdf", args=[certificate.uuid])
        for person, status in (
            (self.alice, 200), (self.facilitator, 200), (self.eap_admin, 200),
            (self.outsider, 404), (self.hr, 404), (self.counselor, 404),
        ):  # fmt: skip
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, status, person)


def io_bytes(content: bytes):
    import io

    return io.BytesIO(content)


class VerifyTests(AttendanceTestCase):
    def setUp(self):
        super().setUp()
        tick(self.registration, self.session, "present", actor=self.facilitator)
        self.certificate = services.certificate_issue(
            registration=self.registration, actor=self.facilitator
        )

    def test_anyone_verifies_a_certificate_by_its_code(self):
        """No sign-in; the page shows validity, number, the masked name, the event, the
        dates and hours, and nothing else (no unit, no employee number)."""
        response = self.client.get(reverse("events:verify_code", args=[self.certificate.code]))
        self.assertContains(response, "此證明書有效")
        self.assertContains(response, self.certificate.number)
        self.assertContains(response, "王○美")
        self.assertNotContains(response, "王小美")
        self.assertContains(response, "舒壓工作坊")
        self.assertNotContains(response, "E0001")
        self.assertNotContains(response, "第一科")

    def test_a_typed_code_is_forgiving_about_case_and_hyphens(self):
        typed = self.certificate.code_display.lower()
        response = self.client.get(reverse("events:verify"), {"code": typed})
        self.assertContains(response, "此證明書有效")

    def test_a_wrong_or_malformed_code_is_answered_clearly(self):
        response = self.client.get(reverse("events:verify"), {"code": "0000-0000-0000"})
        self.assertContains(response, "查無此驗證碼的證明書")
        response = self.client.get(reverse("events:verify"), {"code": "abc"})
        self.assertEqual(response.context["form"].errors.as_data()["code"][0].code, "invalid_code")
        self.assertContains(response, 'value="abc"')
        self.assertContains(response, "驗證碼由 12 位英文字母與數字組成")

    def test_a_revoked_certificate_is_not_valid(self):
        tick(self.registration, self.session, "absent", actor=self.facilitator)
        response = self.client.get(reverse("events:verify_code", args=[self.certificate.code]))
        self.assertContains(response, "已撤銷")
        self.assertNotContains(response, "舒壓工作坊")
        self.login(self.alice)
        pdf = reverse("events:certificate_pdf", args=[self.certificate.uuid])
        self.assertEqual(self.client.get(pdf).status_code, 404)

    def test_a_sensitive_events_certificate_names_a_neutral_activity(self):
        """A support group's certificate prints "員工協助方案活動", not the group; the
        verification page shows validity and number only."""
        declaration_save(
            employee=self.alice_employee, attributes=["disability"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        group = event_with_sessions(
            self.eap_admin, self.authority, [self.now - timedelta(days=1)],
            kind="support_group", title="身障同仁支持團體", learning_hours=Decimal("2"),
            facilitator=self.facilitator, audience_declared=["disability"],
        )  # fmt: skip
        member = register(group, self.alice_employee, self.alice)
        tick(member, group.sessions.get(), "present", actor=self.facilitator)
        certificate = services.certificate_issue(registration=member, actor=self.facilitator)
        self.assertEqual(certificate.title, "")
        self.login(self.alice)
        text = pdf_text(
            self.client.get(reverse("events:certificate_pdf", args=[certificate.uuid])).content
        )
        self.assertIn("員工協助方案活動", text)
        self.assertIn("王小美", text)
        self.assertNotIn("身障", text)
        self.client.logout()
        response = self.client.get(reverse("events:verify_code", args=[certificate.code]))
        self.assertContains(response, "此證明書有效")
        self.assertContains(response, certificate.number)
        self.assertNotContains(response, "王○美")
        self.assertNotContains(response, "員工協助方案活動")
        self.assertNotContains(response, "身障")
