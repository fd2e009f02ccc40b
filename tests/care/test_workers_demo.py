"""The care workers of the demo: in the demo agency, a coverage gap, a term ending within
60 days and a nomination waiting; added once; one line of output."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.care.workers.demo import care_workers_step, demo_care_workers
from anxin.care.workers.models import CareWorker
from anxin.core.demo import DemoRun
from anxin.people import demo


@override_settings(
    ANXIN_DEMO=True,
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
)
class CareWorkersDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=120)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            cls.coverage = demo_care_workers()

    def test_it_shows_a_gap_a_term_ending_and_a_nomination_waiting(self):
        self.assertEqual(self.coverage.organisation.code, demo.CAST_AGENCY)
        self.assertGreaterEqual(self.coverage.active_count, 2)
        self.assertTrue(self.coverage.gaps)
        self.assertEqual(len(self.coverage.ending), 1)
        self.assertTrue(CareWorker.objects.filter(status="nominated").exists())
        demo_worker = CareWorker.objects.get(employee__user__username="demo-care-worker")
        self.assertTrue(demo_worker.listed)

    def test_it_adds_nothing_the_second_time_and_prints_one_line(self):
        before = CareWorker.objects.count()
        line = care_workers_step(DemoRun(stdout=None, stderr=None))
        self.assertEqual(CareWorker.objects.count(), before)
        self.assertNotIn("\n", line)
        self.assertIn("Care workers:", line)
