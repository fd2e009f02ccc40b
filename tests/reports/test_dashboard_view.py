"""The dashboard page and its spreadsheet: its readers, the outsiders refused, the scope
of an HR officer, a fixed number of queries."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from odf import opendocument, teletype
from odf.table import Table

from tests.base import make_employee
from tests.reports.base import YEAR, ReportsTestCase


class DashboardViewTestCase(ReportsTestCase):
    url = "/reports/"

    def test_it_shows_the_figures_to_each_reader(self):
        self.set_k(2)
        for reader in (self.eap_admin, self.committee, self.reviewer, self.hr):
            self.login(reader)
            response = self.client.get(self.url)
            self.assertEqual(response.status_code, 200, reader.username)
            self.assertContains(response, "<svg")
            self.assertContains(response, "諮商申請件數")

    def test_it_refuses_the_other_roles(self):
        for user in (self.alice, self.counselor, self.intake, self.auditor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403, user.username)

    def test_it_refuses_post(self):
        self.login(self.reviewer)
        self.assertEqual(self.client.post(self.url).status_code, 405)

    def test_it_keeps_hr_to_the_agency(self):
        self.login(self.hr)
        response = self.client.get(self.url)
        self.assertEqual(response.context["board"].node, self.agency)
        outside = self.client.get(self.url, {**self.query(), "unit": self.other_agency.pk})
        self.assertEqual(outside.status_code, 404)

    def test_it_hides_small_groups_on_the_page(self):
        self.set_k(5)
        self.login(self.eap_admin)
        response = self.client.get(self.url, {**self.query(), "by": "gender"})
        # Alice's March request is one person: hidden.
        self.assertContains(response, "kanon-hidden")

    def query(self) -> dict:
        return {"section": "counselling", "year": YEAR, "period": "month", "by": "unit"}

    def test_it_runs_a_fixed_number_of_queries(self):
        self.login(self.eap_admin)
        self.client.get(self.url, self.query())  # warm the caches (plans, menus)
        with CaptureQueriesContext(connection) as small:
            self.client.get(self.url, self.query())
        for n in range(10):
            employee = make_employee(None, unit=self.unit, number=f"Q{n}", name=f"新同仁{n}")
            case = self.counselled(employee, 9, "video")
            self.session(case, case.opened_at, 50, "video")
        with CaptureQueriesContext(connection) as large:
            self.client.get(self.url, self.query())
        self.assertEqual(len(small), len(large))
        # The page's own (session, user, roles, plan, menus) and the counselling section's:
        # one per source on PostgreSQL (GROUPING SETS), else one per column and per other
        # table (decisions 0073, 0076).
        self.assertEqual(len(large), 17 if connection.vendor == "postgresql" else 38)

    def test_it_exports_every_table_as_ods(self):
        self.set_k(2)
        self.login(self.reviewer)
        response = self.client.get("/reports/export.ods", self.query())
        self.assertEqual(response.status_code, 200)
        document = opendocument.load(io.BytesIO(response.content))
        sheets = document.spreadsheet.getElementsByType(Table)
        self.assertGreater(len(sheets), 10)
        text = teletype.extractText(sheets[0])
        self.assertIn("諮商申請件數", text)

    def test_a_partial_address_keeps_what_it_asks_and_says_what_it_refuses(self):
        """`/reports/?section=events` (a link, a bookmark) shows the events with the other
        choices at their defaults; a value the form refuses is shown with its message
        instead of silently showing something else."""
        self.login(self.reviewer)
        response = self.client.get(self.url, {"section": "events"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["section"].section.key, "events")
        self.assertEqual(response.context["data"]["period"], "month")
        response = self.client.get(self.url, {"section": "events", "period": "fortnight"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["section"].section.key, "events")
        self.assertIn("period", response.context["form"].errors)
