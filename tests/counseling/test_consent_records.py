"""Consent records: asked for by the counsellor, signed or withdrawn by the employee,
recorded from a scan; sealed, and refused to everyone else."""

import uuid
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog, Notification
from anxin.core.refusals import Refused
from anxin.counseling.consent import services
from anxin.counseling.consent.forms import MAX_SCAN_BYTES
from anxin.counseling.consent.models import ConsentRecord
from tests.counseling.consent_base import PDF, ConsentTestCase, consent_post, roc

MINE = "/counselling/my-consents/"


class ConsentCreateTestCase(ConsentTestCase):
    def url(self, case=None) -> str:
        return f"{(case or self.case).get_absolute_url()}consents/new/"

    def test_it_drafts_a_consent_that_waits_for_the_signature(self):
        """The counsellor's draft is sealed, not yet valid, and the employee is told in
        the inbox with no content."""
        self.login(self.counselor)
        response = self.client.post(self.url(), consent_post(valid_until="民國200年1月2日"))
        self.assertRedirects(response, self.case.get_absolute_url())
        consent = ConsentRecord.objects.get()
        self.assertEqual(consent.state(), "unsigned")
        self.assertFalse(consent.is_valid)
        self.assertEqual(consent.valid_until.year, 2111)
        self.assertEqual(consent.case, self.case)
        self.assertTrue(consent.scope_text.startswith("anx1:"))
        note = Notification.objects.filter(recipient=self.alice).latest("created_at")
        self.assertNotIn("人事室", note.subject + note.body)
        self.assertEqual(note.url, MINE)

    def test_it_refuses_a_date_in_the_past_and_keeps_what_was_typed(self):
        self.login(self.counselor)
        yesterday = roc(timezone.localdate() - timedelta(days=1))
        response = self.client.post(self.url(), consent_post(valid_until=yesterday))
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertTrue(form.has_error("valid_until", "past"))
        self.assertContains(response, "人事室 張主任")
        self.assertFalse(ConsentRecord.objects.exists())

    def test_it_asks_for_a_description_of_other(self):
        self.login(self.counselor)
        response = self.client.post(self.url(), consent_post(scope="other", scope_text=""))
        self.assertTrue(response.context["form"].has_error("scope_text", "other"))

    def test_it_answers_405_and_refuses_other_roles_and_other_cases(self):
        self.login(self.counselor)
        self.assertEqual(self.client.put(self.url()).status_code, 405)
        theirs = self.make_case(counselor=self.counselor2)
        self.assertEqual(self.client.get(self.url(theirs)).status_code, 404)
        for user in (self.alice, self.hr, self.supervisor, self.intake, self.auditor):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403, user)


class ConsentSignWithdrawTestCase(ConsentTestCase):
    def test_it_lets_the_employee_read_and_sign_and_logs_the_read(self):
        consent = self.make_consent(signed=False)
        self.login(self.alice)
        url = f"{MINE}{consent.uuid}/"
        response = self.client.get(url)
        self.assertContains(response, "調整工作量")
        self.assertTrue(
            AccessLog.objects.filter(
                record_uuid=consent.uuid, actor=self.alice, subject_uuid=self.alice_employee.uuid
            ).exists()
        )
        response = self.client.post(url, {})
        self.assertTrue(response.context["form"].has_error("accept", "required"))
        self.client.post(url, {"accept": "on"})
        consent.refresh_from_db()
        self.assertIsNotNone(consent.signed_at)
        self.assertTrue(consent.is_valid)

    def test_it_lets_the_employee_withdraw_and_the_consent_is_no_longer_valid(self):
        consent = self.make_consent()
        self.assertTrue(consent.is_valid)
        self.login(self.alice)
        response = self.client.post(f"{MINE}{consent.uuid}/withdraw/")
        self.assertRedirects(response, MINE)
        consent.refresh_from_db()
        self.assertIsNotNone(consent.withdrawn_at)
        self.assertEqual(consent.state(), "withdrawn")
        self.assertEqual(self.client.get(f"{MINE}{consent.uuid}/withdraw/").status_code, 405)
        with self.assertRaises(Refused):
            services.consent_withdraw(consent=consent)

    def test_it_treats_a_consent_past_its_date_as_expired(self):
        consent = self.expire(self.make_consent())
        self.assertEqual(consent.state(), "expired")
        self.assertFalse(consent.is_valid)

    def test_it_lists_only_the_employees_own_consents_in_fixed_queries(self):
        def count() -> int:
            self.client.get(MINE)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(MINE)
            self.assertEqual(response.status_code, 200)
            return len(context)

        outsider_case = self.make_case(self.make_request(employee=self.outsider_employee))
        theirs = self.make_consent(outsider_case, recipient="外人")
        self.login(self.alice)
        self.make_consent()
        small = count()
        for _ in range(5):
            self.make_consent()
        self.make_scan_consent()
        self.assertEqual(count(), small)
        response = self.client.get(MINE)
        self.assertEqual(len(response.context["consents"]), 7)
        self.assertNotContains(response, "外人")
        self.assertEqual(self.client.get(f"{MINE}{theirs.uuid}/").status_code, 404)
        self.assertEqual(self.client.post(f"{MINE}{theirs.uuid}/withdraw/").status_code, 404)
        self.assertEqual(self.client.get(f"{MINE}{uuid.uuid4()}/").status_code, 404)

    def test_it_answers_405_and_refuses_staff(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(MINE).status_code, 405)
        for user in (self.counselor, self.hr, self.supervisor, self.auditor, self.sysadmin):
            self.login(user)
            self.assertEqual(self.client.get(MINE).status_code, 403, user)


class ConsentScanTestCase(ConsentTestCase):
    def url(self) -> str:
        return f"{self.case.get_absolute_url()}consents/scan/"

    def post(self, upload, **overrides):
        data = consent_post(signed_on=roc(timezone.localdate()), **overrides)
        data["scan"] = upload
        return self.client.post(self.url(), data)

    def test_it_records_a_scan_sealed_in_the_database(self):
        """The raw row holds ciphertext only; the counsellor downloads the scan, logged."""
        self.login(self.counselor)
        marker = f"SCAN-{uuid.uuid4().hex}".encode()
        response = self.post(SimpleUploadedFile("同意書.pdf", PDF + marker, "application/pdf"))
        self.assertRedirects(response, self.case.get_absolute_url())
        consent = ConsentRecord.objects.get()
        self.assertTrue(consent.is_valid)
        self.assertEqual(consent.method, "scan")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT scan, scope_text, purpose_text FROM counseling_consentrecord WHERE id = %s",
                [consent.pk],
            )
            raw = cursor.fetchone()
        for value in raw:
            self.assertTrue(value.startswith("anx1:"))
            self.assertNotIn("同意書", value)
            self.assertNotIn("人事室", value)
        before = AccessLog.objects.count()
        response = self.client.get(f"{self.case.get_absolute_url()}consents/{consent.uuid}/scan/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response.content, PDF + marker)
        self.assertEqual(AccessLog.objects.count(), before + 1)
        self.login(self.alice)
        response = self.client.get(f"{MINE}{consent.uuid}/scan/")
        self.assertEqual(response.content, PDF + marker)

    def test_it_refuses_a_file_that_is_not_a_pdf_or_an_image(self):
        self.login(self.counselor)
        response = self.post(
            SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
        )
        self.assertTrue(response.context["form"].has_error("scan", "file_type"))
        self.assertContains(response, "人事室 張主任")
        self.assertFalse(ConsentRecord.objects.exists())

    def test_it_refuses_a_file_over_the_size_limit(self):
        self.login(self.counselor)
        big = PDF + b"0" * MAX_SCAN_BYTES
        response = self.post(SimpleUploadedFile("big.pdf", big, "application/pdf"))
        self.assertTrue(response.context["form"].has_error("scan", "too_large"))

    def test_it_refuses_a_signing_date_in_the_future(self):
        self.login(self.counselor)
        tomorrow = roc(timezone.localdate() + timedelta(days=1))
        upload = SimpleUploadedFile("f.png", b"\x89PNG\r\n\x1a\nxx", "image/png")
        data = consent_post(signed_on=tomorrow)
        data["scan"] = upload
        response = self.client.post(self.url(), data)
        self.assertTrue(response.context["form"].has_error("signed_on", "future"))


class ConsentInvariantsTestCase(ConsentTestCase):
    def test_it_refuses_the_scan_and_text_to_everyone_but_the_counsellor_and_employee(self):
        """An HR officer, a supervisor, a care worker, another counsellor, the sysadmin and
        the auditor never get a consent's scan or wording, on any page."""
        marker = f"CONSENT-{uuid.uuid4().hex}"
        consent = self.make_scan_consent(data=PDF + marker.encode())
        text = services.consent_propose(
            case=self.case, scope="other", purpose="other", recipient="某機關",
            valid_until=timezone.localdate() + timedelta(days=5), scope_text=marker,
            purpose_text=marker, actor=self.counselor,
        )  # fmt: skip
        base = self.case.get_absolute_url()
        paths = [
            f"{base}consents/{consent.uuid}/scan/",
            f"{base}consents/{consent.uuid}/",
            f"{base}consents/{text.uuid}/",
            base,
            f"{MINE}{consent.uuid}/scan/",
            f"{MINE}{text.uuid}/",
            f"{MINE}{consent.uuid}/",
            f"/admin/counseling/consentrecord/{consent.pk}/change/",
            "/admin/counseling/consentrecord/",
        ]
        lists = ["/counselling/disclosures/", "/counselling/legal-processes/",
                 "/counselling/referrals/", "/people/me/access-log/"]  # fmt: skip
        for user in (self.hr, self.supervisor, self.care_worker, self.counselor2,
                     self.sysadmin, self.auditor, self.intake, self.outsider):  # fmt: skip
            self.login(user)
            for path in paths:
                response = self.client.get(path)
                self.assertIn(response.status_code, (302, 403, 404), f"{path} as {user}")
                self.assertNotIn(marker.encode(), response.content, f"{path} as {user}")
            for path in lists:
                self.assertNotIn(marker.encode(), self.client.get(path).content, path)
        self.assertFalse(
            AccessLog.objects.filter(
                record_uuid__in=[consent.uuid, text.uuid], outcome="granted"
            ).exists()
        )
