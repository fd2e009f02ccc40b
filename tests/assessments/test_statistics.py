"""The aggregate for hr and eap_admin: participation and band distribution by agency,
gender and age band, with the plan's k rule, from the unlinked tally only."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from anxin.assessments.models import SelfTestTally
from anxin.assessments.services import age_band, aggregate, self_test_submit
from anxin.core.models import AccessLog
from anxin.people.models import Employee
from anxin.plans.loader import load_preset
from anxin.plans.services import k_for
from tests.assessments.base import SelfTestCase, bsrs5
from tests.base import make_employee

STATISTICS = reverse("assessments:statistics")


class StatisticsTestCase(SelfTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # 社會局: 6 people with a mild result, 2 with a severe one; 教育局: 6 mild.
        people = []
        for index in range(8):
            people.append(
                make_employee(None, unit=cls.unit, number=f"S{index:03}", name=f"甲{index}")
            )
        for index in range(6):
            people.append(
                make_employee(
                    None, unit=cls.other_agency, number=f"T{index:03}", name=f"乙{index}",
                    gender=Employee.Gender.MALE,
                )
            )  # fmt: skip
        for index, employee in enumerate(people):
            totals = (4, 4, 4, 4, 4) if index in (6, 7) else (1, 1, 1, 2, 2)
            self_test_submit(
                employee=employee, instrument=cls.bsrs5, answers=bsrs5(totals), actor="test"
            )
        # A second result of the same person in the same year is not counted again.
        self_test_submit(
            employee=people[0], instrument=cls.bsrs5, answers=bsrs5((4, 4, 4, 4, 4)), actor="test"
        )
        cls.year = timezone.localdate().year

    def bsrs5_table(self, scope, dimension: int = 0, k: int = 5):
        blocks = aggregate(scope=scope, year=self.year, quarter=None, k=k)
        block = next(b for b in blocks if b.instrument.key == "bsrs5")
        return block, block.scores[0].tables[dimension].table

    def test_it_counts_each_person_once_by_agency_and_band(self):
        """With k = 2 nothing is hidden: 社會局 6 mild (the person who took it twice
        counts once, with the first result) and 2 severe; 教育局 6 mild."""
        block, table = self.bsrs5_table(self.authority, k=2)
        self.assertEqual(block.participation.count, 14)
        self.assertEqual(table.cell(self.other_agency.pk, "mild").count, 6)
        self.assertEqual(table.cell(self.agency.pk, "mild").count, 6)
        self.assertEqual(table.cell(self.agency.pk, "severe").count, 2)
        _block, by_gender = self.bsrs5_table(self.authority, dimension=1, k=2)
        self.assertEqual(by_gender.cell("M", "mild").count, 6)

    def test_it_hides_a_cell_under_k_and_its_complement(self):
        """社會局 has 2 severe (under 5): hidden, and so is its row's mild count (6), the
        complement, so that the row total cannot give the 2 back; the grand total (14)
        stays shown."""
        _block, table = self.bsrs5_table(self.authority)
        self.assertTrue(table.cell(self.agency.pk, "severe").suppressed)
        self.assertTrue(table.cell(self.agency.pk, "mild").suppressed)
        self.assertEqual(table.cell(self.agency.pk, "well").count, 0)
        self.assertEqual(table.total.count, 14)

    def test_the_page_shows_the_marker_and_never_the_hidden_number(self):
        self.login(self.eap_admin)
        reads_before = AccessLog.objects.count()
        response = self.client.get(STATISTICS, {"year": self.year, "quarter": 0})
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("kanon-hidden", html)
        self.assertIn("範例市政府教育局", html)
        self.assertNotIn("甲0", html)
        self.assertEqual(AccessLog.objects.count(), reads_before, "the page opened a sealed value")

    def test_hr_sees_only_agencies_in_scope(self):
        self.login(self.hr)
        response = self.client.get(STATISTICS)
        self.assertContains(response, "範例市政府社會局")
        self.assertNotContains(response, "範例市政府教育局")

    def test_it_uses_the_plans_k(self):
        load_preset("taipei-114")
        self.assertEqual(k_for(self.agency), 5)
        from anxin.plans.models import ProgramPlan

        ProgramPlan.objects.update(k_threshold=7)
        self.assertEqual(k_for(self.agency), 7)
        bsrs = next(b for b in aggregate(scope=self.authority, year=self.year, quarter=None, k=7)
                    if b.instrument.key == "bsrs5")  # fmt: skip
        table = bsrs.scores[0].tables[0].table
        self.assertTrue(table.cell(self.other_agency.pk, "mild").suppressed)

    def test_the_tally_stores_month_agency_gender_and_age_band_only(self):
        row = SelfTestTally.objects.filter(agency=self.other_agency).first()
        self.assertEqual(row.gender, "M")
        self.assertEqual(row.month, timezone.localdate().replace(day=1))
        self.assertEqual(row.age_band, age_band(date(1985, 4, 1), timezone.localdate()))

    def test_age_bands_fall_on_birthdays(self):
        self.assertEqual(age_band(date(1996, 5, 2), date(2026, 5, 1)), "u30")
        self.assertEqual(age_band(date(1996, 5, 1), date(2026, 5, 1)), "30s")
        self.assertEqual(age_band(date(1966, 1, 1), date(2026, 1, 1)), "60p")

    def test_an_invalid_period_falls_back_to_this_year(self):
        self.login(self.eap_admin)
        response = self.client.get(STATISTICS, {"year": "abc", "quarter": "9"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "kanon-hidden")
