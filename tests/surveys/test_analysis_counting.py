"""On PostgreSQL the analysis counts with GROUP BY ... GROUPING SETS; elsewhere it groups by
every combination of the breakdowns and adds the margins up in Python. Both must give the
same figures, to the last answer."""

import pytest

from anxin.surveys import analysis
from tests.surveys.analysis_base import AnalysisTestCase

F, M = "F", "M"


def flatten(rows) -> dict:
    totals: dict = {}
    for survey_id, dimension, question, group, choice, moments in rows:
        key = (survey_id, dimension, question, group, choice)
        before = totals.get(key, analysis.Moments())
        totals[key] = before + moments
    return {key: (m.n, round(m.total, 6), round(m.squares, 6)) for key, m in totals.items()}


@pytest.mark.postgres_only
class GroupingSetsTests(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey(breakdowns=["gender", "age_band", "agency"])
        for index in range(12):
            cls.answer(
                cls.survey,
                {"pick": "是" if index % 3 else "否", "agree": index % 5 + 1, "count": index,
                 "many": ["甲", "丙"] if index % 2 else ["乙"]},
                gender=F if index % 4 else M,
                unit=cls.unit if index % 2 else cls.other_agency,
            )  # fmt: skip

    def test_grouping_sets_give_the_same_figures_as_every_combination(self):
        columns = {"age_band": "age_band", "agency": "agency_id", "gender": "gender"}
        combined = flatten(analysis._every_combination([self.survey.pk], columns))
        grouped = flatten(analysis._grouping_sets([self.survey.pk], columns))
        self.assertEqual(grouped, combined)
        # Every breakdown and the totals are there.
        self.assertEqual({key[1] for key in grouped}, {None, "gender", "age_band", "agency"})
