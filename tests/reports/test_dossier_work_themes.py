"""The dossier's work plan (governance) and interview themes (care): a year with a work
plan of three items and two agencies' interviews, its figures read back from the page,
the PDF, the ODS and the ODT; 「尚無資料」 only for a year that has neither."""

import io
from datetime import date

from odf import opendocument, teletype
from odf.table import Table

from anxin.care.interviews import services as interviews
from anxin.governance import services as governance
from anxin.governance.models import WorkPlanItem
from anxin.reports.dossier import dossier_build
from tests.pdf_tools import pdf_text
from tests.reports.base import YEAR, ReportsTestCase

ONE_AGENCY_ONLY = "陳情"  # given by one agency: never in the dossier
ANSWER = "業務量大、加班頻繁，陳情案件壓力大"


class WorkPlanAndThemesTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        rows = [
            governance.workplan_item_add(
                authority=cls.authority, year=YEAR, aspect=aspect, item=item, practice=practice,
                owner_unit=cls.agency, target="完成",
            )
            for aspect, item, practice in (
                ("計畫擬定", "需求調查", "辦理員工協助方案需求調查。"),
                ("計畫擬定", "常用表單", "修訂個別協談申請表。"),
                ("方案規劃", "紓壓課程", "辦理健康生活系列課程。"),
            )
        ]  # fmt: skip
        governance.workplan_item_update(
            item=rows[0], status=WorkPlanItem.Status.DONE, evidence="回收問卷1,234份",
            expected_version=1,
        )  # fmt: skip
        for agency, stress in ((cls.agency, ANSWER), (cls.other_agency, "加班頻繁，人力不足")):
            interview = interviews.interview_schedule(
                actor=cls.eap_admin, scope=cls.authority, agency=agency,
                scheduled_on=date(YEAR, 3, 2),
            )  # fmt: skip
            interviews.interview_record(
                interview=interview,
                answers={"stress": stress, "adaptation": "新進人員不熟悉業務流程", "concerns": ""},
                expected_version=interview.version,
            )

    def setUp(self):
        self.set_k(2)
        self.login(self.reviewer)

    def download(self, fmt: str) -> bytes:
        response = self.client.get(f"/reports/dossier/{YEAR}.{fmt}")
        self.assertEqual(response.status_code, 200)
        return response.content

    def assert_figures(self, text: str) -> None:
        self.assertIn("年度工作計畫執行情形", text)
        self.assertIn("需求調查", text)
        self.assertIn("回收問卷1,234份", text)
        self.assertIn("3項工作中已完成1項", text)
        self.assertIn("33%", text)
        self.assertIn("訪談主題", text)
        self.assertIn("共記錄2場訪談", text)
        self.assertIn("加班", text)
        themes = text.split("訪談主題", 1)[1].split("成效測量", 1)[0]
        self.assertIn("工作壓力來源", themes)
        self.assertNotIn(ONE_AGENCY_ONLY, text)
        self.assertNotIn("人力不足", text)  # an answer's text never leaves care
        for agency in (self.agency, self.other_agency):  # nor does an agency's name
            self.assertNotIn(agency.name, themes)

    def test_it_builds_both_sections(self):
        dossier = dossier_build(authority=self.authority, year=YEAR)
        self.assertEqual((dossier.work_plan.total, dossier.work_plan.done), (3, 1))
        self.assertEqual(dossier.themes.interviews, 2)
        stress = dict(dossier.themes.themes[0].words)
        self.assertEqual(stress["加班"], 2)
        self.assertNotIn(ONE_AGENCY_ONLY, stress)
        self.assertEqual(list(dossier.pending), [])

    def test_it_shows_them_on_the_page(self):
        response = self.client.get("/reports/dossier/", {"year": YEAR})
        self.assert_figures(response.content.decode())

    def test_it_reads_them_back_from_the_pdf(self):
        self.assert_figures(pdf_text(self.download("pdf")).replace("\n", ""))

    def test_it_reads_them_back_from_the_ods(self):
        document = opendocument.load(io.BytesIO(self.download("ods")))
        texts = [teletype.extractText(s) for s in document.spreadsheet.getElementsByType(Table)]
        self.assert_figures("".join(texts))
        plan = next(text for text in texts if "年度工作計畫執行情形" in text)
        self.assertIn("需求調查", plan)
        self.assertIn("完成", plan)
        themes = next(text for text in texts if "訪談主題" in text)
        self.assertIn("工作壓力來源加班2", themes)

    def test_it_reads_them_back_from_the_odt(self):
        document = opendocument.load(io.BytesIO(self.download("odt")))
        self.assert_figures(teletype.extractText(document.text))
        tables = {t.getAttribute("name") for t in document.text.getElementsByType(Table)}
        self.assertTrue({"WorkPlan", "Themes"} <= tables)

    def test_a_year_without_either_says_no_data(self):
        dossier = dossier_build(authority=self.authority, year=YEAR - 1)
        self.assertIsNone(dossier.work_plan)
        self.assertIsNone(dossier.themes)
        document = opendocument.load(io.BytesIO(self.download("odt")))
        self.assertIn("加班", teletype.extractText(document.text))
        response = self.client.get(f"/reports/dossier/{YEAR - 1}.odt")
        text = teletype.extractText(opendocument.load(io.BytesIO(response.content)).text)
        after_plan = text.split("年度工作計畫執行情形", 1)[1]
        self.assertTrue(after_plan.startswith("尚無資料"))
        self.assertTrue(text.split("訪談主題", 1)[1].startswith("尚無資料"))
