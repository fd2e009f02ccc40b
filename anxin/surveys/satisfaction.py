"""Satisfaction read from the surveys' sealed tallies, for the service-results dashboard
(docs/decisions/0077-satisfaction-indicators.md). Read-only.

- Which questions count: the scale questions (Likert, rating) a questionnaire marks with
  `satisfaction: true`; on an event's feedback survey whose questionnaire marks none (a
  version published before the marker existed), every scale question.
- Levels: an answer above the middle of its scale is *satisfied* (4–5 of 1–5, 6–10 of
  0–10), the middle itself *neutral* (3 of 1–5, 5 of 0–10), below it *not satisfied*.
- What is read: only the survey's tally (`SurveyTally`), which is what the survey's own
  analysis reads: per declared breakdown group, question and answer, a count. Never an
  answer, never a receipt: nothing links an anonymous answer to anyone.
- What may count: only what the survey's analysis page gives away. Its tables are
  suppressed here as the page suppresses them (its own function, its k: the plan's), and
  a question's answers of a group (everyone, or a group of the breakdown read) count only
  when each of their levels can be read off the page: every point of the scale shown, or
  the points hidden all of one level with the group's total shown (the level is then the
  total minus the points shown, a difference the page's own k rule allows). Otherwise
  that question of that group counts in no level at all: a level left out alone would
  be given away by the total minus the others, and would make the share satisfied lean.
"""

from __future__ import annotations

from dataclasses import dataclass

from anxin.core import kanon
from anxin.core.sealed import associated_data, unseal
from anxin.people.models import OrgUnit
from anxin.plans.services import k_for
from anxin.surveys.analysis.breakdowns import DIMENSIONS
from anxin.surveys.analysis.building import suppressed_tables
from anxin.surveys.analysis.counting import RESPONDENT, raw_of
from anxin.surveys.analysis.suppression import Suppressed
from anxin.surveys.definitions import Question
from anxin.surveys.models import Survey, SurveyTally

SATISFIED, NEUTRAL, NOT_SATISFIED = "satisfied", "neutral", "not_satisfied"
LEVELS = (SATISFIED, NEUTRAL, NOT_SATISFIED)


def level_of(question: Question, point: str) -> str | None:
    """The level of an answer (a tally's choice: "4") to a scale question; None for what
    is not a point of its scale."""
    low, high = question.qtype.scale
    try:
        value = float(point)
    except ValueError:
        return None
    if not low <= value <= high:
        return None
    middle = (low + high) / 2
    if value > middle:
        return SATISFIED
    return NEUTRAL if value == middle else NOT_SATISFIED


def satisfaction_questions(survey: Survey, questions: list[Question]) -> list[Question]:
    """The questions of `survey` (its version's `questions`) that count as satisfaction."""
    scales = [question for question in questions if question.qtype.is_scale]
    marked = [question for question in scales if question.satisfaction]
    if marked or survey.event_id is None:
        return marked
    return scales


@dataclass(frozen=True)
class Answers:
    """How many answers of one satisfaction question of a survey fell in one level, in one
    group of the survey's tally (`group` None: every respondent; else a group of the
    `dimension` the survey declared, e.g. an agency's id). `counted`: whether the survey's
    analysis page gives this question's levels away for this group, so that the dashboard
    may count them (the same for every level of a question and group; for everyone, read
    with a `dimension`, also every group of it, since the answers of no group are everyone
    less the groups)."""

    survey: Survey
    question: Question
    dimension: str
    group: object
    level: str
    count: int
    counted: bool = True


def _readable(question: Question, cells: list[tuple[str, kanon.Entry]], total: kanon.Entry) -> bool:
    """Can every level of `question` be read off one line of its analysis (a group's
    answers by point, `cells`, and their `total`)?"""
    hidden = {level_of(question, point) for point, entry in cells if entry.suppressed}
    if not hidden:
        return True
    return len(hidden) == 1 and None not in hidden and not total.suppressed


def _readable_lines(question: Question, sup: Suppressed, dimension: str, groups: list) -> dict:
    """{group (None: everyone): readable} of `question`, from the survey's suppressed
    tables; a group the analysis does not show (an agency no longer there) is not."""
    series = sup.overall[(question.key,)]
    lines = {None: _readable(question, series.items(), series.total)}
    table = sup.tables.get(((question.key,), dimension)) if dimension else None
    if table is not None:
        for group in groups:
            cells = [(point, table.cell(group, point)) for point in table.columns]
            lines[group] = _readable(question, cells, table.row_totals[group])
    return lines


def satisfaction_answers(tallies, dimension: str = "") -> list[Answers]:
    """The satisfaction answers of the tallies (SurveyTally rows with their survey, its
    owner and its version loaded), everyone's (`group` None) and, when `dimension` is
    given and a survey declared it, each group's; each marked `counted` or not as the
    survey's analysis page shows them. Each version's definition is parsed once. Two
    queries at most, whatever the number of surveys: the plan's k (the analysis's, one per
    authority) and the agencies of the surveys reported by agency (the analysis orders and
    keeps its agency groups by them)."""
    parsed: dict = {}
    read: list = []
    agency_ids: set = set()
    for tally in tallies:
        survey = tally.survey
        if not tally.payload:
            continue
        if survey.version_id not in parsed:
            parsed[survey.version_id] = survey.version.parsed.questions
        wanted = {
            question.key: question
            for question in satisfaction_questions(survey, parsed[survey.version_id])
        }
        if not wanted:
            continue
        data = unseal(tally.payload, aad=associated_data(tally, "payload"))
        cells = {(d, g, q, c): [n, s, ss] for d, g, q, c, n, s, ss in data["cells"]}
        raw = raw_of(cells, {d for d in survey.breakdowns if d in DIMENSIONS})
        if "agency" in survey.breakdowns:
            agency_ids |= set(raw["agency"][RESPONDENT])
        read.append((survey, wanted, cells, raw))
    agencies = OrgUnit.objects.in_bulk(agency_ids) if agency_ids else {}
    ks: dict = {}
    found: list[Answers] = []
    for survey, wanted, cells, raw in read:
        root = survey.owner.root_id
        if root not in ks:
            ks[root] = k_for(survey.owner)
        questions = parsed[survey.version_id]
        groups, _labels, sup = suppressed_tables(survey, questions, raw, ks[root], agencies)
        by = dimension if dimension and dimension in survey.breakdowns else ""
        readable = {
            key: _readable_lines(question, sup, by, groups.get(by, []))
            for key, question in wanted.items()
        }
        # A group of the tally the analysis does not show (an agency no longer there)
        # leaves everyone less the groups unreadable.
        strays = {q for d, g, q, _c in cells if by and d == by and g not in readable.get(q, {g})}
        counted: dict = {}
        for (d, g, q, c), (n, _sum, _squares) in cells.items():
            question = wanted.get(q)
            if question is None or not n:
                continue
            if d == "":
                group = None
            elif by and d == by:
                group = g
            else:
                continue
            level = level_of(question, c)
            if level is None:
                continue
            position = (question.key, d, group, level)
            counted[position] = counted.get(position, 0) + n
        for (key, d, group, level), n in counted.items():
            lines = readable[key]
            shown = lines.get(group, False)
            if group is None and by:
                shown = all(lines.values()) and key not in strays
            found.append(Answers(survey, wanted[key], d, group, level, n, shown))
    return found


def closed_tallies(since, before):
    """The tallies of the surveys that closed from `since` to the day before `before`,
    with their survey, version and event: narrow it further, it is read in one query."""
    return SurveyTally.objects.filter(
        survey__closes_on__gte=since, survey__closes_on__lt=before
    ).select_related("survey__version", "survey__owner", "survey__event__owner_unit")
