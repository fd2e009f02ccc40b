"""What every question type answers: its builder options, its answer field, how an
answer is stored, tallied, analysed, shown and exported (docs/decisions/0029-question-types.md).

The defaults below are those of a question answered by typing (counted as answered,
nothing else); each type overrides what differs.
"""

from __future__ import annotations

from typing import Protocol

from django import forms
from django.utils.translation import gettext_lazy as _


class Question(Protocol):
    """What a type reads of a question. `definitions.Question` is one; it is described
    here rather than imported, since definitions imports this package."""

    key: str
    text: str
    number: int
    options: tuple
    min: float | None
    max: float | None


# A spreadsheet cell of the exports.
Value = str | int | float | None
# What one answer adds to the tallies, besides the respondent: (choice, number) items,
# choice "" for "this question was answered" (docs/decisions/0019-anonymous-batches.md).
TallyItems = list[tuple[str, float | None]]

ERRORS = {
    "required": _("This question needs an answer."),
    "invalid_choice": _(
        "“%(value)s” is not one of the answers to this question. Please choose one of the "
        "answers shown."
    ),
    "invalid": _("Please enter a number."),
    "invalid_list": _("Please choose from the answers shown."),
}

# What the analysis makes of a question's tallies (analysis.QuestionResult.kind):
CHOICE = "choice"  # a count and share per answer, one answer per respondent
MULTIPLE = "multiple"  # per option: picked or not, shares of those who answered
NUMERIC = "numeric"  # the number who answered, mean and interval
ANSWERED = "answered"  # the number who answered


class QuestionType:
    code: str = ""  # as stored in a definition's "type"
    label = ""  # the builder's name of the type
    # The builder asks for options (at least two, no repeats) or a range.
    takes_options = False
    takes_range = False
    # Answered by picking from a fixed list (radio buttons or check boxes); only such an
    # answer can be tested by a later question's show-if condition.
    is_picked = False
    # Its picks fit on one line (a short scale).
    inline = False
    # A line under the field telling how to write the answer.
    hint = ""
    # Free text: summarised as themes, masked in exports, exported only when asked for.
    is_text = False
    # The analysis: its kind (above), whether a mean and interval are shown, and the
    # range of the charts' axis (None: from the figures).
    result_kind = ANSWERED
    has_mean = False
    scale: tuple[float, float] | None = None
    # A point of a fixed scale (Likert, rating): may be marked as a satisfaction question
    # (docs/decisions/0077-satisfaction-indicators.md); `points` are its answers.
    is_scale = False
    points: range = range(0)

    # --- the definition -------------------------------------------------------------

    def choices(self, options) -> list:
        """The values a respondent picks from; [] when the answer is typed."""
        return []

    def definition_faults(self, question: dict) -> list[str]:
        """The codes (definitions.FAULTS) of what is wrong with the question's options and
        range for this type."""
        faults = []
        options = question.get("options", [])
        if self.takes_options:
            if len(options) < 2:
                faults.append("few_options")
            if len(set(options)) != len(options):
                faults.append("repeated_option")
        elif options:
            faults.append("options_not_choice")
        ranged = question.get("min") is not None or question.get("max") is not None
        if ranged and not self.takes_range:
            faults.append("range_not_number")
        return faults

    # --- answering --------------------------------------------------------------------

    def form_field(self, question: Question, **common) -> forms.Field:
        raise NotImplementedError

    def stored(self, value):
        """A cleaned, non-empty answer as kept in the answer's JSON."""
        return value

    # --- counting and analysis -------------------------------------------------------

    def tally(self, value) -> TallyItems:
        """What a non-empty answer adds to the sealed tallies. Never text: an open answer
        stays in the answer itself."""
        return [("", None)]

    def columns(self, question: Question) -> list[tuple[str, str]]:
        """(stored value, label) of each answer the analysis counts ("choice" kind)."""
        return []

    # --- showing and exporting ---------------------------------------------------------

    def shown(self, value) -> str:
        """A non-empty answer as the follow-up page shows it."""
        if isinstance(value, list):
            return "、".join(str(item) for item in value)
        return str(value)

    def export_header(self, question: Question) -> str:
        return f"{question.number}. {question.text}"

    def export_cell(self, value) -> Value:
        """A non-empty answer as a cell of the raw export (anonymised: exports.py)."""
        return str(value)


def radio() -> forms.Widget:
    return forms.RadioSelect(attrs={"class": "form-check-input"})


def checkboxes() -> forms.Widget:
    return forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


def as_cell_number(value) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number
