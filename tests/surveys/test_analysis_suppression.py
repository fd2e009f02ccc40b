"""Across many random surveys, the totals that several tables of one survey show are
hidden alike in all of them, and every table still obeys kanon's line rules."""

import random

from django.test import SimpleTestCase

from anxin.surveys.analysis.counting import Item as _Item
from anxin.surveys.analysis.suppression import suppress as _suppress

K = 5


def line_safe(hidden: list[bool], values: list[int], total_hidden: bool, total: int) -> bool:
    """kanon's rule for one line, as a reader attacks it."""
    count = sum(hidden) + total_hidden
    if count == 0:
        return True
    if total_hidden:
        return count >= 2 or not any(v for v, h in zip(values, hidden, strict=True) if not h)
    hidden_sum = sum(v for v, h in zip(values, hidden, strict=True) if h)
    return count >= 2 and hidden_sum >= K and hidden_sum > count


class ConsistencyTests(SimpleTestCase):
    def test_random_surveys(self):
        rng = random.Random(14)
        for _ in range(300):
            dims = {"gender": ["F", "M", "X"][: rng.randint(1, 3)], "age": ["a", "b", "c", "d"]}
            people = [
                {d: rng.choice(groups) for d, groups in dims.items()}
                for _ in range(rng.randint(0, 40))
            ]
            items = []
            respondents = {d: {} for d in dims}
            for person in people:
                for d in dims:
                    respondents[d].setdefault(person[d], {"n": 0})["n"] += 1
            items.append(_Item(("respondents",), ["n"], {"n": len(people)}, respondents))
            for q in range(3):
                columns = ["x", "y", "z"]
                overall = {}
                cells = {d: {} for d in dims}
                for person in people:
                    if q == 2 and rng.random() < 0.3:
                        continue  # an optional question
                    answer = rng.choice(columns)
                    overall[answer] = overall.get(answer, 0) + 1
                    for d in dims:
                        row = cells[d].setdefault(person[d], {})
                        row[answer] = row.get(answer, 0) + 1
                items.append(_Item((f"q{q}",), columns, overall, cells))
            sup = _suppress(items, dims, K)
            for item in items:
                series = sup.overall[item.key]
                for d, rows in dims.items():
                    table = sup.tables[(item.key, d)]
                    # Column totals and the grand total agree with the overall figures.
                    for c in item.columns:
                        self.assertEqual(table.column_totals[c].suppressed, series[c].suppressed)
                    self.assertEqual(table.total.suppressed, series.total.suppressed)
                    # The respondents' group sizes are hidden alike in the tables of
                    # questions everybody answered (q0, q1).
                    if item.key in (("q0",), ("q1",)):
                        base = sup.tables[(("respondents",), d)]
                        for g in rows:
                            self.assertEqual(
                                table.row_totals[g].suppressed, base.row_totals[g].suppressed
                            )
                    # Every row of every table is safe line by line.
                    for g in rows:
                        values = [item.cells[d].get(g, {}).get(c, 0) for c in item.columns]
                        hidden = [table.cell(g, c).suppressed for c in item.columns]
                        self.assertTrue(
                            line_safe(hidden, values, table.row_totals[g].suppressed,
                                      sum(values)),
                            (item.key, d, g, values, hidden),
                        )  # fmt: skip
