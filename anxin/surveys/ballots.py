"""Answers in shuffled batches, so that nothing in the database pairs a person with an
answer (docs/decisions/0019-anonymous-batches.md).

At submission every answer, in every mode, becomes one sealed `PendingAnswer`: what was
answered and the declared attributes for the tallies, and for an anonymous survey also
who answered. An insider who reads the database sees ciphertext padded to a size class
and a keyed token (HMAC of survey and person under the data key) that names nobody
without the key; the token refuses a second answer. `ballots_run` (the `survey_ballots`
job of `due.py`) then moves pending answers, in one transaction per survey:

- confidential and identified surveys (the `Response` already names the person): every
  pending answer into the tallies, at each run;
- an open anonymous survey: once at least `batch_size` (max(k, MIN_BATCH)) are waiting,
  all of them: receipts and answers inserted in separately shuffled orders with random
  keys, the tallies added up, the pending rows deleted. Within the transaction every row
  of the batch shares its transaction id, storage neighbourhood and time, so none of them
  tells which receipt goes with which answer: the batch is the anonymity set;
- a closed anonymous survey: once, all of its answers, those already written and those
  pending, deleted and written again in one shuffled batch with new keys, so that the
  whole survey is the anonymity set and no batch, however small, stands alone. While the
  survey has fewer than k answers in all, they stay pending (sealed) and nothing is shown.

The tallies of a survey are one sealed value (`SurveyTally`): per breakdown group,
question and answer, the count, sum and sum of squares. No row belongs to one respondent,
and the small groups that the k rule hides on the page are not readable in the table
either. Reading them is not reading a person's record: no access-log row is written (as
for key rotation).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from anxin.core.sealed import associated_data, keyring, seal_into, unseal
from anxin.people.models import Employee
from anxin.surveys.models import (
    AnonymousAnswer,
    AnonymousReceipt,
    PendingAnswer,
    Survey,
    SurveyTally,
)

# The smallest batch an open anonymous survey's answers are written in, whatever k is.
MIN_BATCH = 10
# Sealed pending answers are padded to a power of two of at least this many bytes, so
# that the ciphertext's length tells little of the answer's (decision 0019).
PAD_FLOOR = 4096
# A tally cell: (breakdown or "" for everyone, group or "", question, choice).
Cell = tuple[str, object, str, str]


# --- tokens -------------------------------------------------------------------------------


def _token_for(key_id: str, key: bytes, survey: Survey, employee: Employee) -> str:
    message = b"anxin.surveys.ballot:" + survey.uuid.bytes + employee.uuid.bytes
    digest = hmac.new(key, message, hashlib.sha256).hexdigest()
    return f"{key_id}:{digest}"


def ballot_token(survey: Survey, employee: Employee) -> str:
    """The keyed token of a pending answer, under the primary data key."""
    ring = keyring()
    return _token_for(ring.primary, ring.keys[ring.primary], survey, employee)


def ballot_tokens(survey: Survey, employee: Employee) -> list[str]:
    """The token under every key of the ring (a key rotated since the answer was given
    still finds it), the primary first."""
    ring = keyring()
    ids = [ring.primary, *(k for k in ring.keys if k != ring.primary)]
    return [_token_for(key_id, ring.keys[key_id], survey, employee) for key_id in ids]


def is_pending(survey: Survey, employee: Employee) -> bool:
    return PendingAnswer.objects.filter(
        survey=survey, token__in=ballot_tokens(survey, employee)
    ).exists()


def pending_surveys(surveys: Iterable[Survey], employee: Employee) -> set[int]:
    """The ids of `surveys` the employee has a pending answer to. One query."""
    wanted = {token: survey.pk for survey in surveys for token in ballot_tokens(survey, employee)}
    if not wanted:
        return set()
    found = PendingAnswer.objects.filter(token__in=list(wanted)).values_list("token", flat=True)
    return {wanted[token] for token in found}


def pending_employees(survey: Survey, employees: Iterable[Employee]) -> set[int]:
    """The ids of `employees` (with their uuid loaded) who have a pending answer to
    `survey`: tokens computed here, one query."""
    wanted = {
        token: employee.pk for employee in employees for token in ballot_tokens(survey, employee)
    }
    found = PendingAnswer.objects.filter(survey=survey, token__in=list(wanted)).values_list(
        "token", flat=True
    )
    return {wanted[token] for token in found}


# --- submission ---------------------------------------------------------------------------


def _padded(value: dict) -> dict:
    """`value` with a filler that brings its serialised size to the next size class."""
    size = len(
        json.dumps({"v": value, "pad": ""}, ensure_ascii=False, separators=(",", ":")).encode()
    )
    target = PAD_FLOOR
    while target < size:
        target *= 2
    return {"v": value, "pad": " " * (target - size)}


def pending_add(*, survey: Survey, employee: Employee, answers: dict, attributes: dict) -> None:
    """Seal one submitted answer into the pool; the caller holds the transaction. For an
    anonymous survey the payload carries who answered (for the receipt written with the
    batch) and the token refuses a second answer (IntegrityError)."""
    value = {"answers": answers, "attributes": attributes}
    if survey.mode == Survey.Mode.ANONYMOUS:
        value["employee"] = employee.pk
    pending = PendingAnswer(survey=survey, token=ballot_token(survey, employee))
    seal_into(pending, "payload", _padded(value))
    pending.save(force_insert=True)


def _opened(pending: PendingAnswer) -> dict:
    return unseal(pending.payload, aad=associated_data(pending, "payload"))["v"]


# --- tallies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TallyRow:
    """One counted item of an answer: the respondent (question ""), an answered question,
    or an option picked; `number` for numeric answers."""

    question: str
    choice: str = ""
    number: float | None = None


def tally_cells(rows: list[TallyRow], attributes: dict) -> Iterable[tuple[Cell, float | None]]:
    """Where each item of one answer is counted: everyone, and the answer's group in each
    declared breakdown."""
    groups = [(d, g) for d, g in attributes.items() if g not in (None, "")]
    for row in rows:
        yield ("", "", row.question, row.choice), row.number
        for dimension, group in groups:
            yield (dimension, group, row.question, row.choice), row.number


def tally_read(survey_ids: list[int]) -> dict[int, dict[Cell, list]]:
    """{survey id: {cell: [count, sum, sum of squares]}} of the surveys' sealed tallies.
    One query."""
    result: dict[int, dict[Cell, list]] = {}
    for tally in SurveyTally.objects.filter(survey_id__in=survey_ids).exclude(payload=""):
        data = unseal(tally.payload, aad=associated_data(tally, "payload"))
        result[tally.survey_id] = {
            (d, g, q, c): [n, s, ss] for d, g, q, c, n, s, ss in data["cells"]
        }
    return result


def _fold(tally: SurveyTally, items: list[dict], survey: Survey) -> None:
    """Add the answers of `items` (opened pending payloads) to the survey's tally."""
    # cycle: anxin.surveys.analysis -> anxin.surveys.ballots (analysis reads the tallies here)
    from anxin.surveys.analysis import tally_rows

    cells: dict[Cell, list] = defaultdict(lambda: [0, 0.0, 0.0])
    if tally.payload:
        data = unseal(tally.payload, aad=associated_data(tally, "payload"))
        for d, g, q, c, n, s, ss in data["cells"]:
            cells[(d, g, q, c)] = [n, s, ss]
    for item in items:
        rows = tally_rows(survey, answers=item["answers"])
        for cell, number in tally_cells(rows, item["attributes"]):
            figures = cells[cell]
            figures[0] += 1
            if number is not None:
                figures[1] += number
                figures[2] += number * number
    seal_into(tally, "payload", {"cells": [[*cell, *figures] for cell, figures in cells.items()]})


# --- the batches --------------------------------------------------------------------------


def _k_for(survey: Survey) -> int:
    # cycle: anxin.surveys.analysis -> anxin.surveys.ballots (analysis reads the tallies here)
    from anxin.surveys.analysis import k_for

    return k_for(survey)


def batch_size(survey: Survey) -> int:
    return max(_k_for(survey), MIN_BATCH)


def _shuffled(items: list) -> list:
    items = list(items)
    random.SystemRandom().shuffle(items)
    return items


@dataclass
class BatchOutcome:
    counted: int = 0  # pending answers moved into the tallies (and answers)
    rewritten: int = 0  # anonymous answers written again in a survey's closing batch
    held: int = 0  # pending answers left waiting


def survey_ballots_count(*, survey: Survey, today: date) -> BatchOutcome:
    """Move the survey's pending answers as the rules above say, in one transaction with
    the survey's row locked (two runs never count one answer twice)."""
    outcome = BatchOutcome()
    with transaction.atomic():
        survey = (
            Survey.objects.select_for_update().select_related("version", "owner").get(pk=survey.pk)
        )
        pending = list(PendingAnswer.objects.filter(survey=survey))
        tally = SurveyTally.objects.filter(survey=survey).first()
        closed = today > survey.closes_on
        anonymous = survey.mode == Survey.Mode.ANONYMOUS
        if anonymous and closed:
            if tally is not None and tally.final and not pending:
                return outcome
            written = AnonymousAnswer.objects.filter(survey=survey).count()
            if written + len(pending) < _k_for(survey):
                outcome.held = len(pending)
                return outcome
        elif anonymous and len(pending) < batch_size(survey):
            outcome.held = len(pending)
            return outcome
        if not pending and not (anonymous and closed):
            return outcome
        items = [_opened(p) for p in pending]
        if anonymous:
            items = _receipts_write(survey, items)
            answers = [item["answers"] for item in items]
            if closed:
                old = AnonymousAnswer.objects.filter(survey=survey)
                kept = list(old.values_list("answers", flat=True))
                old.delete()
                outcome.rewritten = len(kept)
                answers += kept
            AnonymousAnswer.objects.bulk_create(
                [AnonymousAnswer(survey=survey, answers=given) for given in _shuffled(answers)]
            )
        if tally is None:
            tally = SurveyTally(survey=survey)
        _fold(tally, items, survey)
        tally.final = anonymous and closed
        tally.save()
        PendingAnswer.objects.filter(pk__in=[p.pk for p in pending]).delete()
        outcome.counted = len(items)
    return outcome


def _receipts_write(survey: Survey, items: list[dict]) -> list[dict]:
    """Write the receipts of a batch, shuffled; drop a second answer by the same person
    (possible only across a key rotation). Returns the items kept."""
    already = set(
        AnonymousReceipt.objects.filter(
            survey=survey, employee_id__in=[item["employee"] for item in items]
        ).values_list("employee_id", flat=True)
    )
    kept, seen = [], set(already)
    for item in items:
        if item["employee"] not in seen:
            seen.add(item["employee"])
            kept.append(item)
    AnonymousReceipt.objects.bulk_create(
        [AnonymousReceipt(survey=survey, employee_id=item["employee"]) for item in _shuffled(kept)]
    )
    return kept


def ballots_run(*, now: datetime) -> BatchOutcome:
    """Every survey with pending answers, and every closed anonymous survey not yet
    rewritten in its closing batch."""
    today = timezone.localtime(now).date()
    ids = set(PendingAnswer.objects.values_list("survey_id", flat=True).distinct())
    ids |= set(
        SurveyTally.objects.filter(
            final=False,
            survey__mode=Survey.Mode.ANONYMOUS,
            survey__closes_on__lt=today,
        ).values_list("survey_id", flat=True)
    )
    total = BatchOutcome()
    for survey in Survey.objects.filter(pk__in=ids).order_by("pk"):
        outcome = survey_ballots_count(survey=survey, today=today)
        total.counted += outcome.counted
        total.rewritten += outcome.rewritten
        total.held += outcome.held
    return total


def pending_count(survey: Survey) -> int:
    return PendingAnswer.objects.filter(survey=survey).count()
