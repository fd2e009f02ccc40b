"""The demo's mentoring and interviews: a pair with talks logged whose notes are sealed,
this year's interviews with some recorded; one line; a second run adds nothing."""

import tempfile
from io import StringIO
from pathlib import Path

from django.test import TestCase, override_settings

from anxin.care.interviews.models import Interview
from anxin.care.mentoring.demo import mentoring_step
from anxin.care.mentoring.models import MentoringPair, MentoringTalk
from anxin.core.demo import DemoRun
from anxin.people import demo


@override_settings(ANXIN_DEMO=True)
class MentoringDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        from anxin.front.management.commands.demo import Command  # not a cycle: the shell

        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=300)
            Command(stdout=StringIO(), stderr=StringIO()).load_plans()
            accounts = demo.demo_accounts()
            cls.demo_run = DemoRun(stdout=StringIO(), stderr=StringIO(), accounts=accounts)
            cls.line = mentoring_step(cls.demo_run)

    def test_it_makes_a_pair_with_talks_and_interviews_in_one_line(self):
        self.assertIn("Mentoring: 1 pair", self.line)
        self.assertNotIn("\n", self.line)
        pair = MentoringPair.objects.get()
        held = MentoringTalk.objects.filter(pair=pair, held_on__isnull=False)
        self.assertGreaterEqual(held.count(), 2)
        self.assertTrue(all(talk.note.startswith("anx1:") for talk in held))
        self.assertTrue(Interview.objects.filter(status=Interview.Status.RECORDED).exists())

    def test_a_second_run_adds_nothing(self):
        self.assertIsNone(mentoring_step(self.demo_run))
        self.assertEqual(MentoringPair.objects.count(), 1)
