"""Open questions: free text, counted as answered and summarised as themes (themes.py),
never copied into the tallies."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.surveys.masking import mask
from anxin.surveys.questions.base import QuestionType


class TextQuestion(QuestionType):
    is_text = True

    def export_cell(self, value):
        # E-mail addresses and numbers masked, as in theme examples.
        return mask(str(value))


class ShortText(TextQuestion):
    code = "short_text"
    label = _("Short text")

    def form_field(self, question, **common) -> forms.Field:
        return forms.CharField(max_length=200, **common)


class LongText(TextQuestion):
    code = "long_text"
    label = _("Long text")

    def form_field(self, question, **common) -> forms.Field:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
