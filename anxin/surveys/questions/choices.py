"""Choice questions: one option, or several, from the list the builder wrote."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.surveys.questions.base import (
    CHOICE,
    ERRORS,
    MULTIPLE,
    QuestionType,
    checkboxes,
    radio,
)


class SingleChoice(QuestionType):
    code = "single"
    label = _("Single choice")
    takes_options = True
    is_picked = True
    result_kind = CHOICE

    def choices(self, options) -> list:
        return list(options)

    def form_field(self, question, **common) -> forms.Field:
        return forms.ChoiceField(
            choices=[(o, o) for o in question.options], widget=radio(),
            error_messages=ERRORS, **common,
        )  # fmt: skip

    def tally(self, value):
        return [(str(value), None)]

    def columns(self, question):
        return [(option, option) for option in question.options]


class MultipleChoice(QuestionType):
    """Several options may be picked: the tallies count the respondent to the question
    and each option picked, so that a share is of those who answered the question."""

    code = "multiple"
    label = _("Multiple choice")
    takes_options = True
    is_picked = True
    result_kind = MULTIPLE

    def choices(self, options) -> list:
        return list(options)

    def form_field(self, question, **common) -> forms.Field:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question.options], widget=checkboxes(),
            error_messages=ERRORS, **common,
        )  # fmt: skip

    def tally(self, value):
        return [("", None), *((str(option), None) for option in value)]

    def columns(self, question):
        return [(option, option) for option in question.options]

    def export_cell(self, value):
        return "、".join(str(item) for item in value) if isinstance(value, list) else str(value)
