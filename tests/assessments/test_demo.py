"""The self-test demo data: a private history for the demo employee, added once, and
results from others that the statistics can show; in each preset authority with staff
(the counselling demo's agency), two thirds of them taking each self-test this year."""

import tempfile
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from anxin.assessments import services
from anxin.assessments.demo import HISTORY, PRESET_SHARE, demo_self_tests
from anxin.assessments.models import Instrument, SelfTestResult, SelfTestTally
from anxin.people import demo
from anxin.people.models import Employee
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan

PRESET_STAFF = 24


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
            # A preset authority's demo agency, as the counselling demo makes it.
            cls.preset = ProgramPlan.objects.get(slug="chiayi-105").authority
            agency = orgunit_create(name="員工協助示範機關", kind="agency", parent=cls.preset)
            unit = orgunit_create(name="第一科", kind="unit", parent=agency)
            for n in range(PRESET_STAFF):
                Employee.objects.create(
                    authority=cls.preset, unit=unit, number=f"CHI{n:04d}", name=f"員工{n}",
                    birth_date=date(1980, 1, 1), hire_date=date(2010, 1, 1),
                )  # fmt: skip
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
        self.assertEqual((again.own, again.others, again.presets), (0, 0, 0))
        self.assertEqual(SelfTestTally.objects.count(), tallies)

    def test_two_thirds_of_a_preset_authoritys_staff_take_each_test_this_year(self):
        results = SelfTestResult.objects.filter(employee__authority=self.preset)
        takers = round(PRESET_STAFF * PRESET_SHARE)
        self.assertEqual(self.summary.presets, takers * len(HISTORY))
        self.assertEqual(results.values("employee").distinct().count(), takers)
        year = timezone.localdate().year
        self.assertFalse(results.exclude(taken_at__year=year))
        first = SelfTestTally.objects.filter(agency__path__startswith=self.preset.path)
        self.assertTrue(first.filter(month__year=year, first_of_year=True).exists())
