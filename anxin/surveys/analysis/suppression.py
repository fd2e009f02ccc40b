"""Suppression of every table of one survey through the k rule, so that what one table
hides no other table gives away (docs/decisions/0014-survey-analysis.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from anxin.core import kanon
from anxin.surveys.analysis.counting import Item


@dataclass
class Suppressed:
    overall: dict[tuple, kanon.SuppressedSeries]
    tables: dict[tuple[tuple, str], kanon.SuppressedTable]


def suppress(items: list[Item], groups: dict[str, list], k: int) -> Suppressed:
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
            return Suppressed(overall, tables)
