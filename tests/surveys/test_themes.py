"""Open answers summarised as themes (anxin/surveys/themes.py)."""

from pathlib import Path

from django.test import SimpleTestCase, TestCase

from anxin.plans.loader import PlanFileError, load_plan_file
from anxin.plans.models import ProgramPlan
from anxin.surveys import services, themes
from anxin.surveys.models import Survey
from tests.base import make_employee
from tests.plans.base import TempFiles, preset_text
from tests.surveys.base import (
    SurveyTestCase,
    count_as_closed,
    definition,
    make_survey,
    publish,
    question,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "open_answers.txt"


def fixture_answers() -> list[str]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


class SummaryTests(SimpleTestCase):
    """On 203 invented answers to 「您希望明年員工協助方案增加哪些服務？」, whose themes
    are known from how the fixture was written (its comments say how many of each)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answers = fixture_answers()
        cls.summary = themes.summarise(cls.answers, k=5)
        cls.by_label = {theme.label: theme for theme in cls.summary}

    def test_the_fixture_has_at_least_200_answers(self):
        self.assertGreaterEqual(len(self.answers), 200)

    def test_it_finds_the_top_themes_with_their_counts(self):
        top = [(theme.label, theme.count) for theme in self.summary[:4]]
        self.assertEqual(top, [("紓壓", 60), ("親子", 40), ("退休", 30), ("主管", 25)])

    def test_it_counts_the_smaller_themes_too(self):
        counts = {label: self.by_label[label].count for label in ("睡眠", "理財", "健康")}
        self.assertEqual(counts, {"睡眠": 12, "理財": 10, "健康": 8})
        self.assertEqual(self.by_label["人際關係"].count, 6)

    def test_it_sorts_by_count(self):
        counts = [theme.count for theme in self.summary]
        self.assertEqual(counts, sorted(counts, reverse=True))

    def test_an_answer_counts_once_per_theme_however_often_it_says_the_word(self):
        summary = themes.summarise(["壓力好大好大，真的壓力很大，需要紓壓", "壓力"], k=1)
        self.assertEqual([(t.label, t.count) for t in summary], [("紓壓", 2)])

    def test_an_answer_can_give_two_themes(self):
        summary = themes.summarise(["育兒壓力很大", "親子紓壓活動", "退休規劃"], k=1)
        self.assertEqual({(t.label, t.count) for t in summary}, {("紓壓", 2), ("親子", 2)})

    def test_rare_themes_are_counted_but_show_no_examples(self):
        for label, count in (("霸凌", 3), ("長照", 2), ("法律", 2)):
            with self.subTest(label):
                self.assertEqual(self.by_label[label].count, count)
                self.assertEqual(self.by_label[label].examples, [])

    def test_themes_of_at_least_k_answers_show_up_to_three_examples_of_their_own(self):
        for theme in self.summary:
            if theme.count >= 5:
                self.assertTrue(1 <= len(theme.examples) <= themes.EXAMPLES, theme.label)
        for example in self.by_label["退休"].examples:
            self.assertIn("退休", example)
        self.assertEqual(len(set(self.by_label["紓壓"].examples)), 3)

    def test_a_word_given_by_one_answer_is_no_theme(self):
        self.assertNotIn("園藝", self.by_label)
        self.assertNotIn("戒菸", self.by_label)

    def test_stop_words_and_answers_that_ask_for_nothing_give_no_theme(self):
        for label in ("希望", "增加", "課程", "講座", "服務", "員工"):
            self.assertNotIn(label, self.by_label)
        self.assertEqual(themes.summarise(["無", "沒有", "謝謝", "目前沒有", "  ", ""], k=1), [])

    def test_synonyms_fold_into_one_theme_and_the_lists_can_be_given(self):
        texts = ["希望有舒壓按摩", "抒壓小物", "減壓課程", "多一點壓力管理"]
        self.assertEqual(
            [(t.label, t.count) for t in themes.summarise(texts, k=5)][:1], [("紓壓", 4)]
        )
        summary = themes.summarise(
            ["羽球社", "羽球比賽", "桌球社", "桌球桌"],
            k=1,
            stop_words={"社"},
            synonyms={"羽球": "球類", "桌球": "球類"},
        )
        self.assertEqual([(t.label, t.count) for t in summary], [("球類", 4)])

    def test_a_word_seen_only_with_a_larger_theme_is_listed_with_it(self):
        supervisor = self.by_label["主管"]
        self.assertIn("溝通", supervisor.terms)
        self.assertNotIn("溝通", self.by_label)
        # 溝通 also appears once about parenting: the count stays that of 主管 itself.
        self.assertEqual(supervisor.count, 25)

    def test_examples_are_masked_and_cut(self):
        texts = [
            "希望紓壓課程能請分機 2345 的承辦人聯絡我 chen@example.gov.tw",
            "紓壓" + "，真的很需要" * 20,
            "紓壓活動",
        ]
        examples = themes.summarise(texts, k=3)[0].examples
        joined = " ".join(examples)
        self.assertNotIn("2345", joined)
        self.assertNotIn("chen@example.gov.tw", joined)
        self.assertTrue(all(len(e) <= themes.EXAMPLE_LENGTH for e in examples))
        self.assertTrue(any(e.endswith("…") for e in examples))

    def test_traditional_words_are_kept_whole(self):
        self.assertEqual(themes.segment("長照喘息服務資訊")[:2], ["長照", "喘息"])
        self.assertIn("紓壓", themes.segment("希望增加紓壓課程"))
        self.assertIn("諮商", themes.segment("增加心理諮商的次數"))


class SurveyThemesTests(SurveyTestCase):
    def answer(self, survey, number: int, text: str) -> None:
        employee = make_employee(
            None, unit=self.unit, number=f"T{number:04d}", name=f"員工{number}"
        )
        services.answer_submit(survey=survey, employee=employee, answers={"long": text})

    def test_it_reads_the_open_answers_of_an_anonymous_survey_with_the_plans_k(self):
        ProgramPlan.objects.create(slug="t", name="計畫", authority=self.authority, k_threshold=3)
        for number, text in enumerate(["紓壓課程", "舒壓按摩", "減壓", "退休規劃", "退休說明會"]):
            self.answer(self.anonymous, number, text)
        count_as_closed(self.anonymous)
        summary = themes.themes_for(self.anonymous, "long")
        self.assertEqual([(t.label, t.count) for t in summary], [("紓壓", 3), ("退休", 2)])
        self.assertEqual(len(summary[0].examples), 3)  # 3 >= the plan's k
        self.assertEqual(summary[1].examples, [])

    def test_it_reads_submitted_responses_only_and_the_plans_words(self):
        ProgramPlan.objects.create(
            slug="t",
            name="計畫",
            authority=self.authority,
            k_threshold=2,
            config={
                "open_answers": {"stop_words": ["退休"], "synonyms": {"球類": ["羽球", "桌球"]}}
            },
        )
        survey = self.confidential
        for number, text in enumerate(["羽球社", "桌球社", "退休規劃", "退休說明會"]):
            self.answer(survey, number, text)
        services.answer_save_draft(
            survey=survey, employee=self.alice_employee, answers={"long": "羽球比賽"}
        )
        summary = themes.themes_for(survey, "long")
        self.assertEqual([(t.label, t.count) for t in summary], [("球類", 2)])

    def test_it_refuses_a_question_that_is_not_free_text(self):
        with self.assertRaises(ValueError):
            themes.themes_for(self.anonymous, "pick")
        with self.assertRaises(ValueError):
            themes.themes_for(self.anonymous, "nosuch")

    def test_without_a_plan_the_default_k_applies(self):
        version = publish(
            owner=self.agency, actor=self.hr, data=definition(question("wish", "short_text"))
        )
        survey = make_survey(version, owner=self.agency, actor=self.hr, mode=Survey.Mode.IDENTIFIED)
        for number in range(4):
            employee = make_employee(
                None, unit=self.unit, number=f"W{number}", name=f"員工{number}"
            )
            services.answer_submit(survey=survey, employee=employee, answers={"wish": "睡眠講座"})
        self.assertEqual(themes.themes_for(survey, "wish")[0].examples, [])  # 4 < 5


class PlanWordsTests(TestCase):
    """A plan file adds stop words and synonyms under `open_answers`."""

    def load(self, block: str) -> ProgramPlan:
        path = TempFiles(self).write("plan.yaml", preset_text("taoyuan-104") + block)
        return load_plan_file(path)

    def test_a_plans_words_join_the_defaults(self):
        plan = self.load(
            "\nopen_answers:\n  stop_words: [退休]\n"
            "  synonyms:\n    球類: [羽球, 桌球]\n  source: DESIGN.md\n"
        )
        stop_words, synonyms = themes.word_lists(plan)
        self.assertIn("退休", stop_words)
        self.assertIn("希望", stop_words)  # the app's list stays
        self.assertEqual((synonyms["羽球"], synonyms["舒壓"]), ("球類", "紓壓"))
        summary = themes.summarise(
            ["羽球社", "桌球社", "退休規劃", "退休說明會"],
            k=2,
            stop_words=stop_words,
            synonyms=synonyms,
        )
        self.assertEqual([(t.label, t.count) for t in summary], [("球類", 2)])

    def test_a_misspelt_key_is_refused(self):
        with self.assertRaises(PlanFileError):
            self.load("\nopen_answers:\n  stopwords: [退休]\n")
