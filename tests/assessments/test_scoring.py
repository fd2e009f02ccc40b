"""Scoring of the built-in instruments against hand-computed examples, band edges
included (docs/decisions/0005-self-tests.md), and the crisis rule of BSRS-5."""

from fractions import Fraction

from django.test import SimpleTestCase
from django.utils import translation

from anxin.assessments.definitions import (
    BUILTIN_DIR,
    Definition,
    format_score,
    read_instrument_file,
)
from tests.assessments.base import bsrs5


def load(key: str) -> Definition:
    return Definition.from_data(read_instrument_file(BUILTIN_DIR / f"{key}.yaml"))


def cbi_answers(personal: list[int], work: list[int]) -> dict:
    answers = {f"p{i}": value for i, value in enumerate(personal, start=1)}
    answers.update({f"w{i}": value for i, value in enumerate(work, start=7)})
    return answers


class Bsrs5ScoringTestCase(SimpleTestCase):
    def setUp(self):
        self.definition = load("bsrs5")

    def test_it_sums_the_five_items_and_leaves_out_the_suicide_item(self):
        """1+2+3+0+4 = 10; the ★ answer (3) is not added."""
        outcome = self.definition.score(bsrs5((1, 2, 3, 0, 4), suicide=3))
        self.assertEqual(outcome.scores["total"], 10)

    def test_it_places_each_band_edge_as_facts_md_gives_them(self):
        """0-5 well, 6-9 mild, 10-14 moderate, 15+ severe."""
        expected = {0: "well", 5: "well", 6: "mild", 9: "mild", 10: "moderate", 14: "moderate",
                    15: "severe", 20: "severe"}  # fmt: skip
        for total, band in expected.items():
            items = [min(4, max(0, total - 4 * i)) for i in range(5)]
            self.assertEqual(sum(items), total)
            with self.subTest(total=total):
                self.assertEqual(self.definition.score(bsrs5(tuple(items))).bands["total"], band)

    def test_it_shows_the_crisis_block_for_a_suicide_answer_of_2_whatever_the_total(self):
        """Total 3 but ★ = 2: crisis, with the ★ advice."""
        outcome = self.definition.score(bsrs5((1, 1, 1, 0, 0), suicide=2))
        self.assertEqual(outcome.scores["total"], 3)
        self.assertTrue(outcome.crisis)
        self.assertEqual(len(outcome.crisis_advice), 1)

    def test_it_shows_the_crisis_block_for_a_total_of_15(self):
        outcome = self.definition.score(bsrs5((3, 3, 3, 3, 3), suicide=0))
        self.assertEqual(outcome.scores["total"], 15)
        self.assertTrue(outcome.crisis)

    def test_it_does_not_show_the_crisis_block_for_14_with_a_suicide_answer_of_1(self):
        outcome = self.definition.score(bsrs5((3, 3, 3, 3, 2), suicide=1))
        self.assertEqual(outcome.scores["total"], 14)
        self.assertFalse(outcome.crisis)

    def test_it_refuses_an_answer_outside_the_scale(self):
        with self.assertRaises(ValueError):
            self.definition.score(bsrs5((5, 0, 0, 0, 0)))

    def test_it_keeps_the_published_wording_and_cites_the_source(self):
        with translation.override("zh-hant"):
            self.assertEqual(self.definition.items[0].text, "睡眠困難，譬如難以入睡、易醒或早醒")
            self.assertEqual(self.definition.items[5].marker, "★")
            self.assertEqual(
                [o.text for o in self.definition.items[0].options],
                ["完全沒有", "輕微", "中等程度", "厲害", "非常厲害"],
            )
            self.assertIn("tsos.org.tw", self.definition.citation)
            self.assertTrue(self.definition.translation_validated)


class CbiScoringTestCase(SimpleTestCase):
    def setUp(self):
        self.definition = load("cbi")

    def test_it_averages_personal_items_and_work_items_separately(self):
        """Personal: (100+75+50+25+0+50)/6 = 50. Work: 7..12 at 25, item 13 answered 總是
        (100) reversed to 0: (25*6 + 0)/7 = 150/7 ≈ 21.4."""
        outcome = self.definition.score(cbi_answers([100, 75, 50, 25, 0, 50], [25] * 6 + [100]))
        self.assertEqual(outcome.scores["personal"], 50)
        self.assertEqual(outcome.scores["work"], Fraction(150, 7))
        self.assertEqual(format_score(outcome.scores["work"]), "21.4")

    def test_it_reverses_item_13(self):
        """Item 13 answered 從未或幾乎從未 (0) counts 100: work = 100/7 ≈ 14.3."""
        outcome = self.definition.score(cbi_answers([0] * 6, [0] * 6 + [0]))
        self.assertEqual(outcome.scores["work"], Fraction(100, 7))

    def test_it_puts_a_personal_mean_of_exactly_50_in_moderate(self):
        outcome = self.definition.score(cbi_answers([50] * 6, [0] * 6 + [100]))
        self.assertEqual(outcome.bands["personal"], "moderate")

    def test_it_puts_personal_means_around_the_edges_where_decided(self):
        """Below 50 mild; 50 to 70 inclusive moderate; above 70 severe. Reachable means
        near the edges: 45.8 mild, 66.7 moderate, 70.8 severe."""
        cases = [
            ([50, 50, 50, 50, 50, 25], Fraction(275, 6), "mild"),
            ([75, 75, 75, 75, 50, 50], Fraction(400, 6), "moderate"),
            ([75, 75, 75, 75, 75, 50], Fraction(425, 6), "severe"),
        ]
        for personal, mean, band in cases:
            with self.subTest(mean=float(mean)):
                outcome = self.definition.score(cbi_answers(personal, [0] * 6 + [100]))
                self.assertEqual(outcome.scores["personal"], mean)
                self.assertEqual(outcome.bands["personal"], band)

    def test_it_puts_work_means_around_45_and_60_where_decided(self):
        """Below 45 mild (42.9); 45 to 60 inclusive moderate (46.4, 57.1); above 60
        severe (60.7). Item 13 is answered 從未 (0 → 100) in each."""
        cases = [
            ([50, 50, 50, 25, 25, 0], Fraction(300, 7), "mild"),
            ([50, 50, 50, 25, 25, 25], Fraction(325, 7), "moderate"),
            ([75, 50, 50, 50, 50, 25], Fraction(400, 7), "moderate"),
            ([75, 50, 50, 50, 50, 50], Fraction(425, 7), "severe"),
        ]
        for work, mean, band in cases:
            with self.subTest(mean=float(mean)):
                outcome = self.definition.score(cbi_answers([0] * 6, [*work, 0]))
                self.assertEqual(outcome.scores["work"], mean)
                self.assertEqual(outcome.bands["work"], band)

    def test_it_places_exact_bounds_as_documented(self):
        """Exact bounds are unreachable with 6 or 7 items, but an authority's own
        instrument may reach them: 50 and 70 are moderate, 45 and 60 are moderate."""
        personal, work = self.definition.scores
        self.assertEqual(personal.band_for(Fraction(4999, 100)).key, "mild")
        self.assertEqual(personal.band_for(Fraction(50)).key, "moderate")
        self.assertEqual(personal.band_for(Fraction(70)).key, "moderate")
        self.assertEqual(personal.band_for(Fraction(7001, 100)).key, "severe")
        self.assertEqual(work.band_for(Fraction(4499, 100)).key, "mild")
        self.assertEqual(work.band_for(Fraction(45)).key, "moderate")
        self.assertEqual(work.band_for(Fraction(60)).key, "moderate")
        self.assertEqual(work.band_for(Fraction(6001, 100)).key, "severe")

    def test_it_labels_items_7_to_9_with_the_degree_scale(self):
        with translation.override("zh-hant"):
            labels = [o.text for o in self.definition.items[6].options]
            self.assertEqual(labels, ["很嚴重", "嚴重", "有一些", "輕微", "非常輕微"])
            labels = [o.text for o in self.definition.items[9].options]
            self.assertEqual(labels, ["總是", "常常", "有時候", "不常", "從未或幾乎從未"])


class Who5ScoringTestCase(SimpleTestCase):
    def setUp(self):
        self.definition = load("who5")

    def answers(self, *values: int) -> dict:
        return dict(zip(["cheerful", "calm", "active", "rested", "interest"], values, strict=True))

    def test_it_multiplies_the_raw_score_by_4(self):
        """3+2+4+1+3 = 13 raw, 52 on 0-100: just above 50, good."""
        outcome = self.definition.score(self.answers(3, 2, 4, 1, 3))
        self.assertEqual(outcome.scores["wellbeing"], 52)
        self.assertEqual(outcome.bands["wellbeing"], "good")

    def test_it_suggests_screening_at_50_or_below_and_likely_depression_at_28(self):
        """12 raw = 48 (≤ 50: screening); 7 raw = 28 (≤ 28: likely depression);
        8 raw = 32 (screening)."""
        self.assertEqual(
            self.definition.score(self.answers(3, 3, 2, 2, 2)).bands["wellbeing"], "screening"
        )
        self.assertEqual(
            self.definition.score(self.answers(2, 2, 1, 1, 1)).bands["wellbeing"],
            "likely_depression",
        )
        self.assertEqual(
            self.definition.score(self.answers(2, 2, 2, 1, 1)).bands["wellbeing"], "screening"
        )

    def test_it_says_its_chinese_wording_is_not_validated(self):
        with translation.override("zh-hant"):
            self.assertFalse(self.definition.translation_validated)
        with translation.override("en"):
            self.assertTrue(self.definition.translation_validated)
