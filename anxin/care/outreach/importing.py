"""The three outreach imports (personnel changes, monthly overtime hours, monthly
family-care leave days): read with the roster's readers (CSV in UTF-8 or Big5, XLSX,
ODS), every row checked first, then all rows applied in one transaction or none, and the
outreach the plan sets run on what the file added (actions.py).

An employee number is looked up in the importer's authority only: a number that is not
there, or that belongs to someone outside the importer's subtree, is named in the report,
never matched to someone else. A name, when the file gives one, must be the roster's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from anxin.care.outreach import actions
from anxin.care.outreach.columns import (
    COLUMNS,
    EVENT_LOOKUP,
    MAX_DAYS,
    MAX_HOURS,
    TEXT_LIMITS,
    header_lookup,
)
from anxin.care.outreach.errors import OutreachError
from anxin.care.outreach.models import (
    FamilyCareMonth,
    LifeEvent,
    OutreachImport,
    OvertimeMonth,
)
from anxin.core.roc import ROC_OFFSET, DateFormatError, fold, parse_date
from anxin.people.models import Employee, OrgUnit
from anxin.people.roster import RosterFileError, RosterRow, roster_parse
from anxin.people.roster.columns import header_key
from anxin.people.roster.parsing import cell_text

Kind = OutreachImport.Kind
BATCH = 500

_MONTH_PATTERNS = (
    (re.compile(r"^(?:民國|中華民國|民)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月?$"), ROC_OFFSET),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), 0),
    (re.compile(r"^(\d{2,3})[-/.](\d{1,2})$"), ROC_OFFSET),
    (re.compile(r"^(\d{4})(\d{2})$"), 0),  # 202611
    (re.compile(r"^(\d{3})(\d{2})$"), ROC_OFFSET),  # 11511
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月?$"), 0),
)


@dataclass
class CleanRow:
    line: int
    employee_id: int
    kind: str = ""  # a personnel change
    on: date | None = None  # its date, or the first day of the month
    amount: Decimal = Decimal(0)  # hours or days


@dataclass
class ImportOutcome:
    applied: bool
    preview: bool = False
    kind: str = ""
    rows: int = 0
    counts: dict = field(default_factory=dict)  # by personnel change, or months and people
    sent: dict = field(default_factory=dict)  # what the outreach did (actions.Sent)
    errors: list[OutreachError] = field(default_factory=list)

    def as_dict(self, *, max_items: int = 2000) -> dict:
        return {
            "applied": self.applied,
            "preview": self.preview,
            "kind": self.kind,
            "rows": self.rows,
            "counts": self.counts,
            "sent": self.sent,
            "errors": [error.as_dict() for error in self.errors[:max_items]],
            "error_total": len(self.errors),
        }


def outreach_parse(
    data: bytes, filename: str, *, kind: str, first_only: bool = False
) -> list[RosterRow]:
    """The data rows of an outreach file of `kind`. Raises `RosterFileError`."""
    return roster_parse(
        data, filename, first_only=first_only, columns=COLUMNS[kind], lookup=header_lookup(kind)
    )


def parse_month(value) -> date:
    """The first day of the month a cell names: a date, 115/11, 11511, 115年11月, 2026-11,
    or any date `parse_date` reads. Raises DateFormatError."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    text = fold(cell_text(value))
    for pattern, offset in _MONTH_PATTERNS:
        if match := pattern.match(text):
            year, month = (int(part) for part in match.groups())
            if not 1 <= month <= 12 or (offset and year < 1):
                raise DateFormatError(text)
            return date(year + offset, month, 1)
    return parse_date(text).replace(day=1)


def _text(row: RosterRow, key: str, errors: list[OutreachError], *, required: bool) -> str:
    text = unicodedata.normalize("NFKC", cell_text(row.values.get(key))).strip()
    if key == "name":
        text = re.sub(r"\s+", "", text)
    if not text:
        if required:
            errors.append(OutreachError(row.line, key, "required", {"column": key}))
        return ""
    if len(text) > TEXT_LIMITS[key]:
        errors.append(
            OutreachError(row.line, key, "too_long", {"column": key, "limit": TEXT_LIMITS[key]})
        )
        return ""
    return text


def _date(row: RosterRow, key: str, errors: list[OutreachError]) -> date | None:
    raw = row.values.get(key)
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    else:
        text = unicodedata.normalize("NFKC", cell_text(raw))
        if not text:
            errors.append(OutreachError(row.line, key, "required", {"column": key}))
            return None
        try:
            value = parse_date(text)
        except DateFormatError as exc:
            code = "impossible_date" if exc.__cause__ is not None else "bad_date"
            errors.append(OutreachError(row.line, key, code, {"column": key, "value": text}))
            return None
    today = timezone.localdate()
    if not date(today.year - 5, 1, 1) <= value <= date(today.year + 1, 12, 31):
        errors.append(
            OutreachError(
                row.line, key, "date_out_of_range", {"column": key, "value": value.isoformat()}
            )
        )
        return None
    return value


def _month(row: RosterRow, errors: list[OutreachError]) -> date | None:
    raw = row.values.get("month")
    text = cell_text(raw)
    if not text:
        errors.append(OutreachError(row.line, "month", "required", {"column": "month"}))
        return None
    try:
        value = parse_month(raw)
    except DateFormatError:
        errors.append(OutreachError(row.line, "month", "bad_month", {"column": "month",
                                                                    "value": text}))  # fmt: skip
        return None
    today = timezone.localdate()
    if not date(today.year - 5, 1, 1) <= value <= today:
        errors.append(
            OutreachError(
                row.line, "month", "date_out_of_range", {"column": "month", "value": text}
            )
        )
        return None
    return value


def _amount(row: RosterRow, key: str, limit: int, errors: list[OutreachError]) -> Decimal | None:
    text = unicodedata.normalize("NFKC", cell_text(row.values.get(key))).strip()
    if not text:
        errors.append(OutreachError(row.line, key, "required", {"column": key}))
        return None
    try:
        value = Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        errors.append(OutreachError(row.line, key, "bad_amount", {"column": key, "value": text}))
        return None
    if not Decimal(0) <= value <= limit:
        errors.append(
            OutreachError(
                row.line,
                key,
                "amount_out_of_range",
                {"column": key, "value": text, "limit": limit},
            )
        )
        return None
    return value


def _employees(authority: OrgUnit, numbers: list[str]) -> dict[str, Employee]:
    found: dict[str, Employee] = {}
    for start in range(0, len(numbers), BATCH):
        for employee in Employee.objects.filter(
            authority=authority, number__in=numbers[start : start + BATCH]
        ).select_related("unit"):
            found[employee.number] = employee
    return found


def outreach_validate(
    rows: list[RosterRow], *, kind: str, scope: OrgUnit
) -> tuple[list[CleanRow], list[OutreachError]]:
    """Check every row of a file of `kind` for an importer whose subtree is `scope`; the
    clean rows are only to be applied when `errors` is empty."""
    authority = scope.authority()
    numbers = []
    for row in rows:
        number = unicodedata.normalize("NFKC", cell_text(row.values.get("number"))).strip()
        if number:
            numbers.append(number)
    employees = _employees(authority, sorted(set(numbers)))
    errors: list[OutreachError] = []
    clean: list[CleanRow] = []
    first_line: dict[tuple, int] = {}
    for row in rows:
        row_errors: list[OutreachError] = []
        number = _text(row, "number", row_errors, required=True)
        name = _text(row, "name", row_errors, required=False)
        employee = employees.get(number) if number else None
        if number and employee is None:
            row_errors.append(
                OutreachError(row.line, "number", "unknown_number", {"value": number})
            )
        elif employee is not None and not employee.unit.path.startswith(scope.path):
            row_errors.append(
                OutreachError(row.line, "number", "number_outside_scope", {"value": number})
            )
            employee = None
        elif employee is not None and name and name != re.sub(r"\s+", "", employee.name):
            row_errors.append(
                OutreachError(
                    row.line,
                    "name",
                    "name_mismatch",
                    {"value": number, "name": name, "roster": employee.name},
                )
            )
        item = CleanRow(line=row.line, employee_id=employee.pk if employee else 0)
        if kind == Kind.LIFE_EVENTS:
            text = cell_text(row.values.get("kind"))
            item.kind = EVENT_LOOKUP.get(header_key(text), "")
            if not text:
                row_errors.append(OutreachError(row.line, "kind", "required", {"column": "kind"}))
            elif not item.kind:
                row_errors.append(OutreachError(row.line, "kind", "bad_kind", {"value": text}))
            item.on = _date(row, "on", row_errors)
            same, column = (number, item.kind, item.on), "on"
        else:
            item.on = _month(row, row_errors)
            key, limit = ("hours", MAX_HOURS) if kind == Kind.OVERTIME else ("days", MAX_DAYS)
            item.amount = _amount(row, key, limit, row_errors) or Decimal(0)
            same, column = (number, item.on), "month"
        if not row_errors and same in first_line:
            row_errors.append(
                OutreachError(
                    row.line, column, "duplicate_row", {"column": column, "other": first_line[same]}
                )
            )
        first_line.setdefault(same, row.line)
        if row_errors:
            errors.extend(row_errors)
            continue
        clean.append(item)
    if not rows:
        errors.append(OutreachError(0, "", "no_rows"))
    return clean, errors


def _apply(*, clean: list[CleanRow], kind: str, source: OutreachImport) -> tuple[dict, list]:
    """Write the rows; the counts for the report, and what is new for the outreach."""
    if kind == Kind.LIFE_EVENTS:
        known = set(
            LifeEvent.objects.filter(employee_id__in={r.employee_id for r in clean}).values_list(
                "employee_id", "kind", "on"
            )
        )
        new = [
            LifeEvent(employee_id=r.employee_id, kind=r.kind, on=r.on, source=source)
            for r in clean
            if (r.employee_id, r.kind, r.on) not in known
        ]
        LifeEvent.objects.bulk_create(new, batch_size=BATCH)
        counts = {value: 0 for value in LifeEvent.Kind.values}
        for row in clean:
            counts[row.kind] += 1
        counts["already_known"] = len(clean) - len(new)
        return counts, new
    model, field_name = (
        (OvertimeMonth, "hours") if kind == Kind.OVERTIME else (FamilyCareMonth, "days")
    )
    ids = {r.employee_id for r in clean}
    existing = {
        (item.employee_id, item.month): item
        for start in range(0, len(ids), BATCH)
        for item in model.objects.filter(employee_id__in=sorted(ids)[start : start + BATCH])
    }
    create, update = [], []
    for row in clean:
        item = existing.get((row.employee_id, row.on))
        if item is None:
            create.append(
                model(
                    employee_id=row.employee_id,
                    month=row.on,
                    source=source,
                    **{field_name: row.amount},
                )
            )
        else:
            setattr(item, field_name, row.amount)
            item.source = source
            update.append(item)
    model.objects.bulk_create(create, batch_size=BATCH)
    model.objects.bulk_update(update, [field_name, "source"], batch_size=BATCH)
    counts = {
        "people": len(ids),
        "months": len({row.on for row in clean}),
        "created": len(create),
        "updated": len(update),
    }
    return counts, sorted(ids)


def outreach_import(
    *,
    data: bytes,
    filename: str,
    kind: str,
    scope: OrgUnit,
    importer,
    dry_run: bool = False,
    on_start: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Parse, check and (unless `dry_run` or an error) apply an outreach file of `kind`
    for an importer whose subtree is `scope`, then run the outreach the plan sets on what
    it added. The preview (`dry_run`) counts the rows and changes nothing."""
    try:
        rows = outreach_parse(data, filename, kind=kind)
    except RosterFileError as exc:
        error = OutreachError(0, "", exc.code, exc.params)
        return ImportOutcome(applied=False, preview=dry_run, kind=kind, errors=[error])
    if on_start:
        on_start(len(rows))
    clean, errors = outreach_validate(rows, kind=kind, scope=scope)
    outcome = ImportOutcome(applied=False, preview=dry_run, kind=kind, rows=len(rows),
                            errors=errors)  # fmt: skip
    if errors:
        return outcome
    if dry_run:
        outcome.counts = _preview_counts(clean, kind)
        return outcome
    with transaction.atomic():
        source = OutreachImport.objects.create(
            kind=kind, scope=scope, imported_by=importer, filename=filename[:200], rows=len(rows)
        )
        outcome.counts, added = _apply(clean=clean, kind=kind, source=source)
        sent = actions.outreach_act(kind=kind, added=added, authority=scope.authority())
        source.signals = sent.signals
        source.save(update_fields=["signals"])
        outcome.sent = sent.as_dict()
        outcome.applied = True
    return outcome


def _preview_counts(clean: list[CleanRow], kind: str) -> dict:
    if kind == Kind.LIFE_EVENTS:
        counts = {value: 0 for value in LifeEvent.Kind.values}
        for row in clean:
            counts[row.kind] += 1
        return counts
    return {"people": len({r.employee_id for r in clean}), "months": len({r.on for r in clean})}
