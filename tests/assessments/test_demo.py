"""The self-test demo data: a private history for the demo employee, added once, and
results from others that the statistics can show."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.assessments import services
from anxin.assessments.demo import HISTORY, demo_self_tests
from anxin.assessments.models import Instrument, SelfTestResult, SelfTestTally
from anxin.people import demo
from anxin.people.models import Employee


@override_settings(ANXIN_DEMO=True)
class SelfTestDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=60)
            call_command("load_plan", "--all", verbosity=0)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            call_command("load_instruments", verbosity=0)
            demo.demo_accounts()
            cls.summary = demo_self_tests()
        cls.own = Employee.objects.get(user__username=demo.username_for("employee"))

    def test_the_demo_employee_has_a_history_per_instrument_over_past_quarters(self):
        self.assertEqual(self.summary.own, sum(len(levels) for levels in HISTORY.values()))
        bsrs = Instrument.objects.get(key="bsrs5")
        history = services.history_read(employee=self.own, instrument=bsrs, actor=self.own.user)
        self.assertEqual(len(history), len(HISTORY["bsrs5"]))
        times = [SelfTestResult.objects.get(uuid=point["result"]).taken_at for point in history]
        self.assertEqual(times, sorted(times))
        # A year and a half back, not all today.
        self.assertGreater((times[-1] - times[0]).days, 365)

    def test_others_fill_the_unlinked_tally_and_a_second_run_adds_nothing(self):
        self.assertGreater(self.summary.others, 0)
        tallies = SelfTestTally.objects.count()
        with override_settings(VAR_DIR=Path(self.var)):
            again = demo_self_tests()
        self.assertEqual((again.own, again.others), (0, 0))
        self.assertEqual(SelfTestTally.objects.count(), tallies)
