"""Every spreadsheet and CSV file Anxin writes goes through here: ODS (streamed into the
zip row by row, anxin/core/ods.py), XLSX (openpyxl in write-only mode) and CSV (UTF-8 with
a byte-order mark, CRLF line ends). No cell ever becomes a formula.

    writer = sheet_writer("xlsx")
    writer.table("學習時數", rows)                 # rows: iterables of cell values
    writer.table("統計結果", more_rows, widths=(16, 40))
    data = writer.finish()

or, for one table, `sheet_bytes("ods", "學習時數", rows)`.

A cell value is text, a number (int, float, Decimal) or None (an empty cell); anything
else is written as its text. Numbers stay numbers, so that a spreadsheet can sum them.

Text that a spreadsheet program would read as a formula (starting with = + - @, a tab or
a carriage return: OWASP's "CSV injection") stays text in every format (decision 0024):

- XLSX: a string cell, never a formula cell, with Excel's quote prefix set, so that the
  text shows as written and stays text when the cell is edited;
- ODS: a string cell (office:value-type="string", no table:formula);
- CSV, which cannot type a cell: a leading apostrophe, which Excel and LibreOffice read as
  "this is text" and which tells a reader of the raw file that something was added.

Characters XML cannot carry (control characters other than tab and line ends) are dropped
from XLSX and ODS cells, where openpyxl would raise and LibreOffice refuse the file.

A file kept in the repository (docs/roster-template.*) is written with `created=`: every
time inside the archive is then that time, so that writing it again changes no byte while
its content is the same.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from anxin.core.ods import OdsStream, number_text

FORMATS = ("ods", "xlsx", "csv")
CONTENT_TYPES = {
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Value = str | int | float | Decimal | None


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def looks_like_formula(value) -> bool:
    """Text a spreadsheet program would run (never a number: -5 is minus five)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_text(value) -> str:
    """A value as a CSV field: numbers as a spreadsheet shows them (9, not 9.0), text
    with a formula start behind an apostrophe."""
    if value is None:
        return ""
    if is_number(value):
        return number_text(value)
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


def sheet_title(name: str) -> str:
    """A sheet name both ODS and XLSX accept (XLSX: at most 31 characters, no []:*?/\\)."""
    return re.sub(r"[\[\]:*?/\\]", "-", _NOT_XML.sub("", str(name)))[:31] or "Sheet"


def _text(value) -> str:
    return _NOT_XML.sub("", str(value))


def _fixed_times(data: bytes, when: datetime) -> bytes:
    """The same archive with every member's time set to `when`, and the saving time that
    openpyxl stamps into docProps/core.xml as well."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = info.compress_type  # ODS keeps "mimetype" stored, first
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            target.writestr(fixed, content)
    return buffer.getvalue()


class SheetWriter:
    """Named tables, written one after the other into one file."""

    extension = ""

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]

    def table(
        self,
        name: str,
        rows: Iterable[Sequence[Value]],
        *,
        bold_rows: Collection[int] = (0,),
        widths: Sequence[float] = (),
        freeze_header: bool = False,
    ) -> None:
        """One table: `bold_rows` (indexes) are headings, `widths` the columns' widths in
        characters, `freeze_header` keeps the first row in view. CSV ignores the looks."""
        raise NotImplementedError

    def write_table(
        self, name: str, header: Sequence[str], rows: Iterable[Sequence[Value]]
    ) -> None:
        """A table under one header row, bold and kept in view."""
        self.table(name, itertools.chain([header], rows), freeze_header=True)

    def finish(self) -> bytes:
        raise NotImplementedError


class OdsSheets(SheetWriter):
    """Streamed (anxin/core/ods.py): text as string cells, numbers as float cells, never
    a formula. Widths and bold are left to the reader's program."""

    extension = "ods"

    def __init__(self, *, created: datetime | None = None) -> None:
        """`created` fixes the times inside the file (for files kept in the repository)."""
        self.stream = OdsStream()
        self.created = created

    def table(self, name, rows, *, bold_rows=(0,), widths=(), freeze_header=False) -> None:
        self.stream.table(sheet_title(name), rows)

    def finish(self) -> bytes:
        data = self.stream.finish()
        return data if self.created is None else _fixed_times(data, self.created)


class XlsxSheets(SheetWriter):
    """openpyxl in write-only mode: rows go to a temporary file, not into memory."""

    extension = "xlsx"

    def __init__(self, *, created: datetime | None = None, text_format: bool = False) -> None:
        """`created` fixes the file's timestamps (for files kept in the repository);
        `text_format` formats every cell as text ("@"), so that what a person types into
        a template keeps its form (0610920 stays 0610920)."""
        self.workbook = Workbook(write_only=True)
        self.workbook.properties.creator = "Anxin"
        if created is not None:
            self.workbook.properties.created = self.workbook.properties.modified = created
        self.created = created
        self.text_format = text_format

    def table(self, name, rows, *, bold_rows=(0,), widths=(), freeze_header=False) -> None:
        sheet = self.workbook.create_sheet(sheet_title(name))
        # Write-only sheets stream: their looks are set before the first row.
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if freeze_header:
            sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        for index, values in enumerate(rows):
            font = bold if index in bold_rows else None
            sheet.append([self._cell(sheet, value, font) for value in values])

    def _cell(self, sheet, value, font):
        if value is None or value == "":
            cell = WriteOnlyCell(sheet, value=None)
        elif is_number(value):
            cell = WriteOnlyCell(sheet, value=value)
        else:
            text = _text(value)
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # openpyxl would take "=..." for a formula
            if looks_like_formula(text):
                cell.quotePrefix = True  # Excel shows it as typed and keeps it text
        if font is not None:
            cell.font = font
        if self.text_format:
            cell.number_format = "@"
        return cell

    def finish(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        data = buffer.getvalue()
        return data if self.created is None else _fixed_times(data, self.created)


class CsvSheets(SheetWriter):
    """UTF-8 with a BOM (spreadsheet programs need it to read Chinese), CRLF line ends.
    A CSV file holds one table: a second one follows after an empty line, headed by its
    name."""

    extension = "csv"

    def __init__(self) -> None:
        self.buffer = io.StringIO(newline="")
        self.csv = csv.writer(self.buffer, lineterminator="\r\n")
        self.tables = 0

    def table(self, name, rows, *, bold_rows=(0,), widths=(), freeze_header=False) -> None:
        if self.tables:
            self.csv.writerows([[], [csv_text(name)]])
        self.tables += 1
        for values in rows:
            self.csv.writerow([csv_text(value) for value in values])

    def finish(self) -> bytes:
        return self.buffer.getvalue().encode("utf-8-sig")


WRITERS: dict[str, type[SheetWriter]] = {"ods": OdsSheets, "xlsx": XlsxSheets, "csv": CsvSheets}


def sheet_writer(fmt: str, **options) -> SheetWriter:
    """A writer for `fmt` (one of FORMATS); options go to the format's writer."""
    return WRITERS[fmt](**options)


def sheet_bytes(fmt: str, name: str, rows: Iterable[Sequence[Value]], **looks) -> bytes:
    """A file of one table."""
    writer = sheet_writer(fmt)
    writer.table(name, rows, **looks)
    return writer.finish()
