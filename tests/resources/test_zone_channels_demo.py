"""The demo's EAP zone and topic channels: published articles (and a draft), the plan's
channels (Taoyuan's nine when the demo plan names none) with posts and private members;
added once, one printed line."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.core.demo import DemoRun
from anxin.people import demo
from anxin.resources.channels.demo import channels_step, demo_channels
from anxin.resources.channels.models import Channel, ChannelComment, ChannelMembership
from anxin.resources.zone.demo import demo_zone
from anxin.resources.zone.models import ZoneArticle


@override_settings(ANXIN_DEMO=True)
class ZoneChannelsDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=40)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            demo_zone()
            cls.line = channels_step(DemoRun(stdout=None, stderr=None))

    def test_it_publishes_the_zone_and_keeps_a_draft(self):
        self.assertEqual(ZoneArticle.objects.filter(status="published").count(), 9)
        self.assertEqual(ZoneArticle.objects.filter(kind="handbook").count(), 2)
        self.assertEqual(ZoneArticle.objects.filter(status="draft").count(), 1)
        self.assertTrue(ZoneArticle.objects.filter(kind="question").exclude(title_en="").exists())

    def test_it_opens_the_channels_with_posts_and_members(self):
        names = set(Channel.objects.values_list("name", flat=True))
        self.assertIn("職場新手Easy Go", names)
        self.assertEqual(len(names), 9)
        self.assertEqual(
            ChannelMembership.objects.filter(user__username="demo-employee").count(), 2
        )
        self.assertEqual(ChannelComment.objects.filter(status="pending").count(), 1)
        self.assertEqual(
            self.line,
            "EAP zone: 9 articles published, care cards and poster to print; "
            "topic channels: 9 opened, 5 posts, 2 memberships.",
        )

    def test_it_adds_nothing_the_second_time(self):
        self.assertEqual(demo_zone(), 0)
        self.assertEqual(demo_channels(), (0, 0, 0))
        self.assertEqual(Channel.objects.count(), 9)
