"""What the page, the report and the exports show: cells, rows and tables of counts,
shares and means, hidden as the suppression decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from anxin.core import kanon
from anxin.surveys.definitions import Question
from anxin.surveys.models import Survey
from anxin.surveys.questions.base import CHOICE, MULTIPLE


@dataclass(frozen=True)
class Cell:
    """One answer in one group: its count and its share of the group's respondents to the
    question (both hidden as the suppression decided)."""

    count: kanon.Entry
    percent: kanon.Display
    # The share as a fraction, for charts; None when hidden or of nobody.
    share: float | None = None
    # The 95% Wilson interval of the share (overall row only), as text and as fractions.
    low: kanon.Display | None = None
    high: kanon.Display | None = None
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class Row:
    """A group (or everyone, or a year): its respondents to the question, its answers, and
    for numeric questions the mean and the 95% interval, shown only when `n` and every
    answer count are (decision 0080)."""

    key: object
    label: str
    n: kanon.Entry
    cells: list[Cell]
    mean: kanon.Display | None = None
    low: kanon.Display | None = None
    high: kanon.Display | None = None
    # Raw figures for charts, None when hidden.
    mean_value: float | None = None
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class Table:
    """A question (or the respondents) by one breakdown: a row per group, the overall row
    last."""

    dimension: str
    title: str
    rows: list[Row]
    total: Row


@dataclass(frozen=True)
class TrendPoint:
    survey: Survey
    year: int  # ROC year
    row: Row


@dataclass
class QuestionResult:
    question: Question
    # What the type's analysis is (questions.base: "choice", "multiple", "numeric" or
    # "answered", the last for date and open answers: how many answered).
    kind: str
    columns: list[str]  # answer labels, in order
    overall: Row
    tables: dict[str, Table] = field(default_factory=dict)  # by breakdown
    trend: list[TrendPoint] = field(default_factory=list)  # this survey and earlier rounds
    themes: list = field(default_factory=list)

    @property
    def answers(self) -> list[tuple[str, Cell]]:
        """(answer label, overall cell) of a choice or multiple-choice question."""
        return list(zip(self.columns, self.overall.cells, strict=True))

    @property
    def has_mean(self) -> bool:
        return self.question.qtype.has_mean

    @property
    def scale(self) -> tuple[float, float] | None:
        """The range of a numeric answer, for charts."""
        return self.question.qtype.scale

    @property
    def by_answer(self) -> bool:
        """Counted per answer (a choice or multiple-choice question): bars and columns."""
        return self.kind in (CHOICE, MULTIPLE)


@dataclass
class SurveyAnalysis:
    survey: Survey
    k: int
    respondents: kanon.Entry
    dimensions: list[tuple[str, str]]  # (key, label) of the breakdowns with data
    groups: dict[str, Table]  # respondents by each breakdown
    questions: list[QuestionResult]
    rounds: list[Survey]  # the surveys of the trend, oldest first, this one included

    @property
    def is_closed(self) -> bool:
        return is_closed(self.survey)


def is_closed(survey: Survey, on: date | None = None) -> bool:
    """Results are shown once the survey has closed, so that two looks a day apart cannot
    be subtracted to learn one person's answer."""
    return (on or timezone.localdate()) > survey.closes_on
