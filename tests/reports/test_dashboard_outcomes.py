"""The outcome measures on the dashboard and in the dossier: the WHO-5 pairs of the seven
cases of tests/reports/base.py, counted by hand, through the k rule.

| case | start | close | change | direction |
| 王小美 | 40 | 60 | +20 | improved |
| p1 | 40 | 60 | +20 | improved |
| p2 | 40 | 52 | +12 | improved |
| p3 | 40 | 80 | +40 | improved |
| p4 | 40 | 44 | +4 | unchanged |
| p5 | 40 | 36 | -4 | unchanged |
| p6 | 40 | 28 | -12 | worse |

Improved 4 (mean +23.0), unchanged 2 (mean 0.0), worse 1 (mean -12.0); 7 pairs, mean
change 80 / 7 = +11.4.
"""

import io

from django.utils import translation
from odf import opendocument, teletype
from odf.table import Table

from anxin.assessments.services import instruments_load
from anxin.counseling import services
from anxin.counseling.models import Case
from anxin.counseling.outcomes.models import OutcomeMeasure
from anxin.counseling.outcomes.services import outcome_answer
from anxin.reports.dashboard import dashboard
from tests.pdf_tools import pdf_text
from tests.reports.base import YEAR, ReportsTestCase, moment

ITEMS = ("cheerful", "calm", "active", "rested", "interest")
START = (2, 2, 2, 2, 2)  # 40
CLOSES = [
    (3, 3, 3, 3, 3),  # 60
    (3, 3, 3, 3, 3),  # 60
    (3, 3, 3, 2, 2),  # 52
    (4, 4, 4, 4, 4),  # 80
    (3, 2, 2, 2, 2),  # 44
    (2, 2, 2, 2, 1),  # 36
    (2, 2, 1, 1, 1),  # 28
]


def figures(table):
    return {
        row.label: ([e.count for e in (*row.cells, row.total)], [str(v) for v in row.values])
        for row in table.rows
    }


class OutcomeDashboardTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        instruments_load()
        super().setUpTestData()
        cases = sorted(Case.objects.all(), key=lambda case: case.opened_at)
        assert len(cases) == 7
        for case, close in zip(cases, CLOSES, strict=True):
            item = OutcomeMeasure.objects.get(case=case)
            actor = case.employee.user or "test: an employee without an account"
            outcome_answer(
                item=item, answers=dict(zip(ITEMS, START, strict=True)), consent=True, actor=actor
            )
            case.refresh_from_db()
            services.case_close(
                case=case, outcome="resolved", closed_on=moment(11).date(),
                expected_version=case.version,
            )  # fmt: skip
            item.refresh_from_db()
            outcome_answer(
                item=item, answers=dict(zip(ITEMS, close, strict=True)), consent=False, actor=actor
            )

    def board(self, k):
        with translation.override("en"):
            return dashboard(
                node=self.authority, year=YEAR, period="quarter", k=k, sections=["outcomes"]
            )

    def test_it_counts_the_pairs_by_direction_with_their_mean_change(self):
        item = self.board(k=1).indicator("outcome_change")
        table = item.table("instrument")
        self.assertEqual(table.columns, ["Improved", "No meaningful change", "Worse"])
        counts, values = figures(table)["WHO-5 Well-Being Index"]
        self.assertEqual(counts, [4, 2, 1, 7])
        self.assertEqual(values, ["+23.0", "+0.0", "-12.0"])
        self.assertEqual(str(table.total_value), "+11.4")

    def test_it_hides_cells_of_fewer_than_k_pairs_with_their_complements(self):
        table = self.board(k=5).indicator("outcome_change").table("instrument")
        counts, values = figures(table)["WHO-5 Well-Being Index"]
        self.assertEqual(counts, [None, None, None, 7])
        self.assertEqual(values, ["*", "*", "*"])
        self.assertEqual(str(table.total_value), "+11.4")

    def test_it_hides_everything_below_k_in_total(self):
        table = self.board(k=8).indicator("outcome_change").table("unit")
        self.assertIsNone(table.total.count)
        self.assertEqual(str(table.total_value), "*")

    def test_it_counts_nothing_for_another_subtree(self):
        with translation.override("en"):
            board = dashboard(
                node=self.other_agency, year=YEAR, period="year", k=1, sections=["outcomes"]
            )
        self.assertEqual(board.indicator("outcome_change").table("unit").total.count, 0)


class OutcomeDossierTestCase(OutcomeDashboardTestCase):
    def setUp(self):
        self.set_k(2)

    def download(self, fmt: str) -> bytes:
        self.login(self.reviewer)
        response = self.client.get(f"/reports/dossier/{YEAR}.{fmt}")
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_the_page_shows_it(self):
        self.login(self.reviewer)
        response = self.client.get("/reports/dossier/", {"year": YEAR})
        self.assertContains(response, "諮商前後幸福感變化")
        self.assertContains(response, "+11.4")

    def test_the_pdf_shows_it(self):
        text = pdf_text(self.download("pdf"))
        self.assertIn("諮商前後幸福感變化", text)
        self.assertIn("+11.4", text)
        self.assertIn("+23.0", text)

    def test_the_ods_shows_it(self):
        document = opendocument.load(io.BytesIO(self.download("ods")))
        texts = [teletype.extractText(s) for s in document.spreadsheet.getElementsByType(Table)]
        sheet = next(text for text in texts if "諮商前後幸福感變化" in text)
        self.assertIn("+11.4", sheet)
        self.assertIn("+23.0", sheet)
        # k = 2: the one worse pair is hidden, and the unchanged pairs as its complement.
        self.assertNotIn("-12.0", sheet)

    def test_the_odt_shows_it(self):
        document = opendocument.load(io.BytesIO(self.download("odt")))
        text = teletype.extractText(document.text)
        self.assertIn("諮商前後幸福感變化", text)
        self.assertIn("+11.4", text)
        self.assertIn("+23.0", text)
