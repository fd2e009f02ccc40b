"""Break-glass: a coordinator opens a case with a reason, for the plan's hours, and the
counsellor and auditors are told; every read is logged as emergency access."""

from datetime import timedelta

from django.utils import timezone

from anxin.core.models import AccessLog, Notification
from anxin.counseling.flows import services
from anxin.counseling.flows.models import EmergencyAccess
from tests.base import give_role, make_user
from tests.counseling.base import CounselingTestCase

REASON = "危機事件當事人需立即協助，承辦心理師休假出國無法聯繫"


class EmergencyOpenTests(CounselingTestCase):
    url = "/counselling/emergency/"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()
        cls.make_session(cls.case, assessment="BREAKGLASS-MARKER")

    def test_it_opens_the_case_for_24_hours_and_tells_the_counsellor_and_auditor(self):
        self.login(self.intake)
        response = self.client.post(self.url, {"code": self.case.code.lower(), "reason": REASON})
        self.assertRedirects(response, f"/counselling/emergency/{self.case.code}/")
        access = EmergencyAccess.objects.get()
        self.assertEqual(access.expires_at - access.opened_at, timedelta(hours=24))
        for user in (self.counselor, self.auditor):
            item = Notification.objects.get(recipient=user)
            self.assertIn(self.case.code, item.subject)
            self.assertNotIn(REASON, item.body)
        self.assertFalse(Notification.objects.filter(recipient=self.supervisor).exists())

    def test_it_uses_the_plans_hours(self):
        plan = self.case.plan
        plan.config["emergency_access"] = {"hours": 6, "source": "test"}
        plan.save()
        access = services.emergency_open(case=self.case, coordinator=self.intake, reason=REASON)
        self.assertEqual(access.expires_at - access.opened_at, timedelta(hours=6))

    def test_it_refuses_a_short_reason_and_an_unknown_code_keeping_what_was_typed(self):
        self.login(self.intake)
        response = self.client.post(self.url, {"code": "NOPE114-0001", "reason": "急"})
        form = response.context["form"]
        self.assertTrue(form.has_error("code", "unknown_case"))
        self.assertTrue(form.has_error("reason", "min_length"))
        self.assertEqual(form["code"].value(), "NOPE114-0001")
        self.assertFalse(EmergencyAccess.objects.exists())

    def test_it_refuses_a_case_outside_the_coordinators_scope(self):
        other = make_user("other-intake")
        give_role(other, "intake", self.other_agency)
        self.login(other)
        response = self.client.post(self.url, {"code": self.case.code, "reason": REASON})
        self.assertTrue(response.context["form"].has_error("code", "unknown_case"))

    def test_it_refuses_the_wrong_method_and_other_roles(self):
        self.login(self.intake)
        self.assertEqual(self.client.put(self.url).status_code, 405)
        for user in (self.counselor, self.supervisor, self.alice, self.auditor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)


class EmergencyCaseTests(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()
        cls.make_session(cls.case, assessment="BREAKGLASS-MARKER")
        cls.url = f"/counselling/emergency/{cls.case.code}/"

    def test_it_shows_the_case_while_valid_and_logs_each_read_as_break_glass(self):
        services.emergency_open(case=self.case, coordinator=self.intake, reason=REASON)
        self.login(self.intake)
        before = AccessLog.objects.count()
        response = self.client.get(self.url)
        self.assertContains(response, "BREAKGLASS-MARKER")
        rows = AccessLog.objects.filter(id__gt=0).order_by("id")[before:]
        self.assertTrue(rows)
        self.assertEqual({row.purpose for row in rows}, {"break_glass"})
        self.assertEqual({row.actor_id for row in rows}, {self.intake.pk})

    def test_it_answers_404_after_expiry(self):
        now = timezone.now()
        services.emergency_open(
            case=self.case, coordinator=self.intake, reason=REASON, now=now - timedelta(hours=25)
        )
        self.login(self.intake)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_answers_404_without_a_grant_and_to_another_coordinator(self):
        self.login(self.intake)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        services.emergency_open(case=self.case, coordinator=self.intake, reason=REASON)
        other = make_user("other-intake")
        give_role(other, "intake", self.authority)
        self.login(other)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_refuses_the_wrong_method_and_other_roles(self):
        services.emergency_open(case=self.case, coordinator=self.intake, reason=REASON)
        self.login(self.intake)
        self.assertEqual(self.client.post(self.url).status_code, 405)
        for user in (self.counselor2, self.supervisor, self.auditor, self.sysadmin):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)


class EmergencyLogTests(CounselingTestCase):
    url = "/counselling/emergency/log/"

    def test_it_shows_the_auditor_each_grant_with_its_reason_and_reads(self):
        case = self.make_case()
        self.make_session(case, assessment="BREAKGLASS-MARKER")
        services.emergency_open(case=case, coordinator=self.intake, reason=REASON)
        self.login(self.intake)
        self.client.get(f"/counselling/emergency/{case.code}/")
        self.login(self.auditor)
        response = self.client.get(self.url)
        self.assertContains(response, case.code)
        self.assertContains(response, REASON)
        self.assertNotContains(response, "BREAKGLASS-MARKER")
        grant = response.context["grants"][0]
        self.assertEqual(grant.reads, 3 + len(case.sessions.get().SEALED))

    def test_it_refuses_the_wrong_method_and_other_roles(self):
        self.login(self.auditor)
        self.assertEqual(self.client.post(self.url).status_code, 405)
        for user in (self.intake, self.supervisor, self.hr, self.counselor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
