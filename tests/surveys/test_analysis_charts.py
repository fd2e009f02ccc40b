"""The analysis charts: well-formed SVG, labelled for screen readers, hidden figures not
drawn; the page gives the same figures as tables."""

import xml.etree.ElementTree as ET

from django.test import SimpleTestCase

from anxin.core import kanon
from anxin.surveys import analysis, charts
from anxin.surveys.charts import Bar, Point
from tests.surveys.analysis_base import AnalysisTestCase

NS = {"svg": charts.SVG_NS}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - markup the project itself produced


class ChartTests(SimpleTestCase):
    def test_a_bar_chart_is_well_formed_and_labelled(self):
        svg = parse(charts.bar_chart("c1", "題目 <1>", "說明 & 描述", [
            Bar("是", 0.75, "75.0%"), Bar("否 <b>", None, "*"),
        ]))  # fmt: skip
        self.assertEqual(svg.tag, f"{{{charts.SVG_NS}}}svg")
        self.assertEqual(svg.get("role"), "img")
        self.assertEqual(svg.get("aria-labelledby"), "c1-title c1-desc")
        self.assertEqual(svg.find("svg:title", NS).text, "題目 <1>")
        self.assertEqual(svg.find("svg:title", NS).get("id"), "c1-title")
        self.assertEqual(svg.find("svg:desc", NS).get("id"), "c1-desc")
        # One bar only: the hidden share draws nothing but its marker.
        self.assertEqual(len(svg.findall("svg:rect", NS)), 1)
        texts = [t.text for t in svg.findall("svg:text", NS)]
        self.assertIn("*", texts)
        self.assertIn("否 <b>", texts)

    def test_an_interval_chart_draws_a_dot_and_whisker_per_shown_mean(self):
        svg = parse(charts.interval_chart("c2", "平均", "說明", [
            Point("女", 3.2, (2.9, 3.5), "3.20"), Point("男", None, None, "*"),
        ], (1, 5)))  # fmt: skip
        self.assertEqual(len(svg.findall("svg:circle", NS)), 1)
        whisker = [
            line for line in svg.findall("svg:line", NS) if line.get("stroke") == charts.COLOUR
        ]
        self.assertEqual(len(whisker), 1)
        self.assertLess(float(whisker[0].get("x1")), float(whisker[0].get("x2")))


class PageChartTests(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey(breakdowns=["gender"])
        for index in range(12):
            cls.answer(cls.survey, {"pick": "是" if index < 7 else "否", "agree": index % 5 + 1})
        cls.close(cls.survey)

    def test_the_page_charts_parse_and_have_a_table_alternative(self):
        self.login(self.hr)
        response = self.client.get(
            f"/surveys/manage/surveys/{self.survey.uuid}/analysis/?by=gender"
        )
        body = response.content.decode()
        start = 0
        found = 0
        while (start := body.find("<svg", start)) != -1:
            end = body.index("</svg>", start) + len("</svg>")
            svg = parse(body[start:end])
            title = svg.find("svg:title", NS)
            self.assertTrue(title.text)
            self.assertTrue(svg.find("svg:desc", NS).text)
            self.assertIn(title.get("id"), svg.get("aria-labelledby"))
            found += 1
            start = end
        self.assertGreaterEqual(found, 3)
        # The figures of each chart are in a table with a caption and scoped headers.
        self.assertIn("<caption>", body)
        self.assertIn('scope="row"', body)

    def test_a_question_chart_draws_the_shown_shares(self):
        result = analysis.survey_analysis(self.survey)
        pick = result.questions[0]
        svg = parse(charts.distribution_chart(pick, "x"))
        widths = [float(rect.get("width")) for rect in svg.findall("svg:rect", NS)]
        span = charts.WIDTH - charts.RIGHT - charts.LABEL_WIDTH
        self.assertEqual(len(widths), 2)
        for width, share in zip(widths, (7 / 12, 5 / 12), strict=True):
            self.assertAlmostEqual(width, span * share, delta=0.1)  # drawn to 0.1 px
        self.assertEqual(pick.overall.n, kanon.Entry(12, 5))
