"""Questions answered with a typed value: a number or a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anxin.core import roc
from anxin.surveys.questions.base import ERRORS, NUMERIC, QuestionType, as_cell_number


def plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


class NumberQuestion(QuestionType):
    code = "number"
    label = _("Number")
    takes_range = True
    result_kind = NUMERIC
    has_mean = True

    def form_field(self, question, **common) -> forms.Field:
        return forms.DecimalField(
            min_value=question.min, max_value=question.max, max_digits=12, decimal_places=4,
            error_messages={
                **ERRORS,
                "min_value": _("The smallest number allowed here is %(limit_value)s."),
                "max_value": _("The largest number allowed here is %(limit_value)s."),
            },
            **common,
        )  # fmt: skip

    def stored(self, value):
        return plain_number(value)

    def tally(self, value):
        return [("", float(value))]

    def export_cell(self, value):
        return as_cell_number(value)


class DateQuestion(QuestionType):
    """A date, written as ROC or Western; the raw export keeps only its ROC year."""

    code = "date"
    label = _("Date")
    hint = _("For example 114/01/22.")

    def form_field(self, question, **common) -> forms.Field:
        return roc.RocDateField(**common)

    def stored(self, value):
        return value.isoformat()

    def shown(self, value) -> str:
        return roc.format_long(date.fromisoformat(value))

    def export_header(self, question) -> str:
        return gettext("%(question)s (year only)") % {"question": super().export_header(question)}

    def export_cell(self, value):
        return roc.roc_year(date.fromisoformat(str(value)[:10]))
