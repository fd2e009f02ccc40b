"""Survey analysis: counts, shares, means and 95% intervals per question, cross-tabs by the
breakdowns a survey declared, and trends across the years a questionnaire was put again
(docs/decisions/0014-survey-analysis.md).

Everything is computed from the surveys' sealed tallies (`ballots.SurveyTally`: counts,
sums and sums of squares per breakdown group, question and answer, added up by the batch
job; decision 0019), for a survey and all its earlier rounds together, never by loading
the answers. Every count goes through `anxin.core.kanon` with the plan's `k`, and
the totals that several tables share (a group's respondents, an answer's overall count)
are hidden alike in every table of the survey, so that no table gives away what another
hides. A mean or an interval is shown only when its group's count is.

The API the page, the PDF report and exports build on:

    survey_analysis(survey, *, k=None) -> SurveyAnalysis
    k_for(survey) -> int
    tally_rows(survey, *, answers) -> list[ballots.TallyRow]          (by the batch job)
    answer_attributes(survey, employee, *, on) -> dict                (at submission)
    open_answer_themes(survey, question_key, k=) -> list[ThemeRow]   (themes.py, k rule)
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from anxin.core import kanon
from anxin.core.roc import roc_year
from anxin.people.ages import AGE_BANDS, age_band
from anxin.people.models import Employee, OrgUnit
from anxin.surveys import ballots
from anxin.surveys.definitions import LIKERT_LABELS, Question
from anxin.surveys.models import Survey

# The breakdowns a survey may declare, in the order the page offers them.
DIMENSIONS = {
    "gender": gettext_lazy("Gender"),
    "age_band": gettext_lazy("Age band"),
    "staff_category": gettext_lazy("Staff category"),
    "agency": gettext_lazy("Agency"),
}
AGE_LABELS = {
    "u30": gettext_lazy("Under 30"),
    "30s": gettext_lazy("30–39"),
    "40s": gettext_lazy("40–49"),
    "50s": gettext_lazy("50–59"),
    "60p": gettext_lazy("60 and over"),
}
# The tally row written once per submitted answer: it counts respondents.
RESPONDENT = ""
# Columns of the tables behind a multiple-choice option and a plain count.
PICKED, NOT_PICKED = "picked", "not_picked"
COUNT = "n"
Z95 = 1.959963984540054
# Student's t, 97.5% quantile, for 1–30 degrees of freedom.
T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


# --- statistics ------------------------------------------------------------------------


def t_critical(df: int) -> float:
    """The two-sided 95% critical value of Student's t with `df` degrees of freedom (a
    table up to 30, then the Cornish–Fisher expansion, within 0.001 of the exact value)."""
    if df < 1:
        raise ValueError("an interval needs at least one degree of freedom")
    if df <= len(T975):
        return T975[df - 1]
    z = Z95
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass(frozen=True)
class Moments:
    """Count, sum and sum of squares of a group's numeric answers (what SQL returns)."""

    n: int = 0
    total: float = 0.0
    squares: float = 0.0

    @property
    def mean(self) -> float | None:
        return self.total / self.n if self.n else None

    @property
    def sd(self) -> float | None:
        """The sample standard deviation (n - 1)."""
        if self.n < 2:
            return None
        variance = (self.squares - self.total * self.total / self.n) / (self.n - 1)
        return math.sqrt(max(variance, 0.0))

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval of the mean: mean ± t(n-1) · s / √n."""
        if self.n < 2:
            return None
        half = t_critical(self.n - 1) * self.sd / math.sqrt(self.n)
        return self.mean - half, self.mean + half

    def __add__(self, other: Moments) -> Moments:
        return Moments(self.n + other.n, self.total + other.total, self.squares + other.squares)


def wilson(part: int, whole: int) -> tuple[float, float] | None:
    """The 95% Wilson score interval of the share part / whole, as fractions."""
    if whole <= 0:
        return None
    p = part / whole
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * whole)) / (1 + z2 / whole)
    half = Z95 * math.sqrt(p * (1 - p) / whole + z2 / (4 * whole * whole)) / (1 + z2 / whole)
    return max(centre - half, 0.0), min(centre + half, 1.0)


# --- at submission -----------------------------------------------------------------------


def top_agency_id(unit: OrgUnit) -> int:
    """The top-level unit below the authority on the unit's path (the agency, never the
    section); the authority itself for staff placed directly under it. No query."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return ids[1] if len(ids) > 1 else ids[0]


def answer_attributes(survey: Survey, employee: Employee, *, on: date) -> dict:
    """The coarse attributes stored with an answer: only those the survey declared."""
    wanted = set(survey.breakdowns)
    attributes: dict = {}
    if "gender" in wanted:
        attributes["gender"] = employee.gender
    if "age_band" in wanted:
        attributes["age_band"] = age_band(employee.birth_date, on)
    if "staff_category" in wanted:
        attributes["staff_category"] = employee.staff_category
    if "agency" in wanted:
        attributes["agency"] = top_agency_id(employee.unit)
    return attributes


def tally_rows(survey: Survey, *, answers: dict) -> list[ballots.TallyRow]:
    """What one submitted answer adds to the tallies: the respondent, each answered
    question, each option picked in a multiple-choice question. No text is copied: open
    answers stay in the answer itself. The batch job counts them (`ballots`)."""
    row = ballots.TallyRow
    rows = [row(RESPONDENT)]
    for question in survey.version.parsed.questions:
        value = answers.get(question.key)
        if value in (None, "", []):
            continue
        if question.type == "single":
            rows.append(row(question.key, str(value)))
        elif question.type in ("likert5", "rating10"):
            rows.append(row(question.key, str(int(value)), float(value)))
        elif question.type == "number":
            rows.append(row(question.key, number=float(value)))
        elif question.type == "multiple":
            rows.append(row(question.key))
            rows += [row(question.key, str(option)) for option in value]
        else:  # date and open answers: counted as answered, nothing else
            rows.append(row(question.key))
    return rows


# --- the hook for open-answer themes -------------------------------------------------------


@dataclass(frozen=True)
class ThemeRow:
    """A theme as shown: its count through the k rule, its examples (only when at least k
    people gave it, decided in `themes.summarise`) and the words grouped under it."""

    label: str
    count: kanon.Display
    examples: list[str]
    terms: tuple[str, ...]


def open_answer_themes(survey: Survey, question_key: str, *, k: int) -> list[ThemeRow]:
    """The themes of a question's open answers (anxin/surveys/themes.py), for the page and
    the report. A theme given by fewer than k people shows "fewer than k", not its count."""
    from anxin.surveys import themes

    return [
        ThemeRow(
            label=theme.label,
            count=kanon.group_display(theme.count, theme.count, k=k),
            examples=list(theme.examples),
            terms=tuple(theme.terms),
        )
        for theme in themes.themes_for(survey, question_key)
    ]


# --- what the page and the report show -----------------------------------------------------


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
    for numeric questions the mean and the 95% interval, shown only when `n` is."""

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
    # "choice" (single, likert5, rating10), "multiple", "numeric" (number) or "answered"
    # (date and open answers: how many answered).
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
        return self.question.type in ("likert5", "rating10", "number")

    @property
    def scale(self) -> tuple[float, float] | None:
        """The range of a numeric answer, for charts."""
        if self.question.type == "likert5":
            return 1.0, 5.0
        if self.question.type == "rating10":
            return 0.0, 10.0
        return None


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


def k_for(survey: Survey) -> int:
    """The plan's k for the authority that owns the survey. One query."""
    from anxin.plans.services import plan_for_authority

    plan = plan_for_authority(survey.owner.root_id)
    return plan.k_threshold if plan else kanon.DEFAULT_K


# --- counting ------------------------------------------------------------------------------


def _choice_columns(question: Question) -> list[tuple[str, str]]:
    """(stored value, label) of each answer of a choice, Likert or rating question."""
    if question.type == "likert5":
        return [(str(v), f"{v} {LIKERT_LABELS[v]}") for v in range(1, 6)]
    if question.type == "rating10":
        return [(str(v), str(v)) for v in range(11)]
    return [(option, option) for option in question.options]


def _kind(question: Question) -> str:
    if question.type in ("single", "likert5", "rating10"):
        return "choice"
    if question.type == "multiple":
        return "multiple"
    if question.type == "number":
        return "numeric"
    return "answered"


def _same_question(a: Question, b: Question) -> bool:
    return a.type == b.type and _choice_columns(a) == _choice_columns(b)


# raw[survey_id][dimension or None][question][group][choice] = Moments
_Raw = dict


def _count(survey_ids: list[int], dimensions: set[str]) -> _Raw:
    """The surveys' sealed tallies (`ballots.tally_read`, one query): the totals and each
    declared breakdown's figures, already added up by the batch job. Their size depends on
    the groups and answers, not on the number of answers."""
    raw: _Raw = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(Moments))))
    )
    for survey_id, cells in ballots.tally_read(survey_ids).items():
        for (dimension, group, question, choice), (n, total, squares) in cells.items():
            if dimension and dimension not in dimensions:
                continue
            cell = raw[survey_id][dimension or None][question][group]
            cell[choice] = cell[choice] + Moments(n, total, squares)
    return raw


@dataclass
class _Item:
    """A table to suppress: a question (choice), one option of a multiple-choice question
    (picked / not picked), or a plain count (respondents, numeric and open questions)."""

    key: tuple
    columns: list[str]
    overall: dict[str, int]
    cells: dict[str, dict[object, dict[str, int]]]  # dimension -> group -> column -> count


def _items(questions: list[Question], raw_survey, dimensions: list[str]) -> list[_Item]:
    def plain(key, per_question) -> _Item:
        def n(groups) -> dict:
            return {
                group: {COUNT: sum(m.n for m in choices.values())}
                for group, choices in groups.items()
            }

        overall = sum(m.n for choices in per_question(None).values() for m in choices.values())
        return _Item(key, [COUNT], {COUNT: overall}, {d: n(per_question(d)) for d in dimensions})

    items = [plain(("respondents",), lambda d: raw_survey[d][RESPONDENT])]
    for question in questions:
        kind = _kind(question)
        per = (lambda key: lambda d: raw_survey[d][key])(question.key)
        if kind == "choice":
            columns = [value for value, _label in _choice_columns(question)]

            def cells(groups, columns=columns) -> dict:
                return {
                    group: {c: choices[c].n for c in columns if c in choices}
                    for group, choices in groups.items()
                }

            overall_choices = per(None).get("", {})
            items.append(
                _Item(
                    (question.key,),
                    columns,
                    {c: overall_choices[c].n for c in columns if c in overall_choices},
                    {d: cells(per(d)) for d in dimensions},
                )
            )
        elif kind == "multiple":
            everyone = per(None).get("", {})
            answered = everyone[RESPONDENT].n if RESPONDENT in everyone else 0
            for option in question.options:
                picked = everyone[option].n if option in everyone else 0

                def cells(groups, option=option) -> dict:
                    result = {}
                    for group, choices in groups.items():
                        total = choices[RESPONDENT].n if RESPONDENT in choices else 0
                        yes = choices[option].n if option in choices else 0
                        result[group] = {PICKED: yes, NOT_PICKED: total - yes}
                    return result

                items.append(
                    _Item(
                        (question.key, option),
                        [PICKED, NOT_PICKED],
                        {PICKED: picked, NOT_PICKED: answered - picked},
                        {d: cells(per(d)) for d in dimensions},
                    )
                )
        else:
            items.append(plain((question.key,), per))
    return items


@dataclass
class _Suppressed:
    overall: dict[tuple, kanon.SuppressedSeries]
    tables: dict[tuple[tuple, str], kanon.SuppressedTable]


def _suppress(items: list[_Item], groups: dict[str, list], k: int) -> _Suppressed:
    """Suppress every table of one survey so that the totals several tables show are hidden
    alike in all of them: a group's size is hidden in every table of the breakdown whose
    group sizes are the same numbers (the respondents, every question everybody answered,
    the options of one multiple-choice question) as soon as one of them hides it; an
    answer's overall count is hidden in the overall figures and in every breakdown's
    totals as soon as one of them hides it. Repeated until nothing changes (hidden sets
    only grow, so this ends)."""
    hidden_groups: dict[tuple, set] = defaultdict(set)
    hidden_totals: dict[tuple, set] = {item.key: set() for item in items}
    # The options of a multiple-choice question share their grand total (its respondents).
    hidden_grand: set[str] = set()
    while True:
        changed = False
        overall, tables = {}, {}
        for item in items:
            question = item.key[0]

            def note(hidden: set, item=item, question=question) -> bool:
                grand = None in hidden and question not in hidden_grand
                if grand:
                    hidden_grand.add(question)
                new = hidden - hidden_totals[item.key]
                hidden_totals[item.key] |= hidden
                return bool(new) or grand

            forced_totals = hidden_totals[item.key] | (
                {None} if question in hidden_grand else set()
            )
            series = kanon.suppress_series(
                {c: item.overall.get(c, 0) for c in item.columns}, k=k, hide=forced_totals
            )
            hidden = {c for c, entry in series.items() if entry.suppressed}
            hidden |= {None} if series.total.suppressed else set()
            changed |= note(hidden)
            overall[item.key] = series
            for dimension, rows in groups.items():
                present = set(rows)
                cells = {g: c for g, c in item.cells[dimension].items() if g in present}
                sizes = (dimension, *(sum(cells.get(g, {}).values()) for g in rows))
                forced = [(g, None) for g in hidden_groups[sizes]]
                forced += [(None, c) for c in forced_totals]
                table = kanon.suppress_table(
                    cells, k=k, rows=rows, columns=item.columns, hide=forced
                )
                rows_hidden = {g for g in rows if table.row_totals[g].suppressed}
                totals_hidden = {c for c in item.columns if table.column_totals[c].suppressed}
                totals_hidden |= {None} if table.total.suppressed else set()
                if rows_hidden - hidden_groups[sizes]:
                    hidden_groups[sizes] |= rows_hidden
                    changed = True
                changed |= note(totals_hidden)
                tables[(item.key, dimension)] = table
        if not changed:
            return _Suppressed(overall, tables)


# --- building what is shown ---------------------------------------------------------------


def _shown_moments(entry: kanon.Entry, moments: Moments | None) -> dict:
    """Mean and interval of a group, as Displays and as figures, hidden with its count."""
    mean = moments.mean if moments else None
    interval = moments.interval if moments else None
    shown = not entry.suppressed
    return {
        "mean": entry.format(mean, ".2f"),
        "low": entry.format(interval[0] if interval else None, ".2f"),
        "high": entry.format(interval[1] if interval else None, ".2f"),
        "mean_value": mean if shown else None,
        "interval": interval if shown else None,
    }


def _moments(question: Question, groups: dict, group) -> Moments | None:
    if question.type not in ("likert5", "rating10", "number"):
        return None
    total = Moments(0)
    for moments in groups.get(group, {}).values():
        total = total + moments
    return total


def _fraction(count: kanon.Entry, whole: kanon.Entry) -> float | None:
    if count.suppressed or whole.suppressed or not whole.count:
        return None
    return count.count / whole.count


def _overall_row(question: Question, kind: str, sup: _Suppressed, raw_survey, label: str) -> Row:
    everyone = raw_survey[None][question.key]
    if kind == "multiple":
        cells = []
        for option in question.options:
            series = sup.overall[(question.key, option)]
            part, whole = series[PICKED], series.total
            shown = _fraction(part, whole) is not None
            interval = wilson(part.count, whole.count) if shown else None
            cells.append(_cell(series.percent(PICKED), part, whole, interval))
        n = sup.overall[(question.key, question.options[0])].total
        return Row(None, label, n, cells)
    series = sup.overall[(question.key,)]
    if kind == "choice":
        cells = []
        for value, _label in _choice_columns(question):
            part = series[value]
            ok = _fraction(part, series.total) is not None
            interval = wilson(part.count, series.total.count) if ok else None
            cells.append(_cell(series.percent(value), part, series.total, interval))
    else:
        cells = []
    extra = {}
    if question.type in ("likert5", "rating10", "number"):
        extra = _shown_moments(series.total, _moments(question, everyone, ""))
    return Row(None, label, series.total, cells, **extra)


def _cell(percent, part, whole, interval) -> Cell:
    if interval is None:
        return Cell(part, percent, _fraction(part, whole))
    low = kanon.Display(format(100 * interval[0], ".1f"), False, part.k)
    high = kanon.Display(format(100 * interval[1], ".1f"), False, part.k)
    return Cell(part, percent, _fraction(part, whole), low, high, interval)


def _breakdown(
    question: Question, kind: str, dimension: str, title: str, groups: list, labels: dict,
    sup: _Suppressed, raw_survey, overall: Row,
) -> Table:  # fmt: skip
    per_group = raw_survey[dimension][question.key]
    rows = []
    for group in groups:
        if kind == "multiple":
            cells = []
            n = None
            for option in question.options:
                table = sup.tables[((question.key, option), dimension)]
                n = table.row_totals[group]
                part = table.cell(group, PICKED)
                cells.append(Cell(part, table.percent(group, PICKED), _fraction(part, n)))
            rows.append(Row(group, labels[group], n, cells))
            continue
        table = sup.tables[((question.key,), dimension)]
        n = table.row_totals[group]
        cells = []
        if kind == "choice":
            for value, _label in _choice_columns(question):
                part = table.cell(group, value)
                cells.append(Cell(part, table.percent(group, value), _fraction(part, n)))
        extra = {}
        if question.type in ("likert5", "rating10", "number"):
            extra = _shown_moments(n, _moments(question, per_group, group))
        rows.append(Row(group, labels[group], n, cells, **extra))
    return Table(dimension, title, rows, overall)


def _group_labels(dimension: str, present: set, agencies: dict[int, OrgUnit]) -> list:
    """The groups of a breakdown that have respondents, in their natural order."""
    if dimension == "gender":
        order = [(key, str(label)) for key, label in Employee.Gender.choices]
    elif dimension == "age_band":
        order = [(key, str(AGE_LABELS[key])) for key, *_ in AGE_BANDS]
    elif dimension == "staff_category":
        order = [(key, str(label)) for key, label in Employee.StaffCategory.choices]
    else:
        units = sorted((agencies[g] for g in present if g in agencies), key=lambda u: u.path)
        order = [(unit.pk, unit.name) for unit in units]
    return [(key, label) for key, label in order if key in present]


def survey_analysis(survey: Survey, *, k: int | None = None) -> SurveyAnalysis:
    """The analysis of `survey`, with the trend across the closed rounds of the same
    questionnaire by the same owner (and this survey). A fixed number of queries, however
    many answers: the rounds, the plan's k, the tallies, the agencies."""
    k = k if k is not None else k_for(survey)
    rounds = [
        other
        for other in Survey.objects.filter(
            version__questionnaire_id=survey.version.questionnaire_id, owner_id=survey.owner_id
        )
        .select_related("version")
        .order_by("opens_on", "pk")
        if other.pk == survey.pk or is_closed(other)
    ]
    dimensions = {d for other in rounds for d in other.breakdowns if d in DIMENSIONS}
    raw = _count([other.pk for other in rounds], dimensions)
    agency_ids = set()
    if "agency" in dimensions:
        for other in rounds:
            agency_ids |= set(raw[other.pk]["agency"][RESPONDENT])
    agencies = OrgUnit.objects.in_bulk(agency_ids) if agency_ids else {}

    # Earlier rounds give the trend their overall figures only: no themes of their texts.
    analyses = {
        other.pk: _analyse_one(other, raw[other.pk], k, agencies, themes=other.pk == survey.pk)
        for other in rounds
    }
    result = analyses[survey.pk]
    current = {q.question.key: q for q in result.questions}
    for other in rounds:
        year = roc_year(other.opens_on)
        for question in analyses[other.pk].questions:
            mine = current.get(question.question.key)
            if mine is not None and _same_question(mine.question, question.question):
                mine.trend.append(TrendPoint(other, year, question.overall))
    result.rounds = rounds
    return result


def _analyse_one(
    survey: Survey, raw_survey, k: int, agencies: dict, *, themes: bool = True
) -> SurveyAnalysis:
    questions = survey.version.parsed.questions
    declared = [d for d in DIMENSIONS if d in survey.breakdowns]
    groups: dict[str, list] = {}
    labels: dict[str, dict] = {}
    for dimension in declared:
        present = set(raw_survey[dimension][RESPONDENT])
        ordered = _group_labels(dimension, present, agencies)
        if ordered:
            groups[dimension] = [key for key, _label in ordered]
            labels[dimension] = dict(ordered)
    items = _items(questions, raw_survey, list(groups))
    sup = _suppress(items, groups, k)
    everyone = gettext("All respondents")

    respondents = sup.overall[("respondents",)].total
    respondent_row = Row(None, everyone, respondents, [])
    group_tables = {}
    for dimension, keys in groups.items():
        table = sup.tables[(("respondents",), dimension)]
        rows = [Row(g, labels[dimension][g], table.row_totals[g], []) for g in keys]
        group_tables[dimension] = Table(dimension, str(DIMENSIONS[dimension]), rows, respondent_row)

    results = []
    for question in questions:
        kind = _kind(question)
        if kind == "multiple":
            columns = list(question.options)
        elif kind == "choice":
            columns = [label for _value, label in _choice_columns(question)]
        else:
            columns = []
        overall = _overall_row(question, kind, sup, raw_survey, everyone)
        result = QuestionResult(question, kind, columns, overall)
        for dimension, keys in groups.items():
            result.tables[dimension] = _breakdown(
                question, kind, dimension, str(DIMENSIONS[dimension]), keys,
                labels[dimension], sup, raw_survey, overall,
            )  # fmt: skip
        if themes and question.type in ("short_text", "long_text"):
            result.themes = open_answer_themes(survey, question.key, k=k)
        results.append(result)
    return SurveyAnalysis(
        survey=survey,
        k=k,
        respondents=respondents,
        dimensions=[(d, str(DIMENSIONS[d])) for d in groups],
        groups=group_tables,
        questions=results,
        rounds=[survey],
    )


def reporting(survey: Survey) -> dict:
    """What the first page of the survey tells respondents about the analysis: the
    breakdowns and the plan's k. One query (the plan)."""
    return {
        "breakdowns": [str(DIMENSIONS[d]) for d in DIMENSIONS if d in survey.breakdowns],
        "k": k_for(survey),
    }
