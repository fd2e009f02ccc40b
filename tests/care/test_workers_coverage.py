"""The coverage map: every department with its active care workers, the departments below
the plan's minimum, the terms ending within 60 days; the page and its ODS export run a
fixed number of queries whatever the size of the organisation."""

import io
import zipfile
from datetime import timedelta

from django.utils import timezone

from anxin.care.workers import coverage as cov
from anxin.care.workers.models import CareWorker
from anxin.people.services import orgunit_create
from tests.base import make_employee
from tests.care.workers_base import WorkersTestCase, active_care_worker

URL = "/care/workers/coverage/"
ODS = "/care/workers/coverage.ods"


class CoverageTestCase(WorkersTestCase):
    def coverage(self, organisation=None):
        return cov.coverage_of(
            organisation or self.agency,
            minimum=1,
            minimum_is_set=True,
            on=timezone.localdate(),
        )

    def test_it_lists_each_department_and_the_gaps(self):
        active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        coverage = self.coverage()
        by_unit = {d.unit: d for d in coverage.departments}
        self.assertEqual(set(by_unit), {self.unit, self.unit2})
        self.assertEqual(
            [cw.employee for cw in by_unit[self.unit2].care_workers], [self.bob_employee]
        )
        self.assertEqual([d.unit for d in coverage.gaps], [self.unit])

    def test_a_care_worker_of_a_unit_covers_the_units_below(self):
        active_care_worker(self.bob_employee, [self.agency], actor=self.hr)
        self.assertEqual(self.coverage().gaps, [])

    def test_it_leaves_out_nominations_and_ended_terms(self):
        from anxin.care.workers import services

        services.careworker_nominate(
            actor=self.hr, employee=self.bob_employee, units=[self.unit2], specialties=[]
        )
        self.assertEqual(len(self.coverage().gaps), 2)
        CareWorker.objects.update(status=CareWorker.Status.ENDED)
        self.assertEqual(self.coverage().active_count, 0)

    def test_it_names_the_terms_ending_within_60_days(self):
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.assertEqual(self.coverage().ending, [])
        CareWorker.objects.filter(pk=care_worker.pk).update(
            term_end=timezone.localdate() + timedelta(days=60)
        )
        self.assertEqual([cw.pk for cw in self.coverage().ending], [care_worker.pk])

    def test_the_authority_sees_every_agency_and_hr_only_its_own(self):
        self.login(self.eap_admin)
        response = self.client.get(URL)
        self.assertContains(response, "範例市政府教育局")
        self.login(self.hr)
        response = self.client.get(URL)
        self.assertNotContains(response, "範例市政府教育局")
        self.assertContains(response, "第二科")

    def test_the_page_shows_the_plans_minimum(self):
        self.login(self.hr)
        response = self.client.get(URL)
        self.assertEqual(response.context["coverage"].minimum, 1)
        self.assertTrue(response.context["coverage"].minimum_is_set)

    def test_it_exports_the_map_as_ods(self):
        active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.login(self.hr)
        response = self.client.get("/care/workers/coverage.ods")
        self.assertEqual(response["Content-Type"], "application/vnd.oasis.opendocument.spreadsheet")
        content = zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()
        self.assertIn("林志明", content)
        self.assertIn("第一科", content)

    def test_it_refuses_the_employee_and_the_wrong_method(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.login(self.hr)
        self.assertEqual(self.client.post(URL).status_code, 405)


class CoverageQueriesTestCase(WorkersTestCase):
    def grow(self, units: int) -> None:
        for n in range(units):
            unit = orgunit_create(name=f"科{n:02d}", kind="unit", parent=self.agency)
            employee = make_employee(None, unit=unit, number=f"Q{units}-{n:03d}", name=f"員{n}")
            if n % 2:
                active_care_worker(employee, [unit], actor=self.hr)

    def count(self, url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.hr)
        self.client.get(url)  # the first request of a session saves it
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_it_runs_a_fixed_number_of_queries_at_any_size(self):
        """2 departments, then 40 with 19 care workers: the same queries."""
        page, sheet = self.count(URL), self.count(ODS)
        self.grow(38)
        with self.assertNumQueries(page):
            self.assertEqual(self.client.get(URL).status_code, 200)
        with self.assertNumQueries(sheet):
            self.assertEqual(self.client.get(ODS).status_code, 200)
