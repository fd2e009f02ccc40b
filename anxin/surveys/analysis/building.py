"""Building the analysis of a survey from its tallies and the earlier rounds of its
questionnaire: the suppressed tables turned into results."""

from __future__ import annotations

from django.utils.translation import gettext

from anxin.core import kanon
from anxin.core.roc import roc_year
from anxin.people.models import OrgUnit
from anxin.plans.services import k_for
from anxin.surveys.analysis.breakdowns import DIMENSIONS, group_labels
from anxin.surveys.analysis.counting import PICKED, RESPONDENT, read_tallies, table_items
from anxin.surveys.analysis.means import hide_revealing_means
from anxin.surveys.analysis.open_answers import open_answer_themes
from anxin.surveys.analysis.results import (
    Cell,
    QuestionResult,
    Row,
    SurveyAnalysis,
    Table,
    TrendPoint,
    is_closed,
)
from anxin.surveys.analysis.statistics import Moments, wilson
from anxin.surveys.analysis.suppression import Suppressed, suppress
from anxin.surveys.definitions import Question
from anxin.surveys.models import Survey
from anxin.surveys.questions.base import CHOICE, MULTIPLE


def _same_question(a: Question, b: Question) -> bool:
    return a.type == b.type and a.qtype.columns(a) == b.qtype.columns(b)


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
    if not question.qtype.has_mean:
        return None
    total = Moments(0)
    for moments in groups.get(group, {}).values():
        total = total + moments
    return total


def _fraction(count: kanon.Entry, whole: kanon.Entry) -> float | None:
    if count.suppressed or whole.suppressed or not whole.count:
        return None
    return count.count / whole.count


def _overall_row(question: Question, kind: str, sup: Suppressed, raw_survey, label: str) -> Row:
    everyone = raw_survey[None][question.key]
    if kind == MULTIPLE:
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
    if kind == CHOICE:
        cells = []
        for value, _label in question.qtype.columns(question):
            part = series[value]
            ok = _fraction(part, series.total) is not None
            interval = wilson(part.count, series.total.count) if ok else None
            cells.append(_cell(series.percent(value), part, series.total, interval))
    else:
        cells = []
    extra = {}
    if question.qtype.has_mean:
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
    sup: Suppressed, raw_survey, overall: Row,
) -> Table:  # fmt: skip
    per_group = raw_survey[dimension][question.key]
    rows = []
    for group in groups:
        if kind == MULTIPLE:
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
        if kind == CHOICE:
            for value, _label in question.qtype.columns(question):
                part = table.cell(group, value)
                cells.append(Cell(part, table.percent(group, value), _fraction(part, n)))
        extra = {}
        if question.qtype.has_mean:
            extra = _shown_moments(n, _moments(question, per_group, group))
        rows.append(Row(group, labels[group], n, cells, **extra))
    return Table(dimension, title, rows, overall)


def survey_analysis(survey: Survey, *, k: int | None = None) -> SurveyAnalysis:
    """The analysis of `survey`, with the trend across the closed rounds of the same
    questionnaire by the same owner (and this survey). A fixed number of queries, however
    many answers: the rounds, the plan's k, the tallies, the agencies."""
    k = k if k is not None else k_for(survey.owner)
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
    raw = read_tallies([other.pk for other in rounds], dimensions)
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


def suppressed_tables(
    survey: Survey, questions: list[Question], raw_survey, k: int, agencies: dict
) -> tuple[dict[str, list], dict[str, dict], Suppressed]:
    """Every table of `survey` (its version's `questions`; its part of the tallies read
    back, `raw_survey`) through the k rule, as its analysis shows them: the groups of each
    declared breakdown that have respondents, in page order, their labels, and the
    suppressed tables. `agencies` holds the agencies of its groups ({id: OrgUnit}; one
    missing is not a group). No query. The service-results dashboard counts satisfaction
    only from what these show (anxin/surveys/satisfaction.py)."""
    declared = [d for d in DIMENSIONS if d in survey.breakdowns]
    groups: dict[str, list] = {}
    labels: dict[str, dict] = {}
    for dimension in declared:
        present = set(raw_survey[dimension][RESPONDENT])
        ordered = group_labels(dimension, present, agencies)
        if ordered:
            groups[dimension] = [key for key, _label in ordered]
            labels[dimension] = dict(ordered)
    items = table_items(questions, raw_survey, list(groups))
    return groups, labels, suppress(items, groups, k)


def _analyse_one(
    survey: Survey, raw_survey, k: int, agencies: dict, *, themes: bool = True
) -> SurveyAnalysis:
    questions = survey.version.parsed.questions
    groups, labels, sup = suppressed_tables(survey, questions, raw_survey, k, agencies)
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
        kind = question.qtype.result_kind
        columns = [label for _value, label in question.qtype.columns(question)]
        overall = _overall_row(question, kind, sup, raw_survey, everyone)
        result = QuestionResult(question, kind, columns, overall)
        for dimension, keys in groups.items():
            result.tables[dimension] = _breakdown(
                question, kind, dimension, str(DIMENSIONS[dimension]), keys,
                labels[dimension], sup, raw_survey, overall,
            )  # fmt: skip
        hide_revealing_means(result)
        if themes and question.qtype.is_text:
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
        "k": k_for(survey.owner),
    }
