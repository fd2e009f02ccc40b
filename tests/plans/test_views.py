"""The read-only plan pages: who may read them, and what they show."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from anxin.people.models import Employee
from anxin.plans.loader import load_preset
from anxin.plans.models import ProgramPlan
from tests.base import BaseTestCase, give_role, make_user


def text_of(response) -> str:
    """The page's text without tags, with whitespace collapsed."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class PlanPagesTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.taipei = load_preset("taipei-114")  # 範例市政府 holds Taipei's agency code
        cls.committee = make_user("committee")
        give_role(cls.committee, "committee", cls.authority)
        cls.readers = {}
        for slug in ("taoyuan-104", "chiayi-105", "pingtung"):
            plan = load_preset(slug)
            reader = make_user(f"reader-{slug}")
            give_role(reader, "eap_admin", plan.authority)
            cls.readers[slug] = (plan, reader)

    def page(self, slug: str):
        plan, reader = self.readers[slug]
        self.login(reader)
        response = self.client.get(plan.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return response

    # --- who may read -----------------------------------------------------------------

    def test_plan_readers_see_the_list_and_the_plan(self):
        for user in (self.eap_admin, self.hr, self.committee):
            with self.subTest(user=user.username):
                self.login(user)
                listing = self.client.get("/plans/")
                self.assertContains(listing, self.taipei.name)
                self.assertContains(listing, self.taipei.get_absolute_url())
                self.assertContains(self.client.get(self.taipei.get_absolute_url()), "自我探索")

    def test_the_list_shows_only_the_readers_authority(self):
        self.login(self.eap_admin)
        response = self.client.get("/plans/")
        self.assertNotContains(response, "桃園市政府")
        self.assertEqual(list(response.context["plans"]), [self.taipei])

    def test_another_authoritys_plan_answers_404(self):
        self.login(self.eap_admin)
        response = self.client.get(self.readers["taoyuan-104"][0].get_absolute_url())
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/plans/no-such-plan/").status_code, 404)

    def test_an_employee_and_a_counsellor_are_refused(self):
        for user in (self.alice, self.counselor):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get("/plans/").status_code, 403)
                self.assertEqual(self.client.get(self.taipei.get_absolute_url()).status_code, 403)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self):
        for url in ("/plans/", self.taipei.get_absolute_url()):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/account/sign-in/"))

    def test_the_pages_answer_405_to_post(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.post("/plans/").status_code, 405)
        self.assertEqual(self.client.post(self.taipei.get_absolute_url()).status_code, 405)

    def test_the_list_runs_a_fixed_number_of_queries(self):
        self.login(self.eap_admin)
        with CaptureQueriesContext(connection) as one:
            self.client.get("/plans/")
        for number in range(5):
            ProgramPlan.objects.create(
                slug=f"extra-{number}", name=f"extra {number}", authority=self.authority
            )
        with CaptureQueriesContext(connection) as six:
            response = self.client.get("/plans/")
        self.assertEqual(len(response.context["plans"]), 6)
        self.assertEqual(len(six), len(one))

    def test_a_plan_made_without_configuration_still_shows(self):
        plan = ProgramPlan.objects.create(slug="bare", name="空白計畫", authority=self.authority)
        self.login(self.eap_admin)
        response = self.client.get(plan.get_absolute_url())
        self.assertContains(response, "空白計畫")
        self.assertContains(response, "本計畫未規定")

    # --- what the page shows --------------------------------------------------------

    def test_taoyuan_page_shows_quota_hotline_and_email_deadline(self):
        """000 §4.1: 4 free hours, 03-3027858 with calls of about 30 minutes, replies in
        3 days; the ROC period and the seed citations are visible."""
        text = text_of(self.page("taoyuan-104"))
        self.assertIn("每人每年免費諮商 4 小時", text)
        self.assertIn("03-3027858", text)
        self.assertIn("約 30 分鐘", text)
        self.assertIn("收件後 3 日內", text)
        self.assertIn("民國104年1月1日 – 民國104年12月31日", text)
        self.assertIn("依據： 000 §4.1(1)", text)
        self.assertIn("職場新手Easy Go", text)
        self.assertIn("婚喪喜慶", text)
        self.assertRegex(text, r"關懷員進階班 依據： 000 §4.2\(2\) .+ 是 關懷員初階班 ")

    def test_taipei_page_shows_the_workshop_rows(self):
        """003 §陸: 「自我探索」 4 sessions a half-year, 3 hours each, about 10 people; ages by
        ROC year; teachers, relief workers and substitute service marked not served."""
        self.login(self.eap_admin)
        text = text_of(self.client.get(self.taipei.get_absolute_url()))
        self.assertRegex(
            text,
            r"「自我探索」 依據： 003 §陸【中高齡族群同仁】3 工作坊 員工協談室 "
            r"每半年 4 場次 每場次 3 小時 約 10 人 114年：60歲以上 115年：55至59歲",
        )
        with translation.override("zh-hant"):
            for category in ("TEACHER", "RELIEF_WORKER", "SUBSTITUTE_SERVICE"):
                label = str(Employee.StaffCategory[category].label)
                self.assertIn(f" {label} 否 ", text)
            self.assertIn(f" {Employee.StaffCategory.JANITOR.label} 是 ", text)
        self.assertIn("到職滿1年後之次月內", text)
        self.assertIn("諮詢及協談", text)

    def test_chiayi_page_shows_the_self_test_cadence_and_both_annex_flows(self):
        text = text_of(self.page("chiayi-105"))
        self.assertIn("每 3 個月邀請同仁進行自我檢測", text)
        self.assertIn("非自願個案處理流程", text)
        self.assertIn("若有立即危險性（有傷人或自傷之虞）：步驟 2", text)
        self.assertIn("危機個案處理流程", text)
        self.assertIn("若有人員傷亡：步驟 2", text)
        self.assertIn("002 附件二", text)
        self.assertIn("星期一、星期五 09:30–12:00 本府六樓第一會議室", text)

    def test_pingtung_page_shows_its_governance_bodies(self):
        """004 §參: steering group of 6 meeting yearly; working circle in 6 groups."""
        text = text_of(self.page("pingtung"))
        self.assertIn("本府員工協助方案推動小組", text)
        self.assertRegex(text, r"6 人")
        self.assertRegex(text, r"小組會議 依據： 004 §參.一.\(二\) 每年 1 ")
        self.assertIn("19–23 人", text)
        self.assertIn("本府暨所屬機關（構）員工協助方案工作圈：共 6 組", text)
        self.assertIn("1 滿意度及需求調查組", text)
        self.assertIn("11月、12月、1月、2月", text)
        self.assertIn("6 綜合管理組", text)
        self.assertIn("直到修正為止", text)

    def test_the_page_shows_the_care_workers_meetings_and_the_outreach_quiet_days(self):
        """Pingtung's group meets every 6 months (decision 0060); Taoyuan's outreach sends
        one message within 30 days (decision 0064): both the authority's choice."""
        self.assertIn("關懷員團體會議 每 6 個月一次", text_of(self.page("pingtung")))
        text = text_of(self.page("taoyuan-104"))
        self.assertIn("不論原因，30 天內對同一人最多發送一則訊息", text)
