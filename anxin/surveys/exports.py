"""Exports of a survey as ODS, XLSX and CSV (docs/decisions/0015-themes-exports.md).

`writer_for(fmt)` gives the project's spreadsheet writer (anxin/core/sheets.py), which
writes named tables in one of the three formats (`write_table(sheet_name, header, rows)`,
then `finish()` gives the file's bytes): the raw data below and the results tables
(anxin/surveys/report.py) go through it.

The raw export is anonymised, whatever the survey's mode:

- one row per answer, in a random order (not the order of submission), numbered 1, 2, ...
  after shuffling: the number is not the response's id;
- the survey's year (ROC) is the only time: no submission day or time, and a date
  question's answers are cut to their year;
- no person, unit or response id; choice answers as their zh-Hant labels (Likert as its
  wording), numbers as numbers;
- free-text answers only when the person exporting asks for them (off by default: free
  text may name people or tell who wrote it), with e-mail addresses and numbers masked as
  in theme examples;
- refused while the survey has fewer than `k` answers (the plan's k); an anonymous
  survey's answers count once the batch job has written them (decision 0019).

Answers are read in batches of BATCH_SIZE rows by primary key, after reading and shuffling
the keys: the queries grow with the number of batches, not of rows.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _

from anxin.core import sheets
from anxin.core.refusals import Refused
from anxin.core.roc import roc_year
from anxin.plans.services import k_for
from anxin.surveys import ballots
from anxin.surveys.definitions import Definition, Question
from anxin.surveys.models import AnonymousAnswer, Response, Survey
from anxin.surveys.questions import Value

FORMATS = sheets.FORMATS
CONTENT_TYPES = {
    **sheets.CONTENT_TYPES,
    "pdf": "application/pdf",  # the report (anxin/surveys/report.py)
}
BATCH_SIZE = 500


# --- writing tables -----------------------------------------------------------------------


def writer_for(fmt: str) -> sheets.SheetWriter:
    """The project's one spreadsheet writer (anxin/core/sheets.py), which keeps text that
    starts like a formula as text in every format."""
    return sheets.sheet_writer(fmt)


# --- the raw data ---------------------------------------------------------------------------


def refuse_unless_exportable(survey: Survey, *, k: int | None = None) -> int:
    """The number of answers, if the survey may be exported (at least k); Refused
    otherwise."""
    k = k if k is not None else k_for(survey.owner)
    answered = _answers(survey).count()
    anonymous = answered < k and survey.mode == Survey.Mode.ANONYMOUS
    waiting = ballots.pending_count(survey) if anonymous else 0
    if waiting:
        raise Refused(
            "waiting",
            _(
                "This survey has %(count)s answers that can be exported; %(waiting)s more "
                "are kept sealed until they are written together with others (at least "
                "%(batch)s at a time, or all together after closing), so that no answer can "
                "be matched to the person who gave it. An export needs at least %(k)s."
            )
            % {
                "count": answered,
                "waiting": waiting,
                "batch": ballots.batch_size(survey),
                "k": k,
            },
        )
    if answered < k:
        raise Refused(
            "too_few",
            _(
                "This survey has %(count)s answers. An export needs at least %(k)s, so that "
                "no answer can be traced back to a small group."
            )
            % {"count": answered, "k": k},
        )
    return answered


def _answers(survey: Survey):
    if survey.mode == Survey.Mode.ANONYMOUS:
        return AnonymousAnswer.objects.filter(survey=survey)
    return Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)


def raw_questions(definition: Definition, *, include_text: bool) -> list[Question]:
    return [
        question for question in definition.questions if include_text or not question.qtype.is_text
    ]


def raw_header(questions: list[Question]) -> list[str]:
    return [_("No."), _("Survey year (ROC)"), *(q.qtype.export_header(q) for q in questions)]


def cell_value(question: Question, value) -> Value:
    """One answer as a spreadsheet cell: labels for choices, numbers as numbers, a date
    as its ROC year, free text masked."""
    if value is None or value == "" or value == []:
        return None
    return question.qtype.export_cell(value)


def raw_rows(
    survey: Survey,
    questions: list[Question],
    *,
    batch_size: int = BATCH_SIZE,
    on_start: Callable[[int], object] | None = None,
    progress: Callable[[int], object] | None = None,
) -> Iterator[list[Value]]:
    """The rows of the raw export, shuffled. One query for the keys, one per batch."""
    answers = _answers(survey)
    keys = list(answers.values_list("pk", flat=True))
    random.SystemRandom().shuffle(keys)
    if on_start:
        on_start(len(keys))
    year = roc_year(survey.opens_on)
    number = 0
    for start in range(0, len(keys), batch_size):
        batch = keys[start : start + batch_size]
        found = dict(answers.filter(pk__in=batch).values_list("pk", "answers"))
        for key in batch:
            number += 1
            given = found.get(key) or {}
            yield [number, year, *(cell_value(q, given.get(q.key)) for q in questions)]
        if progress:
            progress(number)


def raw_export(
    survey: Survey,
    fmt: str,
    *,
    include_text: bool = False,
    batch_size: int = BATCH_SIZE,
    on_start: Callable[[int], object] | None = None,
    progress: Callable[[int], object] | None = None,
) -> tuple[bytes, int]:
    """The anonymised answers of `survey` as a file in `fmt`, and its number of rows."""
    refuse_unless_exportable(survey)
    questions = raw_questions(survey.version.parsed, include_text=include_text)
    writer = writer_for(fmt)
    counted = []

    def report(done: int) -> None:
        counted[:] = [done]
        if progress:
            progress(done)

    rows = raw_rows(survey, questions, batch_size=batch_size, on_start=on_start, progress=report)
    writer.write_table(_("Answer data"), raw_header(questions), rows)
    return writer.finish(), (counted[0] if counted else 0)


def export_filename(survey: Survey, fmt: str) -> str:
    title = re.sub(r'[\\/:*?"<>|\s]+', "_", survey.title).strip("_") or "survey"
    return f"{title}-{roc_year(survey.opens_on)}-{_('Answer data')}.{fmt}"
