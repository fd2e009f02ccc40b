"""The directory's demo data: the seeds' resources in the demo authority's directory, the
care places on the map, added once."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.people import demo
from anxin.resources.directory import search
from anxin.resources.directory.demo import demo_directory, directory_step
from anxin.resources.directory.models import Service


@override_settings(ANXIN_DEMO=True)
class DirectoryDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=20)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            cls.counts = demo_directory()

    def test_it_adds_the_seeds_resources_in_the_four_harassment_categories(self):
        self.assertEqual(self.counts, (9, 3))
        categories = set(Service.objects.values_list("category", flat=True))
        self.assertLessEqual({"諮詢及協談", "心理相關", "法律諮詢", "社會福利"}, categories)
        legal = Service.objects.get(name="法律扶助諮詢")
        self.assertEqual([h.weekday for h in legal.hours.all()], [0, 2, 4])

    def test_the_demo_entries_are_searchable(self):
        found = search.search(Service.objects.all(), "稅").values_list("name", flat=True)
        self.assertEqual(list(found), ["全功能服務櫃台"])

    def test_it_adds_nothing_the_second_time_and_prints_one_line(self):
        self.assertEqual(demo_directory(), (9, 3))
        self.assertEqual(Service.objects.count(), 9)
        line = directory_step(None)
        self.assertNotIn("\n", line)
        self.assertIn("9", line)
