"""Every PDF Anxin writes (anxin/core/pdf.py) is a tagged PDF (PDF/UA-1): marked, with a
structure tree, the document's language and its title shown by viewers; a figure
carries its alternative text (an <img>'s alt, an inline SVG's <title>)."""

from django.test import SimpleTestCase

from anxin.core.pdf import html_pdf
from tests.pdf_tools import catalog, is_tagged, structure

# A 10×10 SVG image as a data URI, and an inline SVG chart with its <title>.
IMAGE = (
    "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRo"
    "PSIxMCIgaGVpZ2h0PSIxMCIvPg=="
)
CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    '<title>圖一：各答案比例</title><rect width="10" height="10"/></svg>'
)
HTML = f"""<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>測試文件</title></head><body>
<h1>標題</h1><p>內文</p>
<img src="{IMAGE}" alt="印信">
{CHART}
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


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300" viewBox="0 0 640 300">'
    '<title>圖</title><rect width="600" height="280"/></svg>'
)


class PageBreakTests(SimpleTestCase):
    """core/pdf_breaks.css, which every PDF template includes: a heading, and the lead
    line under it, are never left at the foot of a page without what follows (with the
    report's old rules, 11 of these 45 positions stranded 「標題甲」 and its lead line)."""

    def page_of(self, pages: list[str], text: str) -> int:
        return next(i for i, page in enumerate(pages) if text in page)

    def test_a_heading_and_its_lead_line_go_to_the_page_of_their_figure(self):
        from django.template.loader import render_to_string

        from tests.pdf_tools import page_texts

        css = render_to_string("core/pdf_breaks.css")
        for filler in range(30, 75):
            body = "".join(f"<p>填充段落{i}</p>" for i in range(filler))
            body += (
                f'<h2>標題甲</h2><p class="lead">作答人數：108</p>'
                f"<figure>{SVG}<figcaption>圖說乙</figcaption></figure>"
                "<table><caption>表說丙</caption><tr><td>格一</td></tr></table>"
            )
            html = (
                f'<html lang="zh-Hant"><head><title>t</title><style>@page {{ size: A4 }}'
                f' html {{ font-family: "Noto Sans CJK TC"; font-size: 9.5pt }}{css}</style>'
                f"</head><body>{body}</body></html>"
            )
            pages = page_texts(html_pdf(html))
            heading = self.page_of(pages, "標題甲")
            self.assertEqual(heading, self.page_of(pages, "作答人數"), filler)
            self.assertEqual(heading, self.page_of(pages, "圖說乙"), filler)
            self.assertEqual(self.page_of(pages, "表說"), self.page_of(pages, "格一"), filler)
