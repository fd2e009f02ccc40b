"""kanon's `hide`: entries hidden on request (a total that another table of the same
report hides) are hidden, and the usual complements follow."""

from django.test import SimpleTestCase

from anxin.core.kanon import suppress_series, suppress_table


class HideTests(SimpleTestCase):
    def test_a_requested_row_total_is_hidden_with_a_complement_in_its_row(self):
        table = suppress_table({"a": {"x": 10, "y": 20}, "b": {"x": 30, "y": 40}}, k=5,
                               hide=[("a", None)])  # fmt: skip
        self.assertTrue(table.row_totals["a"].suppressed)
        self.assertGreaterEqual(sum(entry.suppressed for entry in table.lines[0].cells), 1)
        # The row totals' line needs a second hidden total.
        self.assertTrue(table.row_totals["b"].suppressed or table.total.suppressed)

    def test_a_requested_column_total_and_grand_total(self):
        table = suppress_table({"a": {"x": 10, "y": 20}}, k=5, hide=[(None, "x"), (None, None)])
        self.assertTrue(table.column_totals["x"].suppressed)
        self.assertTrue(table.total.suppressed)

    def test_a_requested_total_of_zeros_needs_nothing_more(self):
        table = suppress_table({"a": {"x": 0, "y": 0}, "b": {"x": 6, "y": 7}}, k=5,
                               rows=["a", "b"], hide=[("a", None)])  # fmt: skip
        self.assertTrue(table.row_totals["a"].suppressed)
        self.assertEqual(table.cell("a", "x").count, 0)

    def test_series_hide(self):
        series = suppress_series({"x": 10, "y": 20, "z": 30}, k=5, hide=["x"])
        self.assertEqual([key for key, entry in series.items() if entry.suppressed], ["x", "y"])
        self.assertTrue(suppress_series({"x": 10}, k=5, hide=[None]).total.suppressed)

    def test_without_hide_nothing_changes(self):
        data = {"a": {"x": 2, "y": 20}, "b": {"x": 30, "y": 40}}
        self.assertEqual(suppress_table(data, k=5), suppress_table(data, k=5, hide=()))
