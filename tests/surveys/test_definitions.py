"""The questionnaire definition: what the builder refuses and why."""

from django.test import SimpleTestCase

from anxin.surveys import definitions
from tests.surveys.base import EVERY_TYPE, definition, question


def codes(data, **kwargs) -> list[str]:
    return [error.code for error in definitions.validate(data, **kwargs)]


class DefinitionTests(SimpleTestCase):
    def test_it_accepts_every_question_type(self):
        """A questionnaire with all eight types and a condition validates and parses."""
        self.assertEqual(codes(EVERY_TYPE, for_publishing=True), [])
        parsed = definitions.parse(EVERY_TYPE)
        self.assertEqual([q.number for q in parsed.questions], list(range(1, 10)))

    def test_it_refuses_to_publish_a_questionnaire_with_no_question(self):
        """An empty draft is fine while building; publishing it is refused."""
        empty = definitions.empty("空白")
        self.assertEqual(codes(empty), [])
        self.assertEqual(codes(empty, for_publishing=True), ["no_question"])
        with_empty_section = {"title": "x", "sections": [{"title": "a", "questions": []}]}
        self.assertEqual(codes(with_empty_section, for_publishing=True), ["no_question"])

    def test_it_refuses_a_condition_pointing_at_a_later_question(self):
        """show_if may only name an earlier question; a later one is refused clearly."""
        data = definition(
            question("a", "short_text", show_if={"question": "b", "equals": "是"}),
            question("b", "single"),
        )
        self.assertEqual(codes(data), ["condition_later"])
        message = definitions.validate(data)[0].messages[0]
        self.assertIn("1", message)

    def test_it_refuses_a_condition_on_itself_or_a_missing_question(self):
        itself = definition(question("a", "single", show_if={"question": "a", "equals": "是"}))
        self.assertEqual(codes(itself), ["condition_later"])
        missing = definition(question("a", "single", show_if={"question": "zz", "equals": "是"}))
        self.assertEqual(codes(missing), ["condition_missing"])

    def test_it_refuses_a_condition_on_an_answer_not_offered_or_not_picked(self):
        data = definition(
            question("a", "single"),
            question("b", "short_text", show_if={"question": "a", "equals": "也許"}),
            question("c", "short_text"),
            question("d", "short_text", show_if={"question": "c", "equals": "x"}),
        )
        self.assertEqual(codes(data), ["condition_answer", "condition_not_picked"])

    def test_it_accepts_a_condition_on_a_likert_answer(self):
        data = definition(
            question("a", "likert5"),
            question("b", "long_text", show_if={"question": "a", "equals": 1}),
        )
        self.assertEqual(codes(data), [])

    def test_it_refuses_bad_questions(self):
        """Choice questions need two distinct options; ranges belong to numbers only."""
        data = definition(
            question("a", "single", options=["是"]),
            question("b", "multiple", options=["是", "是"]),
            question("c", "short_text", options=["x", "y"]),
            question("d", "short_text", min=1),
            question("e", "number", min=5, max=1),
            question("a", "long_text"),
        )
        self.assertEqual(
            codes(data),
            ["few_options", "repeated_option", "options_not_choice", "range_not_number",
             "range_reversed", "duplicate_key"],
        )  # fmt: skip

    def test_it_refuses_what_is_not_a_questionnaire(self):
        self.assertEqual(codes({"sections": []}), ["schema"])
        self.assertEqual(codes(definition(question("a", "essay"))), ["schema"])
        self.assertEqual(codes(definition(question("A B", "single"))), ["schema"])
        with self.assertRaises(definitions.DefinitionError):
            definitions.parse({"title": "x"})

    def test_it_puts_and_removes_questions(self):
        data = definitions.empty("x")
        data = definitions.with_question(data, section="一", question=question("q1", "single"))
        data = definitions.with_question(data, section="二", question=question("q2", "date"))
        data = definitions.with_question(
            data, section="一", question=question("q1", "long_text"), replacing="q1"
        )
        self.assertEqual([s["title"] for s in data["sections"]], ["一", "二"])
        self.assertEqual(data["sections"][0]["questions"][0]["type"], "long_text")
        self.assertEqual(definitions.next_key(data), "q3")
        data = definitions.without_question(data, key="q2")
        self.assertEqual([s["title"] for s in data["sections"]], ["一"])
