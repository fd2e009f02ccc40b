"""Scale questions: a point of a fixed scale, counted per point and averaged."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.surveys.questions.base import CHOICE, ERRORS, QuestionType, as_cell_number, radio

LIKERT_LABELS = {
    1: "非常不同意",
    2: "不同意",
    3: "普通",
    4: "同意",
    5: "非常同意",
}


class ScaleQuestion(QuestionType):
    """Answers are the integers of `points`, stored as numbers; each point is a column
    of the analysis and the tallies also add up the number for the mean."""

    points: range = range(0)
    is_scale = True
    is_picked = True
    inline = True
    result_kind = CHOICE
    has_mean = True

    def point_label(self, point: int) -> str:
        return str(point)

    def choices(self, options) -> list:
        return list(self.points)

    def form_field(self, question, **common) -> forms.Field:
        return forms.TypedChoiceField(
            choices=[(v, self.point_label(v)) for v in self.points], coerce=int,
            widget=radio(), error_messages=ERRORS, **common,
        )  # fmt: skip

    def tally(self, value):
        return [(str(int(value)), float(value))]

    def columns(self, question):
        return [(str(v), self.point_label(v)) for v in self.points]

    def export_cell(self, value):
        return as_cell_number(value)


class Likert5(ScaleQuestion):
    code = "likert5"
    label = _("Likert scale 1–5 (strongly disagree – strongly agree)")
    points = range(1, 6)
    scale = (1.0, 5.0)

    def point_label(self, point: int) -> str:
        return f"{point} {LIKERT_LABELS[point]}"

    def export_cell(self, value):
        # The wording, as a reader of the spreadsheet would have seen it.
        return LIKERT_LABELS.get(int(value), str(value))


class Rating10(ScaleQuestion):
    code = "rating10"
    label = _("Rating 0–10")
    points = range(11)
    scale = (0.0, 10.0)
