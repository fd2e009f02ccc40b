"""hr's mentoring pages (bench/mentoring_pages.py) run the same number of queries with
10 and with 400 units, each unit with a trained mentor, a waiting new hire and a pair."""

from django.test import TestCase

from bench import mentoring_pages as bench


class MentoringBenchTests(TestCase):
    def test_hrs_pages_run_a_fixed_number_of_queries_at_10_and_400_units(self):
        small = bench.measure(bench.seed(units=10, tag="S"), repeat=0)
        large = bench.measure(bench.seed(units=400, tag="L"), repeat=0)
        for url in bench.PAGES:
            self.assertEqual(small[url][0], large[url][0], url)
        # The large agency's page does list its people (the count is not of empty work).
        client = bench.signed_in(bench.User.objects.get(username="bench-hr-L"))
        self.assertContains(client.get("/care/mentoring/pairs/"), "員工N399")
