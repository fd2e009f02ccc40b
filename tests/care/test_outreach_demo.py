"""The outreach demo step: imported personnel changes and overtime, one line, the demo
employee invited with the neutral text, HR's page showing counts (issue 14, item 5)."""

import tempfile
from io import StringIO
from pathlib import Path

from django.test import TestCase, override_settings

from anxin.care.outreach.demo import outreach_step
from anxin.care.outreach.models import OutreachImport, OutreachSignal
from anxin.core.demo import DemoRun
from anxin.core.models import Notification
from anxin.people import demo


@override_settings(ANXIN_DEMO=True)
class OutreachDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        from anxin.front.management.commands.demo import Command

        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=300)
            Command(stdout=StringIO(), stderr=StringIO()).load_plans()
            accounts = demo.demo_accounts()
            run = DemoRun(stdout=StringIO(), stderr=StringIO(), accounts=accounts)
            cls.line = outreach_step(run)
            cls.again = outreach_step(run)

    def test_it_prints_one_line_and_runs_once(self):
        self.assertRegex(
            self.line,
            r"^Outreach: 5 personnel changes and \d+ overtime months imported by demo-hr; "
            r"\d+ offered help, to the person alone \(HR sees counts by unit\)\.$",
        )
        self.assertIsNone(self.again)
        self.assertEqual(OutreachImport.objects.count(), 2)

    def test_the_plans_reasons_are_followed_up(self):
        """Taipei's plan: retirements, and overtime over the thresholds."""
        reasons = set(OutreachSignal.objects.values_list("reason", flat=True))
        self.assertEqual(reasons, {"life_event", "overtime"})
        keys = OutreachSignal.objects.filter(reason="life_event").values_list("key", flat=True)
        self.assertTrue(all(key.startswith("retirement:") for key in keys))

    def test_the_demo_employee_has_the_neutral_invitation(self):
        note = Notification.objects.get(recipient__username="demo-employee")
        self.assertEqual(note.subject, "員工協助方案與您同在")
        self.assertNotIn("退休", note.body)
        self.assertIsNotNone(note.expires_at)  # sent sensitive: it expires
