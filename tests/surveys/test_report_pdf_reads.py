"""The survey report reads right where people open it (issue 13 item 8): a tagged PDF
whose charts carry their titles as alternative text, set in the Traditional Chinese face
of Noto Sans CJK throughout (chart labels and figures included: no Japanese glyph forms,
no DejaVu for the numbers), and no heading or caption left alone at the foot of a page."""

from django.utils import translation

from anxin.surveys import report
from tests.pdf_tools import is_tagged, page_texts, pdf_fonts, structure
from tests.surveys.report_base import ReportTestCase


class ReportPdfReadsTests(ReportTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with translation.override("zh-hant"):
            cls.data = report.report_pdf(cls.survey)

    def test_it_uses_only_the_traditional_chinese_face(self):
        fonts = pdf_fonts(self.data)
        self.assertTrue(fonts)
        for font in fonts:
            self.assertTrue(font.startswith("Noto-Sans-CJK-TC"), fonts)

    def test_it_is_tagged_and_each_chart_has_its_title_as_alternative_text(self):
        self.assertTrue(is_tagged(self.data))
        figures = [alt for kind, alt in structure(self.data) if kind == "/Figure"]
        self.assertTrue(figures)
        for alt in figures:
            self.assertTrue(alt and alt.startswith("第"), figures)  # 「第1題：各答案比例」

    def test_no_page_ends_with_a_heading_or_a_caption(self):
        pages = page_texts(self.data)
        ends = []
        for text in pages[:-1]:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            ends.append(lines[-1] if lines else "")
        print(ends)
        for end in ends:
            self.assertNotRegex(end, r"^(依|歷年|開放|\d+\. )", ends)
