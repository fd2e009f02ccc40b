"""The dossier's satisfaction: the means of the rated questions of the surveys closed in
the year, through the surveys' own analysis (k rule); read back from the ODT."""

import io

from django.utils import timezone
from odf import opendocument, teletype

from anxin.reports.dossier import dossier_build, dossier_odt
from tests.surveys.analysis_base import AnalysisTestCase

ANSWER = {"pick": "是", "agree": "4", "score": "8", "count": "3"}


class SatisfactionTestCase(AnalysisTestCase):
    def test_it_gives_the_means_of_a_closed_survey(self):
        survey = self.new_survey(title="諮商後滿意度調查")
        for _ in range(5):
            self.answer(survey, ANSWER)
        self.close(survey)
        dossier = dossier_build(authority=self.authority, year=survey.closes_on.year)
        [item] = dossier.satisfaction
        self.assertEqual(item.title, "諮商後滿意度調查")
        self.assertEqual(item.respondents.count, 5)
        means = dict(item.means)
        self.assertEqual(str(means["問題 agree"]), "4.00")
        text = teletype.extractText(opendocument.load(io.BytesIO(dossier_odt(dossier))).text)
        self.assertIn("諮商後滿意度調查", text)

    def test_it_hides_the_means_of_fewer_than_k(self):
        survey = self.new_survey(title="小型調查")
        for _ in range(2):
            self.answer(survey, ANSWER)
        self.close(survey)
        dossier = dossier_build(authority=self.authority, year=timezone.localdate().year)
        # Fewer than k answers are not even counted (decision 0019): nothing to show.
        shown = [mean for item in dossier.satisfaction for _q, mean in item.means]
        self.assertTrue(all(mean.suppressed for mean in shown))
        self.assertNotIn("小型調查", [item.title for item in dossier.satisfaction if item.means])
