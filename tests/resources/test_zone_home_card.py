"""The employee's home page shows the latest news of the zone of his or her authority:
published and due ones only, at most three, in one query whatever their number."""

from datetime import timedelta

from django.test import RequestFactory
from django.utils import timezone

from anxin.resources.zone.home import zone_news
from tests.resources.zone_base import ZoneTestCase, make_article


class ZoneHomeCardTests(ZoneTestCase):
    def test_it_shows_the_latest_news_on_the_employee_s_home_page(self):
        make_article(
            self.eap_admin,
            self.authority,
            kind="news",
            title="下週排定的消息",
            published_at=timezone.now() + timedelta(days=7),
        )
        self.login(self.alice)
        page = self.client.get("/")
        self.assertContains(page, "zone-news-heading")
        self.assertContains(page, "紓壓講座報名開始")
        self.assertContains(page, f"/resources/zone/{self.authority.pk}/articles/{self.news.pk}/")
        self.assertNotContains(page, "尚未發布的草稿")
        self.assertNotContains(page, "下週排定的消息")

    def test_it_keeps_to_three_and_one_query(self):
        request = RequestFactory().get("/")
        request.user = self.alice
        request.employee = self.alice_employee
        with self.assertNumQueries(1):
            self.assertEqual(len(zone_news(request, None)["zone_news"]), 1)
        for number in range(20):
            make_article(self.eap_admin, self.authority, kind="news", title=f"消息{number}")
        with self.assertNumQueries(1):
            self.assertEqual(len(zone_news(request, None)["zone_news"]), 3)

    def test_it_shows_nothing_of_another_authority(self):
        self.login(self.stranger)
        self.assertNotContains(self.client.get("/"), "紓壓講座報名開始")
