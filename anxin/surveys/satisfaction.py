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
"""

from __future__ import annotations

from dataclasses import dataclass

from anxin.core.sealed import associated_data, unseal
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
    `dimension` the survey declared, e.g. an agency's id)."""

    survey: Survey
    question: Question
    dimension: str
    group: object
    level: str
    count: int


def satisfaction_answers(tallies, dimension: str = "") -> list[Answers]:
    """The satisfaction answers of the tallies (SurveyTally rows with their survey and its
    version loaded), everyone's (`group` None) and, when `dimension` is given and a survey
    declared it, each group's. No query; each version's definition is parsed once."""
    parsed: dict = {}
    found: list[Answers] = []
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
        counted: dict = {}
        for d, g, q, c, n, _sum, _squares in data["cells"]:
            question = wanted.get(q)
            if question is None or not n:
                continue
            if d == "":
                group = None
            elif dimension and d == dimension and dimension in survey.breakdowns:
                group = g
            else:
                continue
            level = level_of(question, c)
            if level is None:
                continue
            position = (question.key, d, group, level)
            counted[position] = counted.get(position, 0) + n
        found += [
            Answers(survey, wanted[key], d, group, level, n)
            for (key, d, group, level), n in counted.items()
        ]
    return found


def closed_tallies(since, before):
    """The tallies of the surveys that closed from `since` to the day before `before`,
    with their survey, version and event: narrow it further, it is read in one query."""
    return SurveyTally.objects.filter(
        survey__closes_on__gte=since, survey__closes_on__lt=before
    ).select_related("survey__version", "survey__owner", "survey__event__owner_unit")
