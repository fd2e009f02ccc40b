"""Means that would give hidden counts back (decision 0080).

A group's mean is the sum of its answers over its size. Where the size and some of the
answer counts are shown, the hidden counts and their sum follow from the mean: two hidden
answers are solved exactly (13 answers, six 5s shown, mean 4.31: 26 points over seven
people are five 4s and two 3s), and the interval's spread gives a third equation. So a
mean and its interval are shown only where every answer count of the group is.

The groups of a breakdown add up to everyone: their sums add up to the total's. One mean
hidden alone among a table's rows and its total would be their difference, so the smallest
group still shown is hidden with it.
"""

from __future__ import annotations

from dataclasses import replace

from anxin.core import kanon
from anxin.surveys.analysis.results import QuestionResult, Row, Table


def hide_revealing_means(result: QuestionResult) -> None:
    """Hide, in `result` (a question with a mean), each mean whose group's answers are
    partly hidden, then a second mean in any table where one is hidden alone."""
    if not result.has_mean:
        return
    result.overall = _partly_hidden(result.overall)
    for dimension, table in result.tables.items():
        rows = [_partly_hidden(row) for row in table.rows]
        if sum(map(_is_hidden, rows)) + _is_hidden(result.overall) == 1:
            shown = [row for row in rows if row.mean_value is not None]
            if shown:
                smallest = min(shown, key=lambda row: row.n.count)
                rows = [_hidden(row) if row is smallest else row for row in rows]
        result.tables[dimension] = Table(table.dimension, table.title, rows, result.overall)


def _is_hidden(row: Row) -> bool:
    return row.mean is not None and row.mean.suppressed


def _partly_hidden(row: Row) -> Row:
    if row.mean_value is not None and any(cell.count.suppressed for cell in row.cells):
        return _hidden(row)
    return row


def _hidden(row: Row) -> Row:
    marker = kanon.Display(kanon.MARKER, True, row.n.k)
    return replace(row, mean=marker, low=marker, high=marker, mean_value=None, interval=None)
