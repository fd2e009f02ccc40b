"""The care network on the dashboard: care workers in term and outreach messages sent,
by unit, counted by hand and through the k rule."""

from datetime import date

from django.db import connection
from django.utils import timezone, translation

from anxin.care.outreach.models import OutreachSend
from anxin.care.workers.models import CareWorker
from anxin.reports.dashboard import dashboard
from tests.reports.base import YEAR, ReportsTestCase, moment
from tests.reports.test_dashboard_figures import counts

SOCIAL, EDUCATION = "範例市政府社會局", "範例市政府教育局"


def care_worker(employee, begun: date, *, status=CareWorker.Status.ACTIVE, ended=None):
    return CareWorker.objects.create(
        employee=employee, route=CareWorker.Route.AGENCY, status=status,
        nominated_at=timezone.now(), term_start=begun,
        term_end=date(begun.year + 2, begun.month, 1), ended_at=ended,
    )  # fmt: skip


class CareSourcesTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        p1, p2, p3, p4, p5, _p6 = cls.colleagues
        care_worker(p1, date(YEAR, 2, 1))
        care_worker(p2, date(YEAR, 5, 1))
        care_worker(p3, date(YEAR - 1, 3, 1))  # carried over from last year
        care_worker(p4, date(YEAR - 2, 1, 1), status=CareWorker.Status.ENDED,
                    ended=moment(1, 5).replace(year=YEAR - 1))  # fmt: skip
        care_worker(p5, date(YEAR, 4, 1), status=CareWorker.Status.NOMINATED)
        care_worker(cls.outsider_employee, date(YEAR, 3, 1))
        sends = [
            (OutreachSend.Way.INVITATION, date(YEAR, 3, 3)),
            (OutreachSend.Way.INVITATION, date(YEAR, 3, 4)),
            (OutreachSend.Way.INVITATION, date(YEAR, 7, 1)),
            (OutreachSend.Way.SUPERVISOR_PROMPT, date(YEAR, 7, 1)),
            (OutreachSend.Way.NOT_SENT, date(YEAR, 7, 1)),  # held back: never read
            (OutreachSend.Way.INVITATION, date(YEAR - 1, 12, 30)),  # last year
        ]
        for way, on in sends:
            OutreachSend.objects.create(unit=cls.unit, reason="overtime", way=way, sent_on=on)
        OutreachSend.objects.create(
            unit=cls.other_agency, reason="life_event", way="invitation", sent_on=date(YEAR, 5, 5)
        )

    def board(self, k=1, period="quarter"):
        with translation.override("en"):
            return dashboard(node=self.authority, year=YEAR, period=period, k=k, sections=["care"])

    def test_it_counts_care_workers_in_term_by_unit(self):
        table = self.board().indicator("care_workers").table("unit")
        figures = counts(table)
        # 社會局: p1 and p2 began this year, p3 carried over; p4 ended last year and p5 is
        # only nominated. 教育局: one begun this year.
        self.assertEqual(figures[SOCIAL], [2, 1, 3])
        self.assertEqual(figures[EDUCATION], [1, 0, 1])
        self.assertEqual(figures["Total"], [3, 1, 4])

    def test_it_counts_outreach_messages_sent_by_unit_and_way(self):
        item = self.board().indicator("outreach_sends")
        self.assertEqual(counts(item.table("unit"))[SOCIAL], [2, 0, 2, 0, 4])
        self.assertEqual(counts(item.table("unit"))[EDUCATION], [0, 1, 0, 0, 1])
        ways = counts(item.table("way"))
        self.assertEqual(ways["Invitations to the employee"][-1], 4)
        self.assertEqual(ways["Care prompts to supervisors"][-1], 1)
        self.assertNotIn("Not sent (turned off, or no account)", ways)

    def test_it_hides_a_unit_of_one_under_the_k_rule(self):
        figures = counts(self.board(k=2).indicator("care_workers").table("unit"))
        self.assertIsNone(figures[EDUCATION][-1])  # one care worker: hidden
        self.assertIsNone(figures[SOCIAL][-1])  # its complement, else 4 - 3 gives it away
        sends = counts(self.board(k=2).indicator("outreach_sends").table("unit"))
        self.assertIsNone(sends[EDUCATION][-1])

    def test_it_reads_each_source_in_a_fixed_number_of_queries(self):
        # The units; for each source one query on PostgreSQL (GROUPING SETS), else the
        # totals with the fixed choices by term (or by quarter), and the units likewise (an
        # outreach message is a person of its own: its totals are the sums of the columns).
        with self.assertNumQueries(3 if connection.vendor == "postgresql" else 7):
            self.board()
