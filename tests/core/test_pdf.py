"""Every PDF Anxin writes (anxin/core/pdf.py) is a tagged PDF (PDF/UA-1): marked, with a
structure tree, the document's language and its title shown by viewers; a figure
carries its alternative text (an <img>'s alt, an inline SVG's <title>)."""

from django.test import SimpleTestCase

from anxin.core.pdf import html_pdf
from tests.pdf_tools import catalog, is_tagged, structure

HTML = """<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>測試文件</title></head><body>
<h1>標題</h1><p>內文</p>
<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxMCIgaGVpZ2h0PSIxMCIvPg==" alt="印信">
<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><title>圖一：各答案比例</title><rect width="10" height="10"/></svg>
</body></html>"""


class HtmlPdfTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = html_pdf(HTML)

    def test_it_is_tagged(self):
        self.assertTrue(is_tagged(self.data))

    def test_it_states_the_language_and_shows_the_title(self):
        root = catalog(self.data)
        self.assertEqual(str(root["/Lang"]), "zh-Hant")
        self.assertTrue(root["/ViewerPreferences"]["/DisplayDocTitle"])

    def test_headings_and_figures_are_tagged_with_alternative_text(self):
        found = structure(self.data)
        self.assertIn(("/H1", None), found)
        figures = [alt for kind, alt in found if kind == "/Figure"]
        self.assertEqual(figures, ["印信", "圖一：各答案比例"])
