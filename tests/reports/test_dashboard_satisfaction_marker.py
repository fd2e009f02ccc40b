"""Which questions count as satisfaction (decision 0077): the questionnaire's marker,
refused on a question that is not a scale, kept by the builder, set in the presets; and
the levels of each scale."""

from pathlib import Path

import yaml
from django.test import SimpleTestCase

from anxin.surveys import definitions
from anxin.surveys.forms import QuestionForm
from anxin.surveys.models import Survey
from anxin.surveys.satisfaction import level_of, satisfaction_questions
from tests.surveys.base import definition, question

PRESETS = Path(definitions.__file__).with_name("presets")


def parsed(*questions):
    return definitions.parse(definition(*questions)).questions


class MarkerTests(SimpleTestCase):
    def test_a_scale_question_may_be_marked(self):
        marked, plain = parsed(
            question("a", "likert5", satisfaction=True), question("b", "rating10")
        )
        self.assertTrue(marked.satisfaction)
        self.assertFalse(plain.satisfaction)

    def test_another_question_may_not(self):
        faults = definitions.validate(definition(question("a", "single", satisfaction=True)))
        self.assertEqual([fault.code for fault in faults], ["satisfaction_not_scale"])

    def test_the_builder_keeps_the_marker(self):
        data = {
            "section": "一", "type": "likert5", "text": "整體滿意", "satisfaction": "on",
            "lock": 1,
        }  # fmt: skip
        form = QuestionForm(data, others=[])
        self.assertTrue(form.is_valid(), form.errors)
        stored = form.as_question("q1")
        self.assertIs(stored["satisfaction"], True)
        self.assertTrue(QuestionForm.initial_from("一", stored)["satisfaction"])
        unmarked = QuestionForm({**data, "satisfaction": ""}, others=[])
        self.assertTrue(unmarked.is_valid())
        self.assertNotIn("satisfaction", unmarked.as_question("q1"))

    def test_the_presets_mark_their_satisfaction_questions(self):
        marked = {}
        for path in sorted(PRESETS.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            questions = definitions.parse(data["questionnaire"]).questions
            marked[data["key"]] = [q.key for q in questions if q.satisfaction]
        self.assertEqual(
            marked,
            {
                "event_feedback": ["content", "speaker", "useful", "overall"],
                "needs_survey": ["satisfied"],
                "new_hire_care": [],
                "satisfaction_counselling": ["booking", "place", "counsellor", "helped", "overall"],
            },
        )


class LevelTests(SimpleTestCase):
    def test_above_the_middle_is_satisfied(self):
        likert, rating = parsed(question("a", "likert5"), question("b", "rating10"))
        self.assertEqual(
            [level_of(likert, str(point)) for point in range(1, 6)],
            ["not_satisfied", "not_satisfied", "neutral", "satisfied", "satisfied"],
        )
        self.assertEqual(
            [level_of(rating, str(point)) for point in range(11)],
            ["not_satisfied"] * 5 + ["neutral"] + ["satisfied"] * 5,
        )
        self.assertIsNone(level_of(likert, "7"))
        self.assertIsNone(level_of(likert, ""))

    def test_an_event_survey_marking_none_counts_every_scale_question(self):
        questions = parsed(
            question("a", "likert5"), question("b", "single"), question("c", "rating10")
        )
        about_an_event = Survey(event_id=1)
        self.assertEqual(
            [q.key for q in satisfaction_questions(about_an_event, questions)], ["a", "c"]
        )
        self.assertEqual(satisfaction_questions(Survey(), questions), [])
