"""The PDF report of a closed survey (anxin/surveys/report.py), rendered by WeasyPrint
through the export page's background task and read back with poppler's pdftotext."""

import re
import subprocess
import tempfile

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from anxin.core.models import Job
from anxin.core.refusals import Refused
from anxin.surveys import report
from anxin.surveys.models import SurveyExport
from anxin.surveys.tasks import JOB_KIND
from tests.surveys.report_base import HIDDEN_COUNTS, HIDDEN_FIGURES, TITLE, ReportTestCase


def pdf_text(data: bytes) -> str:
    """The PDF as text, by poppler's pdftotext (the Debian package poppler-utils)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True
        )
    return done.stdout.decode("utf-8")


def has_number(text: str, number: str) -> bool:
    """`number` as a figure of its own, not as part of a longer one."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.]|\d)", text) is not None


class ReportPdfTests(ReportTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with translation.override("zh-hant"):
            cls.text = pdf_text(report.report_pdf(cls.survey))

    def test_it_holds_the_title_dates_figures_and_themes(self):
        self.assertIn(f"調查報告：{TITLE}", self.text)
        self.assertIn("民國113年3月1日", self.text)
        self.assertIn("民國113年3月31日", self.text)
        # Respondents, the overall share of 是 (40 of 108) and its interval, a mean.
        self.assertTrue(has_number(self.text, "108"))
        self.assertIn("37.0%", self.text)
        self.assertIn("28.5–46.4%", self.text)
        self.assertIn("28.88", self.text)
        self.assertIn("少於 5 人", self.text)
        # Both rounds of the trend, by ROC year.
        self.assertIn("民國112年", self.text)
        # Themes: the frequent one with an example, the rare one without its answers.
        self.assertIn("紓壓", self.text)
        self.assertIn("建議增加減壓講座。", self.text)
        self.assertIn("法律", self.text)
        self.assertNotIn("租屋", self.text)

    def test_no_hidden_number_appears(self):
        """The complements of the men's 4 (33, 35, 36), the shares of the hidden cells and
        the means of the hidden groups appear nowhere; the cells read "*"."""
        for hidden in sorted(HIDDEN_COUNTS - {4}):
            self.assertFalse(has_number(self.text, str(hidden)), hidden)
        for hidden in sorted(HIDDEN_FIGURES):
            for shown in (f"{hidden:.1f}", f"{hidden:.2f}"):
                self.assertFalse(has_number(self.text, shown), shown)
        self.assertIn("* (*)", self.text)

    def test_the_analysis_runs_once_and_progress_goes_per_question(self):
        seen = []
        with CaptureQueriesContext(connection) as captured:
            data = report.report_pdf(self.survey, on_start=seen.append, progress=seen.append)
        self.assertTrue(data.startswith(b"%PDF"))
        self.assertEqual(len([q for q in captured if "surveytally" in q["sql"].lower()]), 1)
        self.assertEqual(seen, [6, 1, 2, 3, 4, 5, 6])

    def test_it_runs_as_a_task_for_its_starter_only(self):
        self.login(self.hr)
        url = reverse("surveys:export_new", args=[self.survey.uuid])
        response = self.client.post(url, {"kind": "report"})
        job = Job.objects.get(kind=JOB_KIND)
        self.assertRedirects(response, reverse("job_status", args=[job.uuid]))
        self.assertEqual((job.status, job.total, job.done), (Job.Status.SUCCEEDED, 6, 6))
        download = self.client.get(job.result["next_url"])
        self.assertEqual(download["Content-Type"], "application/pdf")
        self.assertIn(f"調查報告：{TITLE}", pdf_text(download.content))
        export = SurveyExport.objects.get()
        self.assertEqual(
            (export.kind, export.format, export.include_text), ("report", "pdf", False)
        )
        self.assertEqual(export.filename, f"{TITLE}-113-分析報告.pdf")
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(job.result["next_url"]).status_code, 404)

    def test_it_refuses_an_open_survey(self):
        with self.assertRaises(Refused) as refused:
            report.report_pdf(self.open_survey)
        self.assertEqual(refused.exception.code, "open")
