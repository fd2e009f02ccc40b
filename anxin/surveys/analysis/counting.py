"""Counting: the sealed tallies (what each answer added, `ballots.tally_rows`, asked of
its question's type) read back as the tables the suppression works on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from anxin.surveys import ballots
from anxin.surveys.analysis.statistics import Moments
from anxin.surveys.definitions import Question
from anxin.surveys.questions.base import CHOICE, MULTIPLE

# The tally row written once per submitted answer: it counts respondents.
RESPONDENT = ballots.RESPONDENT
# Columns of the tables behind a multiple-choice option and a plain count.
PICKED, NOT_PICKED = "picked", "not_picked"
COUNT = "n"


# raw[survey_id][dimension or None][question][group][choice] = Moments
Raw = dict


def _survey_raw() -> dict:
    return defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(Moments))))


def raw_of(cells: dict, dimensions: set[str]) -> dict:
    """One survey's tally cells ({(dimension, group, question, choice): [count, sum, sum of
    squares]}, as `ballots.tally_read` gives them) read back as that survey's part of
    `Raw`: the totals and the figures of the breakdowns in `dimensions`. No query."""
    raw = _survey_raw()
    for (dimension, group, question, choice), (n, total, squares) in cells.items():
        if dimension and dimension not in dimensions:
            continue
        cell = raw[dimension or None][question][group]
        cell[choice] = cell[choice] + Moments(n, total, squares)
    return raw


def read_tallies(survey_ids: list[int], dimensions: set[str]) -> Raw:
    """The surveys' sealed tallies (`ballots.tally_read`, one query): the totals and each
    declared breakdown's figures, already added up by the batch job. Their size depends on
    the groups and answers, not on the number of answers."""
    raw: Raw = defaultdict(_survey_raw)
    for survey_id, cells in ballots.tally_read(survey_ids).items():
        raw[survey_id] = raw_of(cells, dimensions)
    return raw


@dataclass
class Item:
    """A table to suppress: a question (choice), one option of a multiple-choice question
    (picked / not picked), or a plain count (respondents, numeric and open questions)."""

    key: tuple
    columns: list[str]
    overall: dict[str, int]
    cells: dict[str, dict[object, dict[str, int]]]  # dimension -> group -> column -> count


def table_items(questions: list[Question], raw_survey, dimensions: list[str]) -> list[Item]:
    def plain(key, per_question) -> Item:
        def n(groups) -> dict:
            return {
                group: {COUNT: sum(m.n for m in choices.values())}
                for group, choices in groups.items()
            }

        overall = sum(m.n for choices in per_question(None).values() for m in choices.values())
        return Item(key, [COUNT], {COUNT: overall}, {d: n(per_question(d)) for d in dimensions})

    items = [plain(("respondents",), lambda d: raw_survey[d][RESPONDENT])]
    for question in questions:
        kind = question.qtype.result_kind
        per = (lambda key: lambda d: raw_survey[d][key])(question.key)
        if kind == CHOICE:
            columns = [value for value, _label in question.qtype.columns(question)]

            def cells(groups, columns=columns) -> dict:
                return {
                    group: {c: choices[c].n for c in columns if c in choices}
                    for group, choices in groups.items()
                }

            overall_choices = per(None).get("", {})
            items.append(
                Item(
                    (question.key,),
                    columns,
                    {c: overall_choices[c].n for c in columns if c in overall_choices},
                    {d: cells(per(d)) for d in dimensions},
                )
            )
        elif kind == MULTIPLE:
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
                    Item(
                        (question.key, option),
                        [PICKED, NOT_PICKED],
                        {PICKED: picked, NOT_PICKED: answered - picked},
                        {d: cells(per(d)) for d in dimensions},
                    )
                )
        else:
            items.append(plain((question.key,), per))
    return items
