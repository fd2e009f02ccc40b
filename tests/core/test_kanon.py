"""Small-cell suppression (DESIGN.md invariant 3), on tables worked out by hand and on
many random tables attacked the way a reader with a calculator would."""

import random

from django.test import SimpleTestCase
from django.utils import translation

from anxin.core.kanon import (
    MARKER,
    NOTHING,
    Entry,
    group_display,
    suppress_series,
    suppress_table,
)


def hidden_cells(result) -> set[tuple]:
    return {key for key, entry in result.cells.items() if entry.suppressed}


def lines_of(table: dict, result) -> list[tuple[int, bool, list[tuple[int, bool]]]]:
    """Every line of a suppressed table as (true total, total hidden?, [(true part, part
    hidden?)]): the rows, the columns, and the totals against the grand total."""
    rows, columns = result.rows, result.columns

    def value(row, column):
        return table.get(row, {}).get(column, 0)

    row_sums = {row: sum(value(row, c) for c in columns) for row in rows}
    column_sums = {column: sum(value(r, column) for r in rows) for column in columns}
    grand = sum(row_sums.values())
    lines = []
    for row in rows:
        parts = [(value(row, c), result.cell(row, c).suppressed) for c in columns]
        lines.append((row_sums[row], result.row_totals[row].suppressed, parts))
    for column in columns:
        parts = [(value(r, column), result.cell(r, column).suppressed) for r in rows]
        lines.append((column_sums[column], result.column_totals[column].suppressed, parts))
    total_hidden = result.total.suppressed
    row_parts = [(row_sums[r], result.row_totals[r].suppressed) for r in rows]
    column_parts = [(column_sums[c], result.column_totals[c].suppressed) for c in columns]
    lines.append((grand, total_hidden, row_parts))
    lines.append((grand, total_hidden, column_parts))
    return lines


def attack(lines, k: int = 5) -> list[str]:
    """What a reader can work out from one line alone: a single hidden entry (the shown
    total minus the shown parts, or the sum of the shown parts for a hidden total), or
    hidden parts all pinned at 1 (hidden numbers are at least 1, since zeros are shown)."""
    found = []
    for total, total_hidden, parts in lines:
        hidden = [value for value, is_hidden in parts if is_hidden]
        shown_sum = sum(value for value, is_hidden in parts if not is_hidden)
        if not total_hidden and len(hidden) == 1:
            found.append(f"part {total} - {shown_sum} = {hidden[0]}")
        if total_hidden and not hidden:
            found.append(f"total = {shown_sum}")
        if not total_hidden and hidden and total - shown_sum == len(hidden):
            found.append(f"{len(hidden)} hidden parts adding up to {len(hidden)}: all 1")
        if not total_hidden and hidden and total - shown_sum < k:
            # the hidden parts together are a group the reader can count: not a small one
            found.append(f"hidden group of {total - shown_sum}")
    return found


def random_table(rng: random.Random) -> dict:
    """A table with many zero and small cells, as small agencies produce."""
    table = {}
    for i in range(rng.randint(1, 6)):
        table[f"r{i}"] = {}
        for j in range(rng.randint(1, 6)):
            kind = rng.choices(range(4), [0.25, 0.3, 0.2, 0.25])[0]
            table[f"r{i}"][f"c{j}"] = (
                0,
                rng.randint(1, 4),
                rng.randint(3, 8),
                rng.randint(9, 60),
            )[kind]
    return table


class SuppressTableTestCase(SimpleTestCase):
    def test_it_hides_a_small_cell_and_its_complements(self):
        """2 and 3 are below k = 5. Each row and column that hides one of them hides a
        second number; the complements close a rectangle (a.z, c.x) rather than opening
        new rows or columns."""
        table = {
            "a": {"x": 2, "y": 10, "z": 12},
            "b": {"x": 8, "y": 9, "z": 20},
            "c": {"x": 7, "y": 6, "z": 3},
        }
        result = suppress_table(table, k=5)
        self.assertEqual(hidden_cells(result), {("a", "x"), ("a", "z"), ("c", "x"), ("c", "z")})
        self.assertEqual(result.cell("a", "y").count, 10)
        self.assertEqual(result.cell("c", "y").count, 6)
        self.assertEqual([result.row_totals[r].count for r in "abc"], [24, 37, 16])
        self.assertEqual([result.column_totals[c].count for c in "xyz"], [17, 25, 35])
        self.assertEqual(result.total.count, 77)
        self.assertEqual(result.hidden_count, 4)

    def test_it_defeats_subtraction_from_a_row_total(self):
        """Row a shows 24 and 10: the difference, 14, is two hidden cells together."""
        table = {"a": {"x": 2, "y": 10, "z": 12}, "b": {"x": 8, "y": 9, "z": 20}}
        result = suppress_table(table, k=5)
        row = [entry.count for entry in result.lines[0].cells]
        self.assertEqual(row.count(None), 2)
        self.assertIsNone(result.cell("a", "x").count)
        self.assertEqual(attack(lines_of(table, result)), [])

    def test_it_defeats_subtraction_from_a_column_total(self):
        """A one-column table: the column total 72 minus the shown 40 leaves 32, the
        two hidden cells together; the row totals of those rows, equal to the cells, are
        hidden as well."""
        table = {"A": {"x": 2}, "B": {"x": 40}, "C": {"x": 30}}
        result = suppress_table(table, k=5)
        self.assertEqual(hidden_cells(result), {("A", "x"), ("C", "x")})
        self.assertTrue(result.row_totals["A"].suppressed)
        self.assertTrue(result.row_totals["C"].suppressed)
        self.assertEqual(result.row_totals["B"].count, 40)
        self.assertEqual(result.column_totals["x"].count, 72)
        self.assertEqual(attack(lines_of(table, result)), [])

    def test_it_follows_a_chain_of_complements(self):
        """A.x = 1 needs A.y; A.y opens column y, which needs B.y; B.y opens row B, which
        needs B.z; column z then has nothing else non-zero, so its total goes; the column
        totals' line then hides x (1, already hidden as below k) and z."""
        table = {"A": {"x": 1, "y": 9, "z": 0}, "B": {"x": 0, "y": 8, "z": 30}}
        result = suppress_table(table, k=5)
        self.assertEqual(hidden_cells(result), {("A", "x"), ("A", "y"), ("B", "y"), ("B", "z")})
        self.assertEqual(
            {c for c, entry in result.column_totals.items() if entry.suppressed}, {"x", "z"}
        )
        self.assertEqual(result.column_totals["y"].count, 17)
        self.assertEqual([result.row_totals[r].count for r in "AB"], [10, 38])
        self.assertEqual(result.total.count, 48)
        self.assertEqual(result.cell("A", "z").count, 0)
        self.assertEqual(attack(lines_of(table, result)), [])

    def test_it_hides_a_total_below_k_and_keeps_the_grand_total_safe(self):
        """Row A adds up to 3: its total is hidden, so the grand total minus the other
        row totals must not give it back."""
        table = {"A": {"x": 0, "y": 3}, "B": {"x": 20, "y": 30}, "C": {"x": 25, "y": 6}}
        result = suppress_table(table, k=5)
        self.assertTrue(result.row_totals["A"].suppressed)
        hidden_rows = [row for row, entry in result.row_totals.items() if entry.suppressed]
        self.assertGreaterEqual(len(hidden_rows), 2)
        self.assertEqual(result.cell("A", "x").count, 0)
        self.assertEqual(attack(lines_of(table, result)), [])

    def test_it_leaves_a_table_with_nothing_below_k_unchanged(self):
        """Zeros and counts of k or more are all shown, with their totals."""
        table = {"A": {"x": 5, "y": 0, "z": 17}, "B": {"x": 0, "y": 6, "z": 40}}
        result = suppress_table(table, k=5)
        self.assertEqual(result.hidden_count, 0)
        for row, columns in table.items():
            for column, count in columns.items():
                self.assertEqual(result.cell(row, column).count, count)
        self.assertEqual([str(entry) for entry in result.footer], ["5", "6", "57"])
        self.assertEqual(str(result.total), "68")

    def test_it_takes_k_from_the_caller(self):
        """The same table hides nothing at k = 2 and more at k = 10."""
        table = {"A": {"x": 3, "y": 12}, "B": {"x": 9, "y": 14}}
        self.assertEqual(suppress_table(table, k=2).hidden_count, 0)
        self.assertEqual(suppress_table(table, k=3).hidden_count, 0)
        at_ten = suppress_table(table, k=10)
        self.assertEqual(hidden_cells(at_ten), {("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")})
        self.assertEqual(at_ten.total.count, 38)
        self.assertEqual(attack(lines_of(table, at_ten), 10), [])

    def test_it_orders_rows_and_columns_as_asked_and_fills_missing_cells(self):
        """Explicit orders keep empty rows and columns; a missing cell counts 0."""
        table = {"A": {"y": 7}}
        result = suppress_table(table, k=5, rows=["B", "A"], columns=["x", "y"])
        self.assertEqual([line.key for line in result.lines], ["B", "A"])
        self.assertEqual([entry.count for entry in result.lines[1].cells], [0, 7])
        self.assertEqual(result.row_totals["B"].count, 0)

    def test_it_refuses_bad_input(self):
        """k below 1, negative, fractional or boolean counts are programming errors."""
        for k in (0, -1, 2.5, True):
            with self.assertRaises(ValueError):
                suppress_table({"A": {"x": 1}}, k=k)
        for count in (-1, 1.5, True, "3"):
            with self.assertRaises(ValueError):
                suppress_table({"A": {"x": count}}, k=5)
        with self.assertRaises(ValueError):
            suppress_table({"A": {"x": 1}}, k=5, rows=["B"])
        with self.assertRaises(ValueError):
            suppress_table({"A": {"x": 1}}, k=5, columns=["y"])

    def test_it_withstands_single_line_attacks_on_many_random_tables(self):
        """For 3,000 random tables and several k: nothing below k shows, what shows is the
        true count, and no line gives a hidden number away by subtraction."""
        for seed in range(3000):
            rng = random.Random(seed)
            k = rng.choice([2, 3, 5, 7, 10])
            table = random_table(rng)
            result = suppress_table(table, k=k)
            lines = lines_of(table, result)
            self.assertEqual(attack(lines, k), [], f"seed {seed}, k {k}: {table}")
            for total, total_hidden, parts in lines:
                for value, is_hidden in [(total, total_hidden), *parts]:
                    if 0 < value < k:
                        self.assertTrue(is_hidden, f"seed {seed}: {value} shown at k {k}")
                    if value == 0:
                        self.assertFalse(is_hidden, f"seed {seed}: a zero was hidden")
            for (row, column), entry in result.cells.items():
                if not entry.suppressed:
                    self.assertEqual(entry.count, table[row].get(column, 0))

    def test_it_is_deterministic(self):
        """The same table always hides the same cells, whatever the dict's history."""
        rng = random.Random(7)
        for _ in range(50):
            table = random_table(rng)
            first = hidden_cells(suppress_table(table, k=5))
            again = hidden_cells(suppress_table({r: dict(c) for r, c in table.items()}, k=5))
            self.assertEqual(first, again)


class SuppressSeriesTestCase(SimpleTestCase):
    def test_it_hides_a_small_count_and_its_complement(self):
        """[3, 20, 30]: 3 is hidden, and so is 20, the smallest other, so that 53 − 30
        gives only 23, two groups together."""
        series = suppress_series({"甲": 3, "乙": 20, "丙": 30}, k=5)
        self.assertEqual(
            [(key, entry.count) for key, entry in series.items()],
            [("甲", None), ("乙", None), ("丙", 30)],
        )
        self.assertEqual(series.total.count, 53)

    def test_it_does_not_let_two_ones_be_worked_out(self):
        """[1, 1, 10]: hiding only the two ones would leave 12 − 10 = 2, which can only be
        1 + 1 since zeros are shown; the 10 is hidden too."""
        series = suppress_series([1, 1, 10], k=5)
        self.assertEqual([entry.count for _, entry in series.items()], [None, None, None])
        self.assertEqual(series.total.count, 12)

    def test_it_does_not_let_many_ones_be_pinned(self):
        """At k = 3 five ones add up to 5 ≥ k, but five hidden numbers of at least 1
        adding up to 5 are all 1: the 50 is hidden too."""
        series = suppress_series([1, 1, 1, 1, 1, 50], k=3)
        self.assertTrue(all(entry.suppressed for _, entry in series.items()))
        self.assertEqual(series.total.count, 55)

    def test_it_keeps_two_small_counts_that_add_up_to_k(self):
        """[2, 3, 10]: 15 − 10 = 5, a group of k people, from which neither is known."""
        series = suppress_series([2, 3, 10], k=5)
        self.assertEqual([entry.count for _, entry in series.items()], [None, None, 10])

    def test_it_hides_a_small_total_and_shows_zeros(self):
        """[0, 3]: the total is 3, below k, and hidden with the 3; the zero is shown."""
        series = suppress_series([0, 3], k=5)
        self.assertEqual([entry.count for _, entry in series.items()], [0, None])
        self.assertTrue(series.total.suppressed)

    def test_it_takes_k_from_the_caller(self):
        """[3, 20, 30] hides nothing at k = 3 and everything but the total at k = 25."""
        self.assertFalse(any(e.suppressed for _, e in suppress_series([3, 20, 30], k=3).items()))
        at_25 = suppress_series([3, 20, 30], k=25)
        self.assertTrue(all(e.suppressed for _, e in at_25.items()))
        self.assertEqual(at_25.total.count, 53)

    def test_it_leaves_counts_of_k_or_more_unchanged(self):
        series = suppress_series({"a": 5, "b": 0, "c": 6}, k=5)
        self.assertEqual([str(entry) for _, entry in series.items()], ["5", "0", "6"])
        self.assertEqual(str(series.total), "11")


class DisplayTestCase(SimpleTestCase):
    def test_it_shows_a_marker_with_an_explanation_for_a_hidden_count(self):
        """The marker says nothing about the size it hides; its title explains why, in
        the reader's language, and a screen reader hears the explanation."""
        hidden = Entry(None, 5)
        self.assertEqual(str(hidden), MARKER)
        with translation.override("en"):
            title = hidden.display.title
            html = hidden.__html__()
        self.assertIn("fewer than 5 people", title)
        self.assertIn('title="Hidden to protect privacy', html)
        self.assertIn('<span class="visually-hidden">Hidden to protect privacy', html)
        self.assertIn('<span aria-hidden="true">*</span>', html)
        with translation.override("zh-hant"):
            self.assertEqual(
                hidden.display.title,
                translation.gettext(
                    "Hidden to protect privacy: fewer than %(k)s people, or a number "
                    "that would reveal such a group."
                )
                % {"k": 5},
            )

    def test_it_shows_a_count_as_plain_text(self):
        shown = Entry(12, 5)
        self.assertEqual(str(shown), "12")
        self.assertEqual(shown.__html__(), "12")
        self.assertEqual(shown.display.title, "")

    def test_it_hides_a_share_of_a_hidden_cell_or_of_a_hidden_total(self):
        """A percentage of a hidden total would give the total away: both are hidden."""
        table = {"A": {"x": 2, "y": 10, "z": 12}, "B": {"x": 8, "y": 9, "z": 20}}
        result = suppress_table(table, k=5)
        self.assertEqual(str(result.percent("A", "x")), MARKER)
        # a.x, a.y, b.x and b.y are hidden; z is shown in both rows
        self.assertEqual(str(result.percent("B", "y")), MARKER)
        self.assertEqual(str(result.percent("B", "z")), "54.1")  # 20 / 37
        self.assertEqual(str(result.percent("B", "z", of="column")), "62.5")  # 20 / 32
        self.assertEqual(str(result.percent("B", "z", of="total", spec=".0f")), "33")  # / 61
        series = suppress_series([0, 3], k=5)
        self.assertEqual(str(series.percent(0)), MARKER)  # the total is hidden
        self.assertEqual(str(suppress_series([0, 0], k=5).percent(0)), NOTHING)

    def test_it_hides_a_mean_of_a_small_group(self):
        """A mean score of four people is hidden at k = 5; of five it is shown."""
        self.assertEqual(str(group_display(4, 12.25, k=5)), MARKER)
        self.assertTrue(group_display(4, 12.25, k=5).suppressed)
        self.assertEqual(str(group_display(5, 12.25, k=5, spec=".1f")), "12.2")
        self.assertEqual(str(group_display(0, None, k=5)), NOTHING)

    def test_it_formats_a_figure_only_for_a_shown_group(self):
        self.assertEqual(str(Entry(None, 5).format(3.14159, ".2f")), MARKER)
        self.assertEqual(str(Entry(9, 5).format(3.14159, ".2f")), "3.14")


class CellFilterTestCase(SimpleTestCase):
    """{{ entry|cell }} renders a hidden value's explanation for screen readers."""

    def test_it_renders_the_marker_with_its_explanation(self):
        from django.template import engines

        counts = {"A": {"x": 2, "y": 9, "z": 20}, "B": {"x": 7, "y": 8, "z": 30},
                  "C": {"x": 11, "y": 12, "z": 40}}  # fmt: skip
        table = suppress_table(counts, k=5)
        shown = next((r, c) for r in counts for c in counts[r] if not table.cell(r, c).suppressed)
        template = engines["django"].from_string("{% load kanon %}{{ hidden|cell }}|{{ n|cell }}")
        html = template.render({"hidden": table.cell("A", "x"), "n": table.cell(*shown)})
        hidden, text = html.split("|")
        self.assertIn('class="visually-hidden"', hidden)
        self.assertIn('aria-hidden="true"', hidden)
        self.assertIn('<span aria-hidden="true">*</span>', hidden)  # not the hidden 2
        self.assertEqual(text, str(counts[shown[0]][shown[1]]))
