"""Staff roster import: read a roster (CSV, XLSX or ODS), check every row, then apply all
rows in one transaction or none (invariant 8).

    rows = roster_parse(data, "roster.xlsx")            # RosterFileError on a bad file
    clean, errors = roster_validate(rows, authority=..., scope=...)
    counts = roster_apply(clean_rows=clean, authority=..., scope=...)   # only if no errors

`roster_import()` chains the three for the background task and the command. Errors are
kept as codes with parameters (`RosterError`) and worded by `message_for()` when shown,
so that a report reads in the language of whoever opens it.

Re-importing an updated roster matches employees by (authority, employee number): changed
rows are updated, employees of the agencies the file covers that are absent from it are
deactivated (with their user accounts), and they are re-activated when they reappear.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from anxin.core import sheets
from anxin.core.roc import DateFormatError, parse_date
from anxin.people.models import Employee, OrgUnit, User

logger = logging.getLogger(__name__)

EXTENSIONS = ("csv", "xlsx", "ods")
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
BATCH = 500  # rows per bulk query: a fixed number of queries per batch, never per row
AGENCY_KINDS = (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)
TEXT_LIMITS = {"number": 30, "name": 80, "agency_code": 20, "unit": 120, "email": 254}


# --- Columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template writes it
    label: object  # translated name for messages
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("number", "員工編號", _("Employee number"), True,
           ("number", "員工代號", "人員編號", "employee number", "employee no", "staff number")),
    Column("name", "姓名", _("Name"), True, ("name", "full name")),
    Column("agency_code", "機關代碼", _("Agency code"), True,
           ("agency code", "agency_code", "機關代號", "agency")),
    Column("unit", "單位", _("Unit"), False, ("unit", "單位名稱", "unit name", "department")),
    Column("staff_category", "人員類別", _("Staff category"), True,
           ("staff category", "staff_category", "category", "類別", "身分別")),
    Column("gender", "性別", _("Gender"), True, ("gender", "sex")),
    Column("birth_date", "出生日期", _("Birth date"), True,
           ("birth date", "birth_date", "date of birth", "birthday", "生日", "出生年月日")),
    Column("hire_date", "到職日期", _("Hire date"), True,
           ("hire date", "hire_date", "start date", "到職日")),
    Column("email", "電子郵件", _("E-mail"), False,
           ("email", "e-mail", "電子信箱", "e-mail address", "mail")),
)  # fmt: skip
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def _header_key(text: str) -> str:
    """`員工編號 (number)`, ` E-Mail ` and `email*` all come down to a comparable key."""
    value = unicodedata.normalize("NFKC", str(text or "")).lower()
    value = re.sub(r"[(（].*?[)）]", "", value)
    return re.sub(r"[\s_\-.*:：]+", "", value)


_HEADER_LOOKUP = {
    _header_key(name): column.key
    for column in COLUMNS
    for name in (column.header, column.key, *column.aliases)
}

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    Employee.StaffCategory.CIVIL_SERVANT: (
        "公務人員/職員", "公務人員", "職員", "公務員", "編制內職員", "正式職員",
    ),
    Employee.StaffCategory.CONTRACT: (
        "約聘僱人員", "約聘人員", "約僱人員", "約聘", "約僱", "約聘僱", "聘用人員", "約用人員",
    ),
    Employee.StaffCategory.JANITOR: ("工友",),
    Employee.StaffCategory.TECHNICIAN: ("技工",),
    Employee.StaffCategory.DRIVER: ("駕駛", "司機"),
    Employee.StaffCategory.SECURITY_POLICE: ("駐衛警察", "駐衛警"),
    Employee.StaffCategory.TEMPORARY: ("臨時人員", "臨時工"),
    Employee.StaffCategory.TEACHER: ("教師", "老師", "教員"),
    Employee.StaffCategory.RELIEF_WORKER: ("代賑工",),
    Employee.StaffCategory.SUBSTITUTE_SERVICE: ("替代役", "替代役男", "替代役役男"),
}  # fmt: skip
_CATEGORY_LOOKUP = {
    _header_key(word): code
    for code, words in CATEGORY_WORDS.items()
    for word in (*words, code, str(Employee.StaffCategory(code).label))
}
_GENDER_LOOKUP = {
    **dict.fromkeys(("女", "女性", "f", "female"), Employee.Gender.FEMALE),
    **dict.fromkeys(("男", "男性", "m", "male"), Employee.Gender.MALE),
    **dict.fromkeys(("其他", "不詳", "x", "other"), Employee.Gender.OTHER),
}


# --- Errors -------------------------------------------------------------------------------

MESSAGES = {
    "extension": _("Upload a CSV, XLSX or ODS file; “%(name)s” is none of these."),
    "empty": _("The file is empty."),
    "too_big": _("The file is larger than %(limit)s MB."),
    "unreadable": _(
        "The file could not be read as %(kind)s. Save it again from your spreadsheet program "
        "and upload it once more."
    ),
    "encrypted": _(
        "The file is protected with a password, or saved in the old Excel format (.xls). Save "
        "it again as XLSX, ODS or CSV without a password and upload it once more."
    ),
    "encoding": _("The CSV file is neither UTF-8 nor Big5 text."),
    "no_header": _("The file has no header row."),
    "missing_columns": _("The header row lacks these columns: %(columns)s."),
    "duplicate_column": _("The column %(column)s appears twice in the header row."),
    "no_rows": _("The file has a header row but no employees."),
    "too_many_rows": _("The file has more than %(limit)s rows."),
    "required": _("%(column)s is empty."),
    "too_long": _("%(column)s is longer than %(limit)s characters."),
    "unknown_agency": _("Agency code %(value)s is not an agency or school of %(authority)s."),
    "agency_outside_scope": _("Agency code %(value)s is outside the organisation you manage."),
    "duplicate_number": _("Employee number %(value)s also appears on row %(other)s."),
    "number_outside_scope": _(
        "Employee number %(value)s belongs to an employee outside the organisation you manage."
    ),
    "bad_category": _("Staff category “%(value)s” is not one of: %(choices)s."),
    "bad_gender": _("Gender “%(value)s” is not 女, 男 or 其他 (F, M or X)."),
    "impossible_date": _("%(column)s %(value)s does not exist in the calendar."),
    "bad_date": _(
        "%(column)s “%(value)s” is not a date; write it as 114/01/22, 1140122, "
        "民國114年1月22日 or 2025-01-22."
    ),
    "date_out_of_range": _("%(column)s %(value)s is not a plausible date."),
    "hire_before_birth": _("The hire date is earlier than the birth date."),
    "bad_email": _("E-mail “%(value)s” is not a valid address."),
}


@dataclass(frozen=True)
class RosterError:
    """One problem: `line` is the row number the spreadsheet shows (0 for the whole file),
    `column` a column key or ""."""

    line: int
    column: str
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    @property
    def column_label(self) -> str:
        column = COLUMNS_BY_KEY.get(self.column)
        return str(column.label) if column else ""

    def as_dict(self) -> dict:
        return asdict(self)


def message_for(code: str, params: dict | None = None) -> str:
    """The message of an error code in the active language."""
    values = dict(params or {})
    if "column" in values and values["column"] in COLUMNS_BY_KEY:
        values["column"] = str(COLUMNS_BY_KEY[values["column"]].label)
    separator = pgettext("list separator", ", ")
    if "columns" in values:
        values["columns"] = separator.join(
            str(COLUMNS_BY_KEY[key].label) if key in COLUMNS_BY_KEY else key
            for key in values["columns"]
        )
    if code == "bad_category":
        values["choices"] = separator.join(words[0] for words in CATEGORY_WORDS.values())
    if code == "too_big":
        values["limit"] = MAX_BYTES // (1024 * 1024)
    template = MESSAGES.get(code)
    return gettext(str(template)) % values if template else code


class RosterFileError(Exception):
    """The file as a whole cannot be used (wrong kind, unreadable, header incomplete)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def as_error(self) -> RosterError:
        return RosterError(0, "", self.code, self.params)


# --- Reading ------------------------------------------------------------------------------


@dataclass
class RosterRow:
    """One non-blank data row: `line` as the spreadsheet numbers it, `values` by column key
    (text, or a date where the spreadsheet typed the cell as a date)."""

    line: int
    values: dict[str, object]


def roster_parse(data: bytes, filename: str, *, first_only: bool = False) -> list[RosterRow]:
    """The data rows of a roster file (only the first with `first_only`, enough to check
    the file on the upload form). Raises `RosterFileError` for a file that cannot be
    read or whose header row lacks a required column."""
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
    return _rows_from_table(_guarded(reader(data), extension.upper()), first_only=first_only)


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


def _rows_from_table(table: Iterable[tuple[int, list]], *, first_only: bool) -> list[RosterRow]:
    header: dict[int, str] | None = None
    rows: list[RosterRow] = []
    for line, cells in table:
        if not any(_text(cell) for cell in cells):
            continue
        if header is None:
            header = _read_header(cells)
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


def _read_header(cells: list) -> dict[int, str]:
    header: dict[int, str] = {}
    for index, cell in enumerate(cells):
        key = _HEADER_LOOKUP.get(_header_key(_text(cell)))
        if key is None:
            continue  # an extra column of the office's own is ignored
        if key in header.values():
            raise RosterFileError("duplicate_column", column=key)
        header[index] = key
    missing = [c.key for c in COLUMNS if c.required and c.key not in header.values()]
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
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

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
    from odf import teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import Table

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
            if _text(value):
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
        if not any(_text(cell) for cell in cells):
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


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return _number_text(value)
    return str(value).replace("\u3000", " ").strip()


# --- Validation ---------------------------------------------------------------------------


@dataclass
class CleanRow:
    line: int
    number: str
    name: str
    agency_id: int
    unit_name: str
    staff_category: str
    gender: str
    birth_date: date
    hire_date: date
    email: str


class _OrgIndex:
    """The authority's tree in memory (one query): agencies by code, each unit's nearest
    agency or school, and units by (agency, name)."""

    def __init__(self, authority: OrgUnit):
        self.authority = authority
        self.units = {unit.pk: unit for unit in OrgUnit.objects.filter(authority.subtree_q())}
        self.agencies_by_code = {
            unit.code.upper(): unit
            for unit in self.units.values()
            if unit.kind in AGENCY_KINDS and unit.code
        }
        self.agency_of: dict[int, int | None] = {}
        for unit in self.units.values():
            ids = [int(part) for part in unit.path.strip("/").split("/")]
            self.agency_of[unit.pk] = next(
                (
                    i
                    for i in reversed(ids)
                    if i in self.units and self.units[i].kind in AGENCY_KINDS
                ),
                None,
            )
        self.unit_by_name: dict[tuple[int, str], OrgUnit] = {}
        for unit in sorted(self.units.values(), key=lambda u: u.path):
            if unit.kind == OrgUnit.Kind.UNIT and self.agency_of[unit.pk] is not None:
                self.unit_by_name.setdefault((self.agency_of[unit.pk], unit.name), unit)

    def units_of_agencies(self, agency_ids: set[int]) -> list[int]:
        return [pk for pk, agency in self.agency_of.items() if agency in agency_ids]


def _in_scope(unit: OrgUnit, scope: OrgUnit) -> bool:
    return unit.path.startswith(scope.path)


def _clean_date(row: RosterRow, key: str, errors: list[RosterError]) -> date | None:
    raw = row.values.get(key)
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = unicodedata.normalize("NFKC", _text(raw))
        if not text:
            errors.append(RosterError(row.line, key, "required", {"column": key}))
            return None
        shown = text
        try:
            value = parse_date(text)
        except DateFormatError as exc:
            # parse_date chains the calendar's ValueError when the form was right but the
            # day does not exist (114/02/30).
            code = "impossible_date" if exc.__cause__ is not None else "bad_date"
            errors.append(RosterError(row.line, key, code, {"column": key, "value": shown}))
            return None
    if not date(1900, 1, 1) <= value <= date(timezone.localdate().year + 1, 12, 31) or (
        key == "birth_date" and value > timezone.localdate()
    ):
        errors.append(
            RosterError(
                row.line, key, "date_out_of_range", {"column": key, "value": value.isoformat()}
            )
        )
        return None
    return value


def _clean_text(row: RosterRow, key: str, errors: list[RosterError], *, normal: bool) -> str:
    text = _text(row.values.get(key))
    # Codes, numbers and addresses in full-width forms are folded; names are kept as written.
    text = unicodedata.normalize("NFKC", text).strip() if normal else re.sub(r"\s+", " ", text)
    limit = TEXT_LIMITS[key]
    if not text and COLUMNS_BY_KEY[key].required:
        errors.append(RosterError(row.line, key, "required", {"column": key}))
    elif len(text) > limit:
        errors.append(RosterError(row.line, key, "too_long", {"column": key, "limit": limit}))
        return ""
    return text


def roster_validate(
    rows: list[RosterRow], *, authority: OrgUnit, scope: OrgUnit
) -> tuple[list[CleanRow], list[RosterError]]:
    """Check every row; the clean rows are only to be applied when `errors` is empty.

    `scope` is the importer's subtree: agency codes outside it are errors, and so are
    employee numbers that belong to someone outside it (a transfer between agencies is for
    whoever manages both)."""
    index = _OrgIndex(authority)
    errors: list[RosterError] = []
    clean: list[CleanRow] = []
    first_line: dict[str, int] = {}
    for row in rows:
        row_errors: list[RosterError] = []
        number = _clean_text(row, "number", row_errors, normal=True)
        name = _clean_text(row, "name", row_errors, normal=False)
        code = _clean_text(row, "agency_code", row_errors, normal=True).upper()
        unit_name = _clean_text(row, "unit", row_errors, normal=False)
        email = _clean_text(row, "email", row_errors, normal=True)

        if number:
            if number in first_line:
                row_errors.append(
                    RosterError(
                        row.line,
                        "number",
                        "duplicate_number",
                        {"value": number, "other": first_line[number]},
                    )
                )
            else:
                first_line[number] = row.line

        agency = index.agencies_by_code.get(code) if code else None
        if code and agency is None:
            row_errors.append(
                RosterError(
                    row.line,
                    "agency_code",
                    "unknown_agency",
                    {"value": code, "authority": authority.name},
                )
            )
        elif agency is not None and not _in_scope(agency, scope):
            row_errors.append(
                RosterError(row.line, "agency_code", "agency_outside_scope", {"value": code})
            )

        category_text = _text(row.values.get("staff_category"))
        category = _CATEGORY_LOOKUP.get(_header_key(category_text))
        if not category_text:
            row_errors.append(
                RosterError(row.line, "staff_category", "required", {"column": "staff_category"})
            )
        elif category is None:
            row_errors.append(
                RosterError(row.line, "staff_category", "bad_category", {"value": category_text})
            )

        gender_text = _text(row.values.get("gender"))
        gender = _GENDER_LOOKUP.get(_header_key(gender_text))
        if not gender_text:
            row_errors.append(RosterError(row.line, "gender", "required", {"column": "gender"}))
        elif gender is None:
            row_errors.append(RosterError(row.line, "gender", "bad_gender", {"value": gender_text}))

        birth = _clean_date(row, "birth_date", row_errors)
        hire = _clean_date(row, "hire_date", row_errors)
        if birth and hire and hire < birth:
            row_errors.append(RosterError(row.line, "hire_date", "hire_before_birth"))

        if email:
            try:
                validate_email(email)
            except ValidationError:
                row_errors.append(RosterError(row.line, "email", "bad_email", {"value": email}))

        if row_errors:
            errors.extend(row_errors)
            continue
        clean.append(
            CleanRow(
                line=row.line,
                number=number,
                name=name,
                agency_id=agency.pk,
                unit_name="" if unit_name == agency.name else unit_name,
                staff_category=category,
                gender=gender,
                birth_date=birth,
                hire_date=hire,
                email=email,
            )
        )

    # Numbers of people outside the importer's scope may not be taken over.
    by_number = {row.number: row for row in clean}
    for existing in _existing(authority, list(by_number)):
        unit = index.units.get(existing.unit_id)
        if unit is None or not _in_scope(unit, scope):
            row = by_number[existing.number]
            errors.append(
                RosterError(row.line, "number", "number_outside_scope", {"value": row.number})
            )
    errors.sort(key=lambda error: error.line)
    return clean, errors


def _existing(authority: OrgUnit, numbers: list[str]) -> Iterator[Employee]:
    for start in range(0, len(numbers), BATCH):
        yield from Employee.objects.filter(
            authority=authority, number__in=numbers[start : start + BATCH]
        )


# --- Applying -----------------------------------------------------------------------------


@dataclass
class RosterCounts:
    created: int = 0
    updated: int = 0
    reactivated: int = 0
    deactivated: int = 0
    unchanged: int = 0
    units_created: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@transaction.atomic
def roster_apply(
    *,
    clean_rows: list[CleanRow],
    authority: OrgUnit,
    scope: OrgUnit,
    progress: Callable[[int], None] | None = None,
) -> RosterCounts:
    """Apply validated rows in one transaction: create, update, re-activate, and
    deactivate the employees of the covered agencies who are not in the file."""
    # One import per authority at a time (a row lock on PostgreSQL; SQLite's IMMEDIATE
    # transactions serialise writers anyway).
    list(OrgUnit.objects.select_for_update().filter(pk=authority.pk).values_list("pk"))
    index = _OrgIndex(authority)
    counts = RosterCounts()
    now = timezone.now()

    units = _units_for(clean_rows, index, counts)
    existing = {employee.number: employee for employee in _existing(
        authority, [row.number for row in clean_rows]
    )}  # fmt: skip
    to_create: list[Employee] = []
    to_update: list[tuple[Employee, set[str]]] = []  # with the fields that changed
    reactivated_users: list[int] = []
    for row in clean_rows:
        unit_id = units[(row.agency_id, row.unit_name)] if row.unit_name else row.agency_id
        wanted = {
            "name": row.name,
            "unit_id": unit_id,
            "staff_category": row.staff_category,
            "gender": row.gender,
            "birth_date": row.birth_date,
            "hire_date": row.hire_date,
            "email": row.email,
            "is_active": True,
        }
        employee = existing.get(row.number)
        if employee is None:
            to_create.append(Employee(authority=authority, number=row.number, **wanted))
            continue
        changed = {name for name, value in wanted.items() if getattr(employee, name) != value}
        if not changed:
            counts.unchanged += 1
            continue
        if not employee.is_active:
            counts.reactivated += 1
            if employee.user_id:
                reactivated_users.append(employee.user_id)
        else:
            counts.updated += 1
        for name in changed:
            setattr(employee, name, wanted[name])
        to_update.append((employee, changed))

    done = 0
    for start in range(0, len(to_create), BATCH):
        batch = to_create[start : start + BATCH]
        Employee.objects.bulk_create(batch)
        done += len(batch)
        if progress:
            progress(done)
    counts.created = len(to_create)
    for start in range(0, len(to_update), BATCH):
        batch = to_update[start : start + BATCH]
        # Only the fields that changed somewhere in the batch: bulk_update builds a CASE
        # per field and row, which is what makes it slow. Every updated row ends active.
        fields = set().union(*(changed for _employee, changed in batch)) - {"is_active"}
        if fields:
            Employee.objects.bulk_update(
                [employee for employee, _changed in batch],
                sorted(name.removesuffix("_id") for name in fields),
            )
        Employee.objects.filter(pk__in=[employee.pk for employee, _changed in batch]).update(
            is_active=True, updated_at=now
        )
        done += len(batch)
        if progress:
            progress(done)
    for start in range(0, len(reactivated_users), BATCH):
        User.objects.filter(pk__in=reactivated_users[start : start + BATCH]).update(is_active=True)

    counts.deactivated = _deactivate_absent(
        authority=authority,
        unit_ids=index.units_of_agencies({row.agency_id for row in clean_rows}),
        present={row.number for row in clean_rows},
        now=now,
    )
    if progress:
        progress(len(clean_rows))
    return counts


def _units_for(
    clean_rows: list[CleanRow], index: _OrgIndex, counts: RosterCounts
) -> dict[tuple[int, str], int]:
    """The unit id of every (agency, unit name) in the file, creating missing units under
    their agency in two bulk queries."""
    wanted = {(row.agency_id, row.unit_name) for row in clean_rows if row.unit_name}
    found = {key: index.unit_by_name[key].pk for key in wanted if key in index.unit_by_name}
    missing = sorted(wanted - found.keys())
    if missing:
        new_units = OrgUnit.objects.bulk_create(
            [
                OrgUnit(name=name, kind=OrgUnit.Kind.UNIT, parent_id=agency_id)
                for agency_id, name in missing
            ]
        )
        for unit, (agency_id, name) in zip(new_units, missing, strict=True):
            unit.path = f"{index.units[agency_id].path}{unit.pk}/"
            found[(agency_id, name)] = unit.pk
        OrgUnit.objects.bulk_update(new_units, ["path"], batch_size=BATCH)
        counts.units_created = len(new_units)
    return found


def _deactivate_absent(*, authority: OrgUnit, unit_ids: list[int], present: set[str], now) -> int:
    absent: list[tuple[int, int | None]] = []
    for start in range(0, len(unit_ids), BATCH):
        absent.extend(
            (pk, user_id)
            for pk, number, user_id in Employee.objects.filter(
                authority=authority, is_active=True, unit_id__in=unit_ids[start : start + BATCH]
            ).values_list("pk", "number", "user_id")
            if number not in present
        )
    for start in range(0, len(absent), BATCH):
        batch = absent[start : start + BATCH]
        Employee.objects.filter(pk__in=[pk for pk, _user in batch]).update(
            is_active=False, updated_at=now
        )
        users = [user for _pk, user in batch if user]
        if users:
            User.objects.filter(pk__in=users).update(is_active=False)
    return len(absent)


# --- The whole import ---------------------------------------------------------------------


@dataclass
class RosterOutcome:
    applied: bool
    rows: int = 0
    counts: RosterCounts = field(default_factory=RosterCounts)
    errors: list[RosterError] = field(default_factory=list)

    def as_dict(self, *, max_errors: int = 2000) -> dict:
        return {
            "applied": self.applied,
            "rows": self.rows,
            "counts": self.counts.as_dict(),
            "errors": [error.as_dict() for error in self.errors[:max_errors]],
            "error_total": len(self.errors),
        }


def roster_import(
    *,
    data: bytes,
    filename: str,
    scope: OrgUnit,
    dry_run: bool = False,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> RosterOutcome:
    """Parse, validate and (unless `dry_run` or an error) apply a roster for the authority
    of `scope`, within `scope`."""
    authority = scope.authority()
    try:
        rows = roster_parse(data, filename)
    except RosterFileError as exc:
        return RosterOutcome(applied=False, errors=[exc.as_error()])
    if on_start:
        on_start(len(rows))
    clean, errors = roster_validate(rows, authority=authority, scope=scope)
    if errors or dry_run:
        return RosterOutcome(applied=False, rows=len(rows), errors=errors)
    counts = roster_apply(clean_rows=clean, authority=authority, scope=scope, progress=progress)
    return RosterOutcome(applied=True, rows=len(rows), counts=counts)


# --- The template -------------------------------------------------------------------------

TEMPLATE_ROWS = (
    ("A0001", "陳怡君", "379909000K", "人事室", "公務人員", "女", "074/03/15", "103/08/01",
     "chen.yijun@example.gov.tw"),
    ("A0002", "林志明", "379909000K", "第一科", "約聘僱人員", "男", "1980-11-02", "2016-02-15",
     ""),
    ("A0003", "黃淑芬", "379903000D", "", "工友", "F", "0610920", "0880701", ""),
    ("A0004", "張家豪", "379903000D", "總務科", "駕駛", "M", "民國70年5月6日", "民國95年3月1日",
     "chang.chiahao@example.gov.tw"),
    ("A0005", "李宜蓁", "379931000N", "教務處", "教師", "女", "1990/07/21", "114/08/01",
     "lee.yichen@example.edu.tw"),
    ("A0006", "王俊傑", "379931000N", "總務處", "替代役", "男", "2002-04-30", "2025-01-22", ""),
)  # fmt: skip


def template_table() -> list[list[str]]:
    return [[column.header for column in COLUMNS], *[list(row) for row in TEMPLATE_ROWS]]


def template_csv() -> bytes:
    """UTF-8 with a BOM, which spreadsheet programs need to show Chinese headers."""
    return sheets.sheet_bytes("csv", "員工名冊", template_table())


def template_xlsx() -> bytes:
    # Text cells, so that 0610920 and 114/08/01 keep their form.
    writer = sheets.XlsxSheets(created=datetime(2025, 1, 22), text_format=True)
    writer.table(
        "員工名冊",
        template_table(),
        widths=(10, 10, 13, 10, 12, 6, 16, 16, 30),
        freeze_header=True,
    )
    return _stable_zip(writer.finish())


def template_ods() -> bytes:
    return _stable_zip(sheets.sheet_bytes("ods", "員工名冊", template_table()))


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed member times, so that regenerating the template files
    changes nothing when their content has not changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 22, 0, 0, 0))
            stable.compress_type = info.compress_type  # ODS keeps "mimetype" stored, first
            stable.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-22T00:00:00Z", content
                )
            target.writestr(stable, content)
    return buffer.getvalue()


TEMPLATE_WRITERS = {"csv": template_csv, "xlsx": template_xlsx, "ods": template_ods}
TEMPLATE_TYPES = sheets.CONTENT_TYPES
