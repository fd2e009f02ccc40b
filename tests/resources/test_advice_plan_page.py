"""The plan page shows the `advice` setting like the others: the services offered, the
slot length and weeks ahead, and the limits per employee, in zh-Hant."""

from anxin.plans.loader import load_preset
from tests.base import BaseTestCase, give_role, make_user
from tests.plans.test_views import text_of


class AdvicePlanPageTests(BaseTestCase):
    def page(self, slug: str) -> str:
        plan = load_preset(slug)
        reader = make_user(f"reader-{slug}")
        give_role(reader, "eap_admin", plan.authority)
        self.login(reader)
        response = self.client.get(plan.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return text_of(response)

    def test_chiayis_plan_page_shows_advice_and_its_limits(self):
        text = self.page("chiayi-105")
        self.assertIn("定時法律與財務諮詢", text)
        self.assertIn("每時段 30 分鐘，預先開放 4 週", text)
        self.assertIn("每位同仁每項服務同時最多保留 1 個尚未到來的時段", text)
        self.assertIn("每年最多預約 6 次", text)
        self.assertIn("002 §伍.三.(二)", text)

    def test_a_plan_without_advice_says_off(self):
        text = self.page("taipei-114")
        self.assertRegex(text, r"定時法律與財務諮詢 未啟用")
