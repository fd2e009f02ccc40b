"""The survey benchmark (bench/survey_analysis.py) at a very small size, run inside the
test database: it seeds what the submission service and the closing batch would write,
and every case it times gives a finite ratio to its floor."""

import math

from django.test import TestCase, override_settings

from anxin.surveys import ballots
from anxin.surveys.models import AnonymousAnswer, AnonymousReceipt, PendingAnswer
from bench import survey_analysis as bench


@override_settings(ANXIN_DEMO=True)
class SurveyBenchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.seeded = bench.seed(employees=300, answers=3600, rounds=3)

    def test_it_seeds_the_answers_asked_for(self):
        answered = sum(
            bench._answered(answers)
            for answers in AnonymousAnswer.objects.values_list("answers", flat=True)
        )
        self.assertEqual(answered, self.seeded["answered"])
        # Each round stops at the answer that reaches its share (at most 9 questions over).
        self.assertGreaterEqual(answered, 3600)
        self.assertLess(answered, 3600 + 3 * 9)
        self.assertEqual(len(self.seeded["surveys"]), 3)

    def test_it_writes_the_rows_the_submission_service_and_the_closing_batch_write(self):
        """Every round closed and counted: no pending answer left, a receipt per answer,
        and the sealed tally counts every item of every answer in every breakdown."""
        self.assertFalse(PendingAnswer.objects.exists())
        for survey in self.seeded["surveys"]:
            given = list(AnonymousAnswer.objects.filter(survey=survey))
            self.assertEqual(AnonymousReceipt.objects.filter(survey=survey).count(), len(given))
            expected = sum(len(ballots.tally_rows(survey, answers=a.answers)) for a in given)
            cells = ballots.tally_read([survey.pk])[survey.pk]
            for dimension in ("", "gender", "age_band", "agency"):
                with self.subTest(dimension=dimension):
                    counted = sum(n for (d, *_), (n, *_) in cells.items() if d == dimension)
                    self.assertEqual(counted, expected)

    def test_it_measures_every_case_against_its_floor(self):
        figures = bench.measure(self.seeded, repeat=1, submissions=5)
        self.assertEqual(figures["respondents shown"], self.seeded["respondents"])
        self.assertGreater(self.seeded["respondents"], 100)
        cases = figures["results"]
        self.assertIn("analysis page, by gender", cases)
        self.assertIn("raw ODS export (vs SELECT)", cases)
        for case, (seconds, floor) in cases.items():
            with self.subTest(case=case):
                self.assertTrue(math.isfinite(seconds / floor) and seconds / floor > 0)
        # The savepoint, the sealed insert, the receipt checked after it, the release.
        self.assertEqual(figures["queries per submission"], 4)
