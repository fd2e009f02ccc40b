"""Joining a channel is private (invariant 10): the member sees it, nobody else; the
moderators see how many, k-suppressed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.resources.channels.models import Channel, ChannelMembership
from tests.resources.channels_base import ChannelsTestCase, join


class MembershipTests(ChannelsTestCase):
    def test_it_lets_an_employee_join_and_leave(self):
        self.login(self.bob)
        response = self.client.post(f"/resources/channels/{self.channel.pk}/join/")
        self.assertRedirects(response, f"/resources/channels/{self.channel.pk}/")
        self.assertTrue(ChannelMembership.objects.filter(channel=self.channel, user=self.bob))
        self.client.post(f"/resources/channels/{self.channel.pk}/leave/")
        self.assertFalse(ChannelMembership.objects.filter(channel=self.channel, user=self.bob))

    def test_the_list_shows_ones_own_memberships_only(self):
        self.login(self.alice)
        self.assertContains(self.client.get("/resources/channels/"), "您已加入", count=1)
        self.login(self.bob)
        self.assertNotContains(self.client.get("/resources/channels/"), "您已加入")

    def test_moderators_see_a_hidden_count_below_k_and_the_number_above(self):
        self.login(self.hr)
        response = self.client.get("/resources/channels/manage/")
        self.assertContains(response, "kanon-hidden")
        self.assertNotContains(response, "王小美")
        for number in range(5):
            from tests.base import make_employee, make_user

            user = make_user(f"member{number}")
            make_employee(user, unit=self.unit, number=f"M{number}", name=f"會員{number}")
            join(self.channel, user)
        response = self.client.get("/resources/channels/manage/")
        self.assertContains(response, "<td>6</td>", html=True)
        self.assertNotContains(response, "會員1")

    def test_it_stops_and_restarts_the_digest(self):
        self.login(self.alice)
        self.client.post(f"/resources/channels/{self.channel.pk}/digest/")
        self.membership.refresh_from_db()
        self.assertFalse(self.membership.digest)
        self.client.post(f"/resources/channels/{self.channel.pk}/digest/", {"digest": "on"})
        self.membership.refresh_from_db()
        self.assertTrue(self.membership.digest)

    def test_it_refuses_a_channel_of_another_authority_and_staff(self):
        other = Channel.objects.create(authority=self.elsewhere, key="x", name="他市群組")
        self.login(self.alice)
        self.assertEqual(self.client.post(f"/resources/channels/{other.pk}/join/").status_code, 404)
        self.assertEqual(self.client.get(f"/resources/channels/{other.pk}/").status_code, 404)
        self.login(self.hr)
        self.assertEqual(self.client.get("/resources/channels/").status_code, 403)

    def test_it_refuses_another_method(self):
        self.login(self.alice)
        self.assertEqual(
            self.client.get(f"/resources/channels/{self.channel.pk}/join/").status_code, 405
        )

    def test_the_list_and_the_moderators_page_run_a_fixed_number_of_queries(self):
        """10 channels and 1,000 channels: the same queries."""

        def grow(total):
            have = Channel.objects.filter(authority=self.authority).count()
            Channel.objects.bulk_create(
                Channel(authority=self.authority, key=f"c{n}", name=f"群組{n}")
                for n in range(have, total)
            )

        for user, path in (
            (self.alice, "/resources/channels/"),
            (self.hr, "/resources/channels/manage/"),
        ):
            self.login(user)
            grow(10)
            self.client.get(path)
            with CaptureQueriesContext(connection) as ten:
                self.client.get(path)
            grow(1000)
            with self.assertNumQueries(len(ten.captured_queries)):
                response = self.client.get(path)
            self.assertContains(response, "群組999")
