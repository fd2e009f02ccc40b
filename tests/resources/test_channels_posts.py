"""Moderators (eap_admin, hr, counsellors) post; employees read; the eap_admin opens the
plan's channels and sets a channel's options."""

from anxin.resources.channels.models import Channel, ChannelPost
from tests.resources.channels_base import ChannelsTestCase, make_post
from tests.resources.zone_base import taoyuan_plan


class PostTests(ChannelsTestCase):
    def test_each_moderator_role_posts_and_employees_read_it(self):
        for number, user in enumerate([self.eap_admin, self.hr, self.counselor]):
            self.login(user)
            response = self.client.post(
                f"/resources/channels/manage/{self.channel.pk}/post/",
                {
                    "title": f"健康小叮嚀{number}",
                    "body": "多喝水。",
                    "link": "https://example.gov.tw/a",
                },
            )
            self.assertRedirects(response, "/resources/channels/manage/")
        self.login(self.bob)  # not a member: reads the posts all the same
        response = self.client.get(f"/resources/channels/{self.channel.pk}/")
        for number in range(3):
            self.assertContains(response, f"健康小叮嚀{number}")

    def test_a_bad_link_is_refused_and_keeps_what_was_typed(self):
        self.login(self.hr)
        response = self.client.post(
            f"/resources/channels/manage/{self.channel.pk}/post/",
            {"title": "健康小叮嚀", "body": "多喝水。", "link": "not a link"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="健康小叮嚀"')
        self.assertContains(response, "請輸入有效的 URL")
        self.assertFalse(ChannelPost.objects.filter(title="健康小叮嚀").exists())

    def test_an_employee_may_not_post(self):
        self.login(self.alice)
        response = self.client.post(
            f"/resources/channels/manage/{self.channel.pk}/post/", {"title": "x", "body": "y"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ChannelPost.objects.filter(title="x").exists())

    def test_it_answers_404_for_a_channel_of_another_authority(self):
        self.login(self.elsewhere_admin)
        response = self.client.get(f"/resources/channels/manage/{self.channel.pk}/post/")
        self.assertEqual(response.status_code, 404)

    def test_the_eap_admin_opens_the_plans_nine_channels_once(self):
        taoyuan_plan(self.authority)
        self.login(self.eap_admin)
        self.client.post("/resources/channels/manage/open/")
        self.client.post("/resources/channels/manage/open/")
        names = list(
            Channel.objects.filter(authority=self.authority).values_list("name", flat=True)
        )
        self.assertIn("職場新手Easy Go", names)
        self.assertIn("親子教養，無憂無慮", names)
        self.assertEqual(len(names), 9)  # stress_out and elder_care were open already

    def test_the_channel_settings_refuse_a_persons_line_id_and_a_stale_save(self):
        self.login(self.eap_admin)
        url = f"/resources/channels/manage/{self.channel.pk}/"
        data = {"name": "壓力症候群-OUT", "comments_allowed": "on", "is_active": "on", "version": 0}
        response = self.client.post(url, {**data, "line_group": "U" + "0" * 32})
        self.assertContains(response, "請輸入LINE群組的ID")
        self.client.post(url, {**data, "line_group": "C" + "a" * 32})
        response = self.client.post(url, {**data, "description": "第二位"})
        self.assertContains(response, "您的修改尚未儲存")
        self.channel.refresh_from_db()
        self.assertEqual(self.channel.line_group, "C" + "a" * 32)

    def test_the_page_shows_the_newest_posts_with_a_fixed_number_of_queries(self):
        self.login(self.alice)
        path = f"/resources/channels/{self.channel.pk}/"
        self.client.get(path)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            self.client.get(path)
        for number in range(40):
            make_post(self.channel, self.hr, title=f"貼文{number}")
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(path)
        self.assertContains(response, "貼文39")
