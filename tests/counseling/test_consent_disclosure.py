"""Disclosures: only under a valid consent naming the recipient or a legal process, each
logged against its basis; the employee sees it, the auditor sees the log without content."""

import uuid
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.core.refusals import Refused
from anxin.counseling.consent import services
from anxin.counseling.consent.models import Disclosure, LegalProcess
from tests.counseling.consent_base import ConsentTestCase, roc

LOG = "/counselling/disclosures/"
LEGAL = "/counselling/legal-processes/"


class DisclosureTestCase(ConsentTestCase):
    def url(self, case=None) -> str:
        return f"{(case or self.case).get_absolute_url()}disclosures/new/"

    def post(self, **overrides):
        data = {"scope": "attendance", "recipient": "人事室 張主任", "details": ""}
        data.update(overrides)
        self.login(self.counselor)
        return self.client.post(self.url(), data)

    def refused(self, response, code: str) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("__all__", code), code)
        # What was typed stays.
        self.assertEqual(
            response.context["form"]["recipient"].value(), response.wsgi_request.POST["recipient"]
        )
        self.assertFalse(Disclosure.objects.exists())

    def test_it_refuses_a_disclosure_without_consent_or_legal_process(self):
        self.refused(self.post(), "no_basis")
        with self.assertRaises(Refused) as caught:
            services.disclosure_record(
                case=self.case, scope="attendance", recipient="x", details="",
                actor=self.counselor, role="counselor",
            )  # fmt: skip
        self.assertEqual(caught.exception.code, "no_basis")

    def test_it_refuses_an_expired_consent_with_its_own_message(self):
        consent = self.expire(self.make_consent())
        response = self.post(consent=consent.pk)
        self.refused(response, "expired")
        self.assertContains(response, "已過期")

    def test_it_refuses_a_withdrawn_or_unsigned_consent(self):
        withdrawn = services.consent_withdraw(consent=self.make_consent())
        self.refused(self.post(consent=withdrawn.pk), "withdrawn")
        unsigned = self.make_consent(signed=False)
        self.refused(self.post(consent=unsigned.pk), "unsigned")

    def test_it_refuses_another_recipient_or_a_wider_scope(self):
        consent = self.make_consent()
        self.refused(self.post(consent=consent.pk, recipient="督導 王科長"), "recipient")
        self.refused(self.post(consent=consent.pk, scope="records"), "scope")

    def test_it_refuses_a_consent_of_another_employee(self):
        outsider_case = self.make_case(self.make_request(employee=self.outsider_employee))
        consent = self.make_consent(outsider_case)
        response = self.post(consent=consent.pk)
        self.assertTrue(response.context["form"].has_error("consent", "invalid_choice"))
        self.assertFalse(Disclosure.objects.exists())

    def test_it_records_a_disclosure_under_a_consent_and_logs_it_for_the_employee(self):
        consent = self.make_consent()
        response = self.post(consent=consent.pk, recipient="  人事室   張主任 ")
        self.assertRedirects(response, self.case.get_absolute_url())
        item = Disclosure.objects.get()
        self.assertEqual(item.consent, consent)
        self.assertEqual(item.recipient, "人事室 張主任")
        self.assertTrue(item.details.startswith("anx1:"))
        row = AccessLog.objects.get(record_uuid=item.uuid)
        self.assertEqual(row.field, f"consent:{consent.uuid}")
        self.assertEqual(row.purpose, "disclosure")
        self.assertEqual(row.subject_uuid, self.alice_employee.uuid)
        self.assertEqual(row.actor, self.counselor)
        # The employee's page "who has read my file" shows it.
        self.login(self.alice)
        response = self.client.get("/people/me/access-log/")
        standing_out = response.context["log"].standing_out
        self.assertEqual([look.purpose.code for look in standing_out], ["disclosure"])
        self.assertContains(response, "資料提供")
        # The case page lists it.
        self.login(self.counselor)
        response = self.client.get(self.case.get_absolute_url())
        self.assertEqual(response.context["consent_panel"].disclosures, [item])

    def test_it_records_a_disclosure_under_a_confirmed_legal_process(self):
        legal = services.legal_process_record(
            case=self.case, kind="court_order", reference="北院114年度訴字第1號",
            issued_on=timezone.localdate(), recipient="臺灣臺北地方法院", scope="records",
            details="命令內容", actor=self.counselor,
        )  # fmt: skip
        services.legal_process_decide(
            item=legal, confirm=True, note="", actor=self.intake, role="intake",
            expected_version=legal.version,
        )  # fmt: skip
        session = self.make_session(self.case)
        response = self.post(
            legal_process=legal.pk, recipient="臺灣臺北地方法院", scope="records",
            sessions=[session.pk], details="附表二影本",
        )  # fmt: skip
        self.assertRedirects(response, self.case.get_absolute_url())
        row = AccessLog.objects.get(record_uuid=Disclosure.objects.get().uuid)
        self.assertEqual(row.field, f"legal:{legal.uuid}")

    def test_it_refuses_a_disclosure_by_anyone_but_the_cases_counsellor(self):
        consent = self.make_consent()
        with self.assertRaises(Refused):
            services.disclosure_record(
                case=self.case, consent=consent, scope="attendance", recipient="人事室 張主任",
                details="", actor=self.counselor2, role="counselor",
            )  # fmt: skip
        self.login(self.counselor2)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        for user in (self.alice, self.hr, self.supervisor, self.intake, self.auditor):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403, user)
        self.login(self.counselor)
        self.assertEqual(self.client.put(self.url()).status_code, 405)


class LegalProcessTestCase(ConsentTestCase):
    def data(self, **overrides) -> dict:
        data = {
            "case_code": self.case.code.lower(),
            "kind": "statutory_duty",
            "reference": "家庭暴力防治法第50條通報",
            "issued_on": roc(timezone.localdate()),
            "recipient": "臺北市家庭暴力防治中心",
            "scope": "summary",
            "details": "通報內容",
        }
        data.update(overrides)
        return data

    def test_it_lets_the_coordinator_record_one_by_case_code(self):
        self.login(self.intake)
        response = self.client.post(LEGAL, self.data())
        self.assertRedirects(response, LEGAL)
        item = LegalProcess.objects.get()
        self.assertEqual(item.case, self.case)
        self.assertEqual((item.recipient, item.scope), ("臺北市家庭暴力防治中心", "summary"))
        self.assertEqual(item.status, "pending")
        self.assertTrue(item.details.startswith("anx1:"))
        response = self.client.get(LEGAL)
        self.assertContains(response, self.case.code)
        self.assertNotContains(response, "通報內容")

    def test_it_refuses_an_unknown_case_code_and_keeps_what_was_typed(self):
        self.login(self.intake)
        response = self.client.post(LEGAL, self.data(case_code="TAI999-9999"))
        self.assertTrue(response.context["form"].has_error("case_code", "unknown_case"))
        self.assertContains(response, "家庭暴力防治法第50條通報")
        tomorrow = roc(timezone.localdate() + timedelta(days=1))
        response = self.client.post(LEGAL, self.data(issued_on=tomorrow))
        self.assertTrue(response.context["form"].has_error("issued_on", "future"))
        self.assertFalse(LegalProcess.objects.exists())

    def test_it_refuses_a_case_outside_the_coordinators_scope(self):
        from tests.base import give_role, make_user

        narrow = make_user("intake-edu")
        give_role(narrow, "intake", self.other_agency)
        self.login(narrow)
        response = self.client.post(LEGAL, self.data())
        self.assertTrue(response.context["form"].has_error("case_code", "unknown_case"))

    def test_it_lets_the_counsellor_record_one_from_the_case(self):
        self.login(self.counselor)
        url = f"{self.case.get_absolute_url()}legal/new/"
        data = self.data()
        data.pop("case_code")
        self.assertRedirects(self.client.post(url, data), self.case.get_absolute_url())
        self.assertEqual(LegalProcess.objects.get().recorded_by, self.counselor)

    def test_it_answers_405_and_refuses_other_roles(self):
        self.login(self.intake)
        self.assertEqual(self.client.put(LEGAL).status_code, 405)
        for user in (self.alice, self.counselor, self.hr):
            self.login(user)
            self.assertEqual(self.client.get(LEGAL).status_code, 403, user)

    def test_it_shows_the_privacy_officer_the_list_without_the_form(self):
        """The auditor reads the list to confirm legal processes but records none."""
        self.login(self.intake)
        self.client.post(LEGAL, self.data())
        self.login(self.auditor)
        response = self.client.get(LEGAL)
        self.assertContains(response, self.case.code)
        self.assertIsNone(response.context["form"])
        self.assertNotContains(response, "通報內容")
        self.assertEqual(self.client.post(LEGAL, self.data()).status_code, 403)
        self.assertEqual(LegalProcess.objects.count(), 1)


class DisclosureLogTestCase(ConsentTestCase):
    def disclose(self, consent, marker=""):
        return services.disclosure_record(
            case=self.case, consent=consent, scope="attendance", recipient=consent.recipient,
            details=marker, actor=self.counselor, role="counselor",
        )  # fmt: skip

    def test_it_shows_the_auditor_who_disclosed_what_case_to_whom_without_content(self):
        marker = f"DISCLOSED-{uuid.uuid4().hex}"
        consent = self.make_consent(scope="summary")
        item = services.disclosure_record(
            case=self.case, consent=consent, scope="summary", recipient=consent.recipient,
            details=marker, actor=self.counselor, role="counselor",
        )  # fmt: skip
        self.login(self.auditor)
        response = self.client.get(LOG)
        self.assertEqual(list(response.context["items"]), [item])
        self.assertContains(response, self.case.code)
        self.assertContains(response, "人事室 張主任")
        self.assertContains(response, self.counselor.username)
        self.assertNotContains(response, marker)
        self.assertNotContains(response, "出席與次數")  # the consent's sealed wording
        self.assertNotContains(response, self.alice_employee.name)

    def test_it_runs_a_fixed_number_of_queries(self):
        def count() -> int:
            self.client.get(LOG)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(LOG)
            self.assertEqual(response.status_code, 200)
            return len(context)

        consent = self.make_consent()
        legal = services.legal_process_record(
            case=self.case, kind="court_order", reference="x", issued_on=timezone.localdate(),
            recipient="法院", scope="summary", details="", actor=self.counselor,
        )  # fmt: skip
        services.legal_process_decide(
            item=legal, confirm=True, note="", actor=self.auditor, role="auditor",
            expected_version=legal.version,
        )  # fmt: skip
        self.disclose(consent)
        self.login(self.auditor)
        small = count()
        for _ in range(5):
            self.disclose(self.make_consent())
            services.disclosure_record(
                case=self.case, legal_process=legal, scope="summary", recipient="法院",
                details="摘要", actor=self.counselor, role="counselor",
            )  # fmt: skip
        self.assertEqual(count(), small)

    def test_it_answers_405_and_refuses_other_roles(self):
        self.login(self.auditor)
        self.assertEqual(self.client.post(LOG).status_code, 405)
        for user in (self.alice, self.counselor, self.hr, self.supervisor, self.sysadmin):
            self.login(user)
            self.assertEqual(self.client.get(LOG).status_code, 403, user)

    def test_the_case_page_panel_runs_a_fixed_number_of_queries(self):
        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(self.case.get_absolute_url())
            self.assertEqual(response.status_code, 200)
            return len([q for q in context.captured_queries if "consent" in q["sql"]
                        or "disclosure" in q["sql"] or "legalprocess" in q["sql"]])  # fmt: skip

        self.login(self.counselor)
        self.disclose(self.make_consent())
        small = count()
        for _ in range(5):
            self.disclose(self.make_consent())
        self.assertEqual(count(), small)
