"""Numbers in CSV files and in an ODS cell's shown text read as a spreadsheet shows
them: 9 hours is "9", not "9.0" (issue 13 item 8)."""

import csv
import io
from decimal import Decimal

from django.test import SimpleTestCase

from anxin.core import sheets
from anxin.core.ods import number_text


class NumberTextTests(SimpleTestCase):
    def test_an_integral_number_is_written_without_a_decimal_part(self):
        for value, shown in [
            (Decimal("9.0"), "9"),
            (Decimal("9.00"), "9"),
            (Decimal("100"), "100"),
            (Decimal("1E+2"), "100"),
            (9.0, "9"),
            (12, "12"),
            (Decimal("-3.0"), "-3"),
        ]:
            self.assertEqual(number_text(value), shown, value)

    def test_a_fraction_keeps_its_digits_and_no_trailing_zero(self):
        for value, shown in [
            (Decimal("3.25"), "3.25"),
            (Decimal("1.50"), "1.5"),
            (0.1, "0.1"),
            (Decimal("0.05"), "0.05"),
        ]:
            self.assertEqual(number_text(value), shown, value)

    def test_the_csv_writes_hours_as_the_spreadsheets_hold_them(self):
        data = sheets.sheet_bytes("csv", "t", [["h"], [Decimal("9.0")], [Decimal("3.5")]])
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows, [["h"], ["9"], ["3.5"]])
