"""The evaluation dossier: its page, its three formats read back, the sections other apps
will fill, and the improvements written with optimistic locking."""

import io

from odf import opendocument, teletype
from odf.table import Table

from anxin.reports.models import EvaluationNote
from tests.pdf_tools import pdf_text
from tests.reports.base import YEAR, ReportsTestCase


class DossierTestCase(ReportsTestCase):
    def setUp(self):
        self.set_k(2)
        EvaluationNote.objects.create(
            authority=self.authority, year=YEAR, improvements="增開夜間視訊諮商時段"
        )

    def download(self, fmt: str) -> bytes:
        self.login(self.reviewer)
        response = self.client.get(f"/reports/dossier/{YEAR}.{fmt}")
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_it_shows_the_dossier_to_the_reviewer(self):
        self.login(self.reviewer)
        response = self.client.get("/reports/dossier/", {"year": YEAR})
        self.assertContains(response, "增開夜間視訊諮商時段")
        self.assertContains(response, "尚無資料")
        self.assertNotContains(response, "撰寫改進措施")

    def test_it_refuses_hr_and_post(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/reports/dossier/").status_code, 403)
        self.login(self.reviewer)
        self.assertEqual(self.client.post("/reports/dossier/").status_code, 405)

    def test_it_reads_back_the_pdf(self):
        text = pdf_text(self.download("pdf"))
        self.assertIn("成效評估報告", text)
        self.assertIn("諮商申請件數", text)
        self.assertIn("增開夜間視訊諮商時段", text)
        self.assertIn("尚無資料", text)  # no work plan, no interview, no outcome here

    def test_it_reads_back_the_ods(self):
        document = opendocument.load(io.BytesIO(self.download("ods")))
        sheets = document.spreadsheet.getElementsByType(Table)
        texts = [teletype.extractText(sheet) for sheet in sheets]
        self.assertIn("範例市政府", texts[0])
        requests = next(text for text in texts if "諮商申請件數" in text)
        # Seven requests in the year: the grand total of the first table.
        self.assertIn("合計", requests)
        self.assertIn("7", requests)
        self.assertIn("增開夜間視訊諮商時段", texts[-1])

    def test_it_reads_back_the_odt(self):
        document = opendocument.load(io.BytesIO(self.download("odt")))
        text = teletype.extractText(document.text)
        self.assertIn("成效評估報告", text)
        self.assertIn("諮商申請件數", text)
        self.assertIn("尚無資料", text)
        self.assertIn("增開夜間視訊諮商時段", text)
        self.assertGreater(len(document.text.getElementsByType(Table)), 5)

    def test_it_answers_404_for_an_unknown_format(self):
        self.login(self.reviewer)
        self.assertEqual(self.client.get(f"/reports/dossier/{YEAR}.exe").status_code, 404)


class ImprovementsTestCase(ReportsTestCase):
    url = f"/reports/dossier/{YEAR}/improvements/"

    def test_it_saves_the_improvements(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        response = self.client.post(self.url, {"improvements": "擴大關懷員培訓", "version": 0})
        self.assertEqual(response.status_code, 302)
        note = EvaluationNote.objects.get(authority=self.authority, year=YEAR)
        self.assertEqual((note.improvements, note.version), ("擴大關懷員培訓", 1))

    def test_it_refuses_a_stale_edit(self):
        EvaluationNote.objects.create(
            authority=self.authority, year=YEAR, improvements="第一版", version=2
        )
        self.login(self.eap_admin)
        response = self.client.post(self.url, {"improvements": "舊版改寫", "version": 1})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(EvaluationNote.objects.get().improvements, "第一版")

    def test_it_refuses_the_reviewer_and_the_committee(self):
        for user in (self.reviewer, self.committee):
            self.login(user)
            self.assertEqual(
                self.client.post(self.url, {"improvements": "x", "version": 0}).status_code, 403
            )
