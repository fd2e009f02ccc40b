"""The EAP zone as its readers see it: the plan's offer, ways in, privacy, service areas
and crisis lines; published articles only; staff of the authority, or anyone when the
plan makes the zone public."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.plans.models import ProgramPlan
from tests.resources.zone_base import ZoneTestCase, make_article


class ZonePagesTests(ZoneTestCase):
    def test_it_shows_the_plans_offer_channels_areas_and_crisis_lines(self):
        self.login(self.alice)
        response = self.client.get(self.zone())
        self.assertContains(response, "03-3027858")
        self.assertContains(response, "eapcenter.service@gmail.com")
        for area in [
            "法律諮詢",
            "職涯規劃",
            "家庭關係",
            "財務問題",
            "心理健康",
            "醫療保健",
            "工作壓力",
            "婚喪喜慶",
        ]:
            self.assertContains(response, area)
        self.assertContains(response, "1925")
        self.assertContains(response, "安心專線")
        self.assertContains(response, "每人每年免費諮商 4 小時")
        self.assertContains(response, "不會通知您的主管或人事單位")

    def test_it_lists_published_articles_and_hides_drafts(self):
        self.login(self.alice)
        response = self.client.get(self.zone())
        self.assertContains(response, "如何申請個別諮商")
        self.assertContains(response, "紓壓講座報名開始")
        self.assertNotContains(response, "尚未發布的草稿")
        self.assertEqual(self.client.get(self.zone(f"articles/{self.page.pk}/")).status_code, 200)
        self.assertEqual(self.client.get(self.zone(f"articles/{self.draft.pk}/")).status_code, 404)

    def test_it_shows_the_english_beside_the_chinese_where_the_author_gave_it(self):
        article = make_article(
            self.eap_admin, self.authority, title="常見問題", title_en="About us", body_en="Hello."
        )
        self.login(self.alice)
        response = self.client.get(self.zone(f"articles/{article.pk}/"))
        self.assertContains(response, '<div lang="en"', html=False)
        self.assertContains(response, "About us")
        self.assertNotContains(
            self.client.get(self.zone(f"articles/{self.page.pk}/")), '<div lang="en"'
        )

    def test_it_sends_an_anonymous_visitor_to_sign_in_when_the_zone_is_not_public(self):
        response = self.client.get(self.zone())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/account/sign-in/"))

    def test_it_lets_anyone_read_a_public_zone(self):
        ProgramPlan.objects.filter(pk=self.plan.pk).update(
            config={**self.plan.config, "zone": {"public": True, "source": "000 §5.2"}}
        )
        self.assertContains(self.client.get(self.zone()), "03-3027858")
        self.assertContains(self.client.get(self.zone("questions/")), "問與答")
        self.assertEqual(self.client.get(self.zone("materials/poster.pdf")).status_code, 200)
        self.assertEqual(self.client.get(self.zone("materials/stickers.pdf")).status_code, 200)
        make_article(self.eap_admin, self.authority, kind="handbook", title="認識方案")
        self.assertEqual(self.client.get(self.zone("materials/handbook.pdf")).status_code, 200)
        # Someone of another authority may read it too.
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.zone()).status_code, 200)

    def test_it_refuses_a_person_of_another_authority_when_not_public(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.zone()).status_code, 404)
        self.assertEqual(self.client.get(self.zone(f"articles/{self.page.pk}/")).status_code, 404)

    def test_it_answers_404_for_a_unit_that_is_not_an_authority(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(f"/resources/zone/{self.agency.pk}/").status_code, 404)

    def test_it_refuses_another_method(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(self.zone()).status_code, 405)

    def test_the_menu_entry_leads_to_the_zone_of_ones_own_authority(self):
        self.login(self.alice)
        response = self.client.get("/resources/zone/")
        self.assertRedirects(response, self.zone())
        self.login(self.stranger)
        response = self.client.get("/resources/zone/")
        self.assertEqual(response["Location"], f"/resources/zone/{self.elsewhere.pk}/")

    def test_the_zone_page_runs_a_fixed_number_of_queries(self):
        """The same number of queries with three articles and with forty more."""
        self.login(self.alice)
        self.client.get(self.zone())
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.zone())
        for number in range(20):
            make_article(self.eap_admin, self.authority, kind="news", title=f"消息{number}")
            make_article(self.eap_admin, self.authority, title=f"說明{number}")
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(self.zone())
        self.assertContains(response, "說明19")

    def test_the_news_page_runs_a_fixed_number_of_queries(self):
        """The same number of queries for one news item and for thirty-one."""
        self.login(self.alice)
        self.client.get(self.zone("news/"))  # the session's first reads
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.zone("news/"))
        for number in range(30):
            make_article(self.eap_admin, self.authority, kind="news", title=f"消息{number}")
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(self.zone("news/"))
        self.assertContains(response, "消息29")
