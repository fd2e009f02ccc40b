"""The results export of a closed survey as ODS, XLSX and CSV (anxin/surveys/report.py),
through the export page and its background task: every figure is the analysis's, every
hidden one the marker, and a hidden number appears nowhere in the file."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from anxin.core.models import Job
from anxin.core.refusals import Refused
from anxin.plans.models import ProgramPlan
from anxin.surveys import analysis, exports, report
from anxin.surveys.models import SurveyExport
from anxin.surveys.tasks import JOB_KIND
from tests.base import give_role, make_user
from tests.surveys.report_base import (
    HIDDEN_COUNTS,
    HIDDEN_FIGURES,
    MARKER,
    RARE,
    TITLE,
    ReportTestCase,
    read_csv,
    read_ods,
    read_xlsx,
    same,
)

READERS = {"ods": read_ods, "xlsx": read_xlsx, "csv": read_csv}
NUMBER_ANSWERED = "回答人數"


class ResultsExportTests(ReportTestCase):
    maxDiff = None

    def setUp(self):
        self.login(self.hr)

    def start(self, survey, kind: str, fmt: str | None = None):
        data = {"kind": kind, **({"format": fmt} if fmt else {})}
        return self.client.post(reverse("surveys:export_new", args=[survey.uuid]), data)

    def export(self, survey, kind: str, fmt: str | None = None) -> bytes:
        response = self.start(survey, kind, fmt)
        job = Job.objects.filter(kind=JOB_KIND, owner=self.hr).latest("created_at")
        self.assertRedirects(response, reverse("job_status", args=[job.uuid]))
        self.assertEqual(job.status, Job.Status.SUCCEEDED, job.result)
        download = self.client.get(job.result["next_url"])
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download["Content-Type"], exports.CONTENT_TYPES[fmt or "pdf"])
        self.assertIn("attachment", download["Content-Disposition"])
        return download.content

    def analysis(self):
        with translation.override("zh-hant"):
            return analysis.survey_analysis(self.survey)

    def check_file(self, sheets: dict[str, list[list]]) -> None:
        """Every figure of the analysis is in the file as the analysis shows it."""
        result = self.analysis()
        self.assertEqual(list(sheets), ["概要", "各題結果", "依性別", "歷年比較", "開放題的主題"])
        overview = dict((row[0], row[1]) for row in sheets["概要"][1:])
        self.assertEqual(overview["調查"], TITLE)
        self.assertTrue(same(overview["調查年度（民國）"], "113"))
        self.assertTrue(same(overview["填答人數"], result.respondents))
        self.assertTrue(same(overview["顯示的最小人數（k）"], "5"))
        self.assertIn("少於 5 人", overview["隱藏數字說明"])

        # Keyed by the question number as text: a CSV cell is text.
        answers = {(str(row[0]), row[2]): row for row in sheets["各題結果"][1:]}
        by_gender = {(str(row[0]), row[2], row[3]): row for row in sheets["依性別"][1:]}
        for question in result.questions:
            number = str(question.question.number)
            key = lambda *rest, number=number: (number, *rest)  # noqa: E731
            if question.kind in ("choice", "multiple"):
                for label, cell in question.answers:
                    row = self.find(answers, key(label))
                    self.assertTrue(same(row[3], cell.count), (label, row))
                    self.assertTrue(same(row[4], cell.percent), (label, row))
                    if cell.low is not None:
                        self.assertTrue(same(row[5], cell.low) and same(row[6], cell.high))
            total = self.find(answers, key(NUMBER_ANSWERED))
            self.assertTrue(same(total[3], question.overall.n))
            if question.has_mean:
                self.assertTrue(same(total[7], question.overall.mean))
            table = question.tables["gender"]
            for row in [*table.rows, table.total]:
                group = "合計" if row is table.total else row.label
                for label, cell in zip(question.columns, row.cells, strict=True):
                    written = self.find(by_gender, key(group, label))
                    self.assertTrue(same(written[4], cell.count), written)
                    self.assertTrue(same(written[5], cell.percent), written)
                written = self.find(by_gender, key(group, NUMBER_ANSWERED))
                self.assertTrue(same(written[4], row.n), written)
                if question.has_mean:
                    for column, figure in zip(
                        (6, 7, 8), (row.mean, row.low, row.high), strict=True
                    ):
                        self.assertTrue(same(written[column], figure), written)

        # The hidden cells of the cross-tab: the men's 4 and its three complements.
        for group in ("女", "男"):
            for label in ("是", "否"):
                self.assertEqual(by_gender[("1", group, label)][4:6], [MARKER, MARKER])
        self.assertTrue(same(by_gender[("1", "合計", "是")][4], "40"))
        # The number question: both groups hidden, with their means and intervals.
        for group in ("女", "男"):
            self.assertEqual(by_gender[("3", group, NUMBER_ANSWERED)][4:9],
                             [MARKER, None, MARKER, MARKER, MARKER])  # fmt: skip
        self.assertTrue(same(by_gender[("3", "合計", NUMBER_ANSWERED)][4], "8"))
        self.assertEqual(float(by_gender[("3", "合計", NUMBER_ANSWERED)][6]), 28.88)

        themes = {row[2]: row for row in sheets["開放題的主題"][1:]}
        self.assertTrue(same(themes["紓壓"][3], "14"))
        self.assertTrue(all(themes["紓壓"][5:8]))
        self.assertEqual(themes["法律"][3:8], [MARKER, None, None, None, None])
        years = {(row[0], row[2], row[3]) for row in sheets["歷年比較"][1:]}
        self.assertIn(("1", 112, "是"), {(str(n), int(y), a) for n, y, a in years})

        self.check_nothing_hidden_leaks(sheets)

    @staticmethod
    def find(rows: dict, key: tuple) -> list:
        if key not in rows:
            raise AssertionError(f"no row {key!r}")
        return rows[key]

    def check_nothing_hidden_leaks(self, sheets: dict[str, list[list]]) -> None:
        values = [value for rows in sheets.values() for row in rows for value in row]
        numbers = set()
        for value in values:
            try:
                numbers.add(float(value))
            except (TypeError, ValueError):
                self.assertNotIn("租屋", str(value or ""))
        # 33, 35, 36 and the shares and means of the hidden groups: nowhere at all.
        for hidden in (HIDDEN_COUNTS - {4}) | HIDDEN_FIGURES:
            self.assertNotIn(float(hidden), numbers, hidden)
        # The men's 4: nowhere in the question's rows (question numbers 1–4 are shown).
        pick = [row for name, rows in sheets.items() if name != "概要" for row in rows[1:]
                if str(row[0]) == "1"]  # fmt: skip
        self.assertTrue(pick)
        self.assertNotIn(4.0, {float(v) for row in pick for v in row[3:] if self.numeric(v)})

    @staticmethod
    def numeric(value) -> bool:
        try:
            float(value)
        except (TypeError, ValueError):
            return False
        return True

    def test_it_exports_xlsx_with_the_analysis_figures_and_markers(self):
        self.check_file(read_xlsx(self.export(self.survey, "results", "xlsx")))
        export = SurveyExport.objects.get()
        self.assertEqual((export.kind, export.format), ("results", "xlsx"))
        self.assertEqual(export.filename, f"{TITLE}-113-統計結果表.xlsx")

    def test_it_exports_ods_with_the_analysis_figures_and_markers(self):
        self.check_file(read_ods(self.export(self.survey, "results", "ods")))

    def test_it_exports_csv_with_the_analysis_figures_and_markers(self):
        self.check_file(read_csv(self.export(self.survey, "results", "csv")))

    def test_a_rare_theme_keeps_its_answers_out_of_the_file(self):
        with translation.override("zh-hant"):
            data = report.results_export(self.survey, "csv")
        self.assertNotIn(RARE[:6], data.decode("utf-8-sig"))
        self.assertNotIn("租屋", data.decode("utf-8-sig"))

    def test_the_analysis_runs_once_per_export(self):
        """One read of the tallies for the whole file, not one per sheet."""
        for fmt in exports.FORMATS:
            with CaptureQueriesContext(connection) as captured:
                report.results_export(self.survey, fmt)
            tallies = [q for q in captured if "surveytally" in q["sql"].lower()]
            self.assertEqual(len(tallies), 1, fmt)

    def test_the_task_reports_its_progress_per_question(self):
        seen = []
        report.results_export(self.survey, "ods", on_start=seen.append, progress=seen.append)
        # total: the analysis, four questions, the file
        self.assertEqual(seen, [6, 1, 2, 3, 4, 5, 6])
        self.export(self.survey, "results", "ods")
        job = Job.objects.get(kind=JOB_KIND)
        self.assertEqual((job.total, job.done, job.percent), (6, 6, 100))

    def test_it_refuses_a_survey_that_is_still_open(self):
        with self.assertRaises(Refused) as refused:
            report.results_export(self.open_survey, "csv")
        self.assertEqual(refused.exception.code, "open")
        page = self.client.get(reverse("surveys:export_new", args=[self.open_survey.uuid]))
        self.assertContains(page, 'id="results-after-closing"')
        for kind in ("results", "report"):
            response = self.start(self.open_survey, kind, "csv")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "截止後")
        self.assertFalse(Job.objects.filter(kind=JOB_KIND).exists())
        # The raw data of the same survey can still be exported (a batch of 10, k = 5).
        self.assertEqual(self.start(self.open_survey, "raw", "csv").status_code, 302)

    def test_it_refuses_a_survey_with_fewer_than_k_answers(self):
        ProgramPlan.objects.create(
            slug="k200", name="計畫", authority=self.authority, k_threshold=200
        )
        with self.assertRaises(Refused) as refused:
            report.results_export(self.survey, "xlsx")
        self.assertEqual(refused.exception.code, "too_few")
        for kind in ("results", "report"):
            response = self.start(self.survey, kind, "xlsx")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "至少需要 200 份")
        self.assertFalse(Job.objects.exists())

    def test_only_the_person_who_started_it_downloads_the_file(self):
        self.export(self.survey, "results", "csv")
        url = reverse("surveys:export_download", args=[Job.objects.get(kind=JOB_KIND).uuid])
        colleague = make_user("hr2")
        give_role(colleague, "hr", self.agency)
        for person in (colleague, self.eap_admin):
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_a_results_export_needs_a_format_a_report_does_not(self):
        response = self.start(self.survey, "results")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors["format"], ["請選擇檔案格式。"])
        response = self.start(self.survey, "summary", "csv")
        self.assertTrue(response.context["form"].errors["kind"])
        self.assertFalse(Job.objects.exists())

    def test_the_pages_offer_the_results_and_list_them(self):
        analysis_page = self.client.get(reverse("surveys:survey_analysis", args=[self.survey.uuid]))
        self.assertContains(analysis_page, "?kind=results")
        url = reverse("surveys:export_new", args=[self.survey.uuid])
        page = self.client.get(url + "?kind=report")
        self.assertEqual(page.context["form"]["kind"].value(), "report")
        self.export(self.survey, "results", "xlsx")
        page = self.client.get(url)
        self.assertContains(page, "統計結果表")
        self.assertEqual([e.kind for e in page.context["recent"]], ["results"])
