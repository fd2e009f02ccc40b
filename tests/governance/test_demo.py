"""The governance demo: Pingtung's bodies meet, minute and follow up, once."""

import tempfile
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.governance.demo import demo_governance
from anxin.governance.models import ActionItem, AgendaItem, Body, Meeting, WorkPlanItem
from anxin.people import demo
from anxin.people.roles import Role

TODAY = date(2026, 12, 4)


@override_settings(ANXIN_DEMO=True)
class GovernanceDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=40)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            cls.line = demo_governance(today=TODAY)

    def test_it_meets_minutes_and_follows_up(self):
        self.assertEqual(Body.objects.count(), 2)
        # 1 + 4 + 2 meetings a year, this year and the next.
        self.assertEqual(Meeting.objects.count(), 14)
        published = Meeting.objects.get(minutes_status=Meeting.Minutes.PUBLISHED)
        self.assertEqual(published.held_on.year, 2026)
        action = ActionItem.objects.get()
        self.assertEqual(action.owner.user.username, demo.username_for(Role.COMMITTEE))
        carried = AgendaItem.objects.get(carried=action)
        self.assertGreater(carried.meeting.held_on, TODAY)
        self.assertEqual(WorkPlanItem.objects.count(), 5)
        self.assertIn("Pingtung", self.line)
        self.assertEqual(len(self.line.splitlines()), 1)

    def test_it_adds_nothing_the_second_time(self):
        self.assertIsNone(demo_governance(today=TODAY))
        self.assertEqual(Meeting.objects.count(), 14)
