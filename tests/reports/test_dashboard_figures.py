"""The dashboard's figures equal the ones counted by hand on tests/reports/base.py."""

import re

from django.utils import translation

from anxin.core import kanon
from anxin.reports.charts import trend_chart
from anxin.reports.dashboard import dashboard
from tests.reports.base import YEAR, ReportsTestCase


def counts(table):
    """{row label: [cells..., total]} and the footer, as numbers (None when hidden)."""
    rows = {row.label: [e.count for e in (*row.cells, row.total)] for row in table.rows}
    rows["Total"] = [e.count for e in (*table.footer, table.total)]
    return rows


class DashboardFiguresTestCase(ReportsTestCase):
    def board(self, period="month", node=None, k=1, **kwargs):
        with translation.override("en"):
            return dashboard(node=node or self.authority, year=YEAR, period=period, k=k, **kwargs)

    def test_it_counts_requests_by_month_and_gender(self):
        board = self.board(sections=["counselling"])
        table = board.indicator("requests").table("gender")
        figures = counts(table)
        # Alice (F) in March; three women and three men in June.
        self.assertEqual(figures["Female"][2], 1)
        self.assertEqual(figures["Female"][5], 3)
        self.assertEqual(figures["Male"][5], 3)
        self.assertEqual(figures["Female"][-1], 4)
        self.assertEqual(figures["Total"][-1], 7)

    def test_it_counts_requests_by_agency(self):
        table = self.board(sections=["counselling"]).indicator("requests").table("unit")
        figures = counts(table)
        self.assertEqual(figures["範例市政府社會局"][-1], 7)
        self.assertEqual(figures["範例市政府教育局"][-1], 0)

    def test_it_sums_sessions_and_hours_by_channel(self):
        item = self.board(period="quarter", sections=["counselling"]).indicator("sessions")
        table = item.table("channel")
        rows = {row.label: row for row in table.rows}
        # Face to face: Alice's March session (50 min); telephone: her April one (60 min)
        # and six of 50 minutes in June.
        self.assertEqual(rows["Face to face"].cells[0].count, 1)
        self.assertEqual(str(rows["Face to face"].values[0]), "0.8")
        self.assertEqual(rows["Telephone"].cells[1].count, 7)
        self.assertEqual(str(rows["Telephone"].values[1]), "6.0")
        self.assertEqual(str(table.total_value), "6.8")

    def test_it_gives_the_mean_wait_to_the_first_session(self):
        item = self.board(period="year", sections=["counselling"]).indicator("waiting")
        total = item.table("unit").total_value
        # Alice: March 1 to March 20 = 19 days; the others June 1 to June 25 = 24 days.
        self.assertEqual(str(total), f"{(19 + 6 * 24) / 7:.1f}")

    def test_it_counts_a_subtree_only(self):
        board = self.board(node=self.other_agency, sections=["counselling"])
        self.assertEqual(board.indicator("requests").table("gender").total.count, 0)

    def test_it_draws_a_chart_from_the_shown_totals(self):
        item = self.board(sections=["counselling"]).indicator("requests")
        self.assertIn("<svg", item.chart)
        self.assertIn("<title", item.chart)
        self.assertIn(">6<", item.chart)  # June's column is labelled with its total

    def test_a_key_outside_the_choices_keeps_its_records(self):
        # A gender the choices do not know (an old roster's blank) is counted in a row of
        # its own, not lost: the database's conditional counts would miss it.
        type(self.colleagues[0]).objects.filter(pk=self.colleagues[0].pk).update(gender="")
        board = self.board(sections=["counselling"])
        figures = counts(board.indicator("requests").table("gender"))
        self.assertEqual(figures[""][5], 1)
        self.assertEqual(figures["Female"][5], 2)
        self.assertEqual(figures["Total"][-1], 7)
        sessions = counts(board.indicator("sessions").table("gender"))
        self.assertEqual(sessions[""][-1], 1)
        self.assertEqual(sessions["Total"][-1], 8)

    def test_the_charts_axis_has_distinct_whole_ticks_and_fits_its_column(self):
        # Seen on the demo's dashboard: a top of 1 gave the ticks 0 0 0 1 1, and a chart of
        # a fixed 640 px was cut off in its column at 1280 px.
        for top, ticks in ((1, ["0", "1", "2", "3", "4"]), (6, ["0", "2", "4", "6", "8"])):
            points = [("1月", kanon.Entry(top, 1)), ("2月", kanon.Entry(0, 1))]
            svg = trend_chart("c", "t", points)
            found = re.findall(r'text-anchor="end"[^>]*>([^<]*)<', svg)
            self.assertEqual(found, ticks)
            self.assertIn('width="100%"', svg)
