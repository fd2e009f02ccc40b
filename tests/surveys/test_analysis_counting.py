"""The sealed tally (decision 0019) holds, for everyone and for each declared breakdown,
the same counts, sums and sums of squares a plain count of the answers gives, however the
answers were split into batches."""

from collections import Counter

from django.utils import timezone

from anxin.people.ages import age_band
from anxin.surveys import analysis, ballots
from tests.surveys.analysis_base import AnalysisTestCase

F, M = "F", "M"


class SealedTallyTests(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = cls.new_survey(breakdowns=["gender", "age_band", "agency"])
        cls.given = []
        for index in range(24):
            answers = {"pick": "是" if index % 3 else "否", "agree": index % 5 + 1,
                       "count": index, "many": ["甲", "丙"] if index % 2 else ["乙"]}  # fmt: skip
            person = cls.answer(
                cls.survey, answers, gender=F if index % 4 else M,
                unit=cls.unit if index % 2 else cls.other_agency,
            )  # fmt: skip
            cls.given.append((answers, person))
            if index == 11:  # a first batch while open, the rest at closing
                ballots.survey_ballots_count(survey=cls.survey, today=timezone.localdate())
        cls.close(cls.survey)

    def test_the_tally_matches_a_plain_count_of_the_answers(self):
        cells = ballots.tally_read([self.survey.pk])[self.survey.pk]
        today = timezone.localdate()  # the day of answering
        genders = Counter(person.gender for _a, person in self.given)
        for gender, n in genders.items():
            self.assertEqual(cells[("gender", gender, "", "")][0], n)
        agencies = Counter(
            (analysis.top_agency_id(person.unit), answers["pick"]) for answers, person in self.given
        )
        for (agency, pick), n in agencies.items():
            self.assertEqual(cells[("agency", agency, "pick", pick)][0], n)
        bands: dict = {}
        for answers, person in self.given:
            band = age_band(person.birth_date, today)
            n, s, ss = bands.get(band, (0, 0.0, 0.0))
            bands[band] = (n + 1, s + answers["count"], ss + answers["count"] ** 2)
        for band, figures in bands.items():
            self.assertEqual(tuple(cells[("age_band", band, "count", "")]), figures)
        picked = sum("甲" in answers["many"] for answers, _p in self.given)
        self.assertEqual(cells[("", "", "many", "甲")][0], picked)
        self.assertEqual(cells[("", "", "", "")][0], 24)
        self.assertEqual({d for d, *_ in cells}, {"", "gender", "age_band", "agency"})
