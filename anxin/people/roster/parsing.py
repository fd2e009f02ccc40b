"""Reading a roster file (CSV, XLSX or ODS) into rows of cells keyed by column, the
header row matched against the columns' names."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

import openpyxl
from odf import teletype
from odf.namespaces import OFFICENS, TABLENS
from odf.opendocument import load
from odf.table import Table
from openpyxl.utils.exceptions import InvalidFileException

from anxin.people.roster.columns import (
    COLUMNS,
    EXTENSIONS,
    HEADER_LOOKUP,
    MAX_BYTES,
    MAX_ROWS,
    Column,
    header_key,
)
from anxin.people.roster.errors import RosterFileError

logger = logging.getLogger(__name__)


@dataclass
class RosterRow:
    """One non-blank data row: `line` as the spreadsheet numbers it, `values` by column key
    (text, or a date where the spreadsheet typed the cell as a date)."""

    line: int
    values: dict[str, object]


def roster_parse(
    data: bytes,
    filename: str,
    *,
    first_only: bool = False,
    columns: tuple[Column, ...] = COLUMNS,
    lookup: dict[str, str] = HEADER_LOOKUP,
) -> list[RosterRow]:
    """The data rows of a roster file (only the first with `first_only`, enough to check
    the file on the upload form). Raises `RosterFileError` for a file that cannot be
    read or whose header row lacks a required column. Another import with the same file
    kinds (the organisation import) passes its own `columns` and header `lookup`."""
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise RosterFileError("extension", name=PurePath(filename or "").name)
    if not data:
        raise RosterFileError("empty")
    if len(data) > MAX_BYTES:
        raise RosterFileError("too_big")
    if extension != "csv" and _is_encrypted(data):
        raise RosterFileError("encrypted")
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "ods": _read_ods}[extension]
    table = _guarded(reader(data), extension.upper())
    return _rows_from_table(table, first_only=first_only, columns=columns, lookup=lookup)


# An OLE2 compound file: an .xls workbook, or an XLSX that Excel encrypted with a password.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_encrypted(data: bytes) -> bool:
    """A password-protected workbook: Excel wraps it in an OLE2 file; an ODS or a zip made
    by other tools sets the encryption flag on its entries (which zipfile cannot open)."""
    if data.startswith(_OLE2):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(info.flag_bits & 0x1 for info in archive.infolist())
    except Exception:  # zipfile raises many kinds on a damaged archive
        return False  # not a readable zip at all: the reader answers "unreadable"


def _guarded(table: Iterator[tuple[int, list]], kind: str) -> Iterator[tuple[int, list]]:
    """The rows of `table`, with any failure of the spreadsheet library turned into
    "unreadable". A damaged or hostile file makes openpyxl and odfpy raise almost anything,
    and lazily, row by row (zlib.error for a flipped bit, RuntimeError for an encrypted
    entry, XML parse errors, NotImplementedError for an unknown compression): the person
    gets the message, never a 500, and nothing is imported."""
    try:
        yield from table
    except RosterFileError:
        raise
    except Exception as exc:  # see the docstring: any library failure means "unreadable"
        logger.info("Roster file unreadable as %s: %s", kind, type(exc).__name__)
        raise RosterFileError("unreadable", kind=kind) from None


def _rows_from_table(
    table: Iterable[tuple[int, list]],
    *,
    first_only: bool,
    columns: tuple[Column, ...],
    lookup: dict[str, str],
) -> list[RosterRow]:
    header: dict[int, str] | None = None
    rows: list[RosterRow] = []
    for line, cells in table:
        if not any(cell_text(cell) for cell in cells):
            continue
        if header is None:
            header = _read_header(cells, columns, lookup)
            continue
        values = {key: cells[index] if index < len(cells) else "" for index, key in header.items()}
        rows.append(RosterRow(line, values))
        if first_only:
            break
        if len(rows) > MAX_ROWS:
            raise RosterFileError("too_many_rows", limit=MAX_ROWS)
    if header is None:
        raise RosterFileError("no_header")
    if not rows:
        raise RosterFileError("no_rows")
    return rows


def _read_header(
    cells: list, columns: tuple[Column, ...], lookup: dict[str, str]
) -> dict[int, str]:
    header: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = lookup.get(header_key(cell_text(cell)))
        if key is None:
            continue  # an extra column of the office's own is ignored
        if key in header.values():
            raise RosterFileError("duplicate_column", column=key)
        header[index] = key
    missing = [c.key for c in columns if c.required and c.key not in header.values()]
    if missing:
        raise RosterFileError("missing_columns", columns=missing)
    return header


def _decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or Big5 as Windows writes it
    (cp950), which is what many Taiwanese offices export."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterFileError("encoding") from None
    for encoding in ("utf-8-sig", "cp950", "big5hkscs"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError("encoding")


def _read_csv(data: bytes) -> Iterator[tuple[int, list]]:
    text = _decode_csv(data)
    if "\x00" in text:
        raise RosterFileError("unreadable", kind="CSV")
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    for candidate in ("\t", ";"):
        if candidate in first_line and "," not in first_line:
            delimiter = candidate
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1)
    except csv.Error:
        raise RosterFileError("unreadable", kind="CSV") from None


def _read_xlsx(data: bytes) -> Iterator[tuple[int, list]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise RosterFileError("unreadable", kind="XLSX") from None
    try:
        if not workbook.worksheets:
            raise RosterFileError("no_header")
        # values_only fills the gaps of skipped rows, so the count matches the sheet's.
        for line, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            yield line, list(cells)
    finally:
        workbook.close()


def _read_ods(data: bytes) -> Iterator[tuple[int, list]]:
    try:
        document = load(io.BytesIO(data))
        tables = document.spreadsheet.getElementsByType(Table)
    except Exception:  # odfpy raises anything from zipfile and XML errors to KeyError
        raise RosterFileError("unreadable", kind="ODS") from None
    if not tables:
        raise RosterFileError("no_header")

    def cell_value(cell):
        kind = cell.getAttrNS(OFFICENS, "value-type")
        if kind == "date":
            return _iso_cell_date(cell.getAttrNS(OFFICENS, "date-value"))
        if kind in ("float", "percentage", "currency"):
            return _number_text(cell.getAttrNS(OFFICENS, "value"))
        return "\n".join(teletype.extractText(p) for p in cell.childNodes if _local(p) == "p")

    def row_cells(row) -> list:
        cells: list = []
        pending_blanks = 0  # blank cells (often "repeated 1,000 times") kept only when needed
        for cell in row.childNodes:
            if _local(cell) not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
            value = cell_value(cell)
            if cell_text(value):
                cells.extend([""] * pending_blanks)
                pending_blanks = 0
                cells.extend([value] * min(repeat, 1024))
            else:
                pending_blanks += repeat
        return cells

    def rows(element) -> Iterator:
        for child in element.childNodes:
            name = _local(child)
            if name == "table-row":
                yield child
            elif name in ("table-header-rows", "table-row-group", "table-rows"):
                yield from rows(child)

    line = 0
    for row in rows(tables[0]):
        repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
        cells = row_cells(row)
        if not any(cell_text(cell) for cell in cells):
            line += repeat  # trailing blank rows often repeat a million times
            continue
        for _copy in range(min(repeat, MAX_ROWS + 1)):
            line += 1
            yield line, cells
        line += repeat - min(repeat, MAX_ROWS + 1)


def _local(node) -> str:
    """The local name of an odfpy element ("" for a text node)."""
    qname = getattr(node, "qname", None)
    return qname[1] if qname else ""


def _iso_cell_date(value: str | None) -> object:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return value or ""


def _number_text(value) -> str:
    """1234.0 from a spreadsheet is the employee number 1234."""
    if value in (None, ""):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(number)) if number.is_integer() else str(value)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return _number_text(value)
    return str(value).replace("\u3000", " ").strip()
