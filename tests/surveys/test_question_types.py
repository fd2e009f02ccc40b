"""The question types as one table (docs/decisions/0029-question-types.md): every code a
definition may hold has its class, and each class answers for its type."""

from django import forms
from django.test import SimpleTestCase

from anxin.surveys import definitions, questions
from anxin.surveys.forms import QuestionForm
from tests.surveys.base import EVERY_TYPE


class QuestionTypeTests(SimpleTestCase):
    def test_the_schema_and_the_builder_offer_exactly_the_registered_types(self):
        """The definition's enum and the builder's list come from the registry."""
        self.assertEqual(
            definitions.SCHEMA["$defs"]["question"]["properties"]["type"]["enum"],
            list(questions.REGISTRY),
        )
        offered = [code for code, _label in QuestionForm(others=[]).fields["type"].choices]
        self.assertEqual(offered, list(questions.REGISTRY))

    def test_every_question_of_every_type_gets_its_form_field(self):
        for question in definitions.parse(EVERY_TYPE).questions:
            with self.subTest(type=question.type):
                self.assertIs(question.qtype, questions.type_of(question.type))
                field = question.qtype.form_field(question, label=question.text, required=False)
                self.assertIsInstance(field, forms.Field)
                self.assertEqual(
                    question.is_picked, isinstance(field.widget, forms.widgets.ChoiceWidget)
                )

    def test_no_text_reaches_the_tallies(self):
        """An open answer is counted as answered; its words stay in the answer."""
        for question in definitions.parse(EVERY_TYPE).questions:
            if question.qtype.is_text:
                self.assertEqual(question.qtype.tally("我的電話 0912-345-678"), [("", None)])

    def test_the_analysis_kind_of_each_type(self):
        kinds = {q.type: q.qtype.result_kind for q in definitions.parse(EVERY_TYPE).questions}
        self.assertEqual(
            kinds,
            {
                "single": "choice",
                "multiple": "multiple",
                "likert5": "choice",
                "rating10": "choice",
                "number": "numeric",
                "date": "answered",
                "short_text": "answered",
                "long_text": "answered",
            },
        )
