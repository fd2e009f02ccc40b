"""The analysis page summarises a closed survey's open answers as themes: counts through
the k rule, examples only for themes at least k people gave."""

from django.urls import reverse

from anxin.surveys import analysis
from tests.surveys.analysis_base import AnalysisTestCase

COMMON = ["希望多辦紓壓課程，例如瑜珈。", "工作壓力大，需要紓壓活動。", "建議增加減壓講座。"]
RARE = "希望有法律諮詢，處理租屋糾紛。"


class ThemesOnTheAnalysisPageTests(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey()
        for index in range(9):
            cls.answer(cls.survey, {"note": COMMON[index % 3]}, gender="F")
        for _ in range(2):
            cls.answer(cls.survey, {"note": RARE}, gender="M")
        cls.close(cls.survey)

    def test_a_frequent_theme_shows_its_count_and_examples_a_rare_one_neither(self):
        result = analysis.survey_analysis(self.survey)
        themes = {row.label: row for q in result.questions if q.themes for row in q.themes}
        self.assertEqual(str(themes["紓壓"].count), "9")
        self.assertTrue(themes["紓壓"].examples)
        rare = themes["法律"]
        self.assertTrue(rare.count.suppressed)
        self.assertNotIn("2", str(rare.count))
        self.assertEqual(rare.examples, [])

    def test_the_page_lists_the_themes_without_the_rare_answer(self):
        self.login(self.hr)
        url = reverse("surveys:survey_analysis", args=[self.survey.uuid])
        page = self.client.get(url).content.decode()
        self.assertIn("紓壓", page)
        self.assertIn("法律", page)
        self.assertNotIn("租屋", page)
