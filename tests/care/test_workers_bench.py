"""The coverage benchmark (bench/care_coverage.py) at a very small size, inside the test
database: it seeds, times the page, the export and the floor, and the page's queries do
not grow with the organisation."""

import math

from django.test import TestCase

from bench import care_coverage as bench


class CoverageBenchTests(TestCase):
    def test_it_times_the_page_against_the_floor_at_a_fixed_number_of_queries(self):
        small = bench.measure(bench.seed(agencies=2, units_per_agency=3), repeat=1)
        for case in ("page", "sheet"):
            self.assertTrue(math.isfinite(small[case] / small["floor"]), case)

    def test_the_queries_do_not_grow_with_the_units(self):
        seeded = bench.seed(agencies=2, units_per_agency=3)
        few = bench.measure(seeded, repeat=1)["queries"]
        from anxin.people.services import orgunit_create

        agency = seeded["authority"].children.first()
        for n in range(30):
            orgunit_create(name=f"加{n}", kind="unit", parent=agency)
        self.assertEqual(bench.measure(seeded, repeat=1)["queries"], few)
