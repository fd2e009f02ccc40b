"""Checking every row of a roster against the authority's organisation tree and the
importer's scope, before anything is written."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from anxin.core.roc import DateFormatError, parse_date
from anxin.people.models import Employee, OrgUnit
from anxin.people.roster.columns import (
    CATEGORY_LOOKUP,
    COLUMNS_BY_KEY,
    GENDER_LOOKUP,
    TEXT_LIMITS,
    header_key,
)
from anxin.people.roster.errors import RosterError
from anxin.people.roster.parsing import RosterRow, cell_text

BATCH = 500  # rows per bulk query: a fixed number of queries per batch, never per row
AGENCY_KINDS = (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)


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


class OrgIndex:
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
        text = unicodedata.normalize("NFKC", cell_text(raw))
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
    text = cell_text(row.values.get(key))
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
    index = OrgIndex(authority)
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
        elif agency is not None and not agency.is_active:
            row_errors.append(
                RosterError(row.line, "agency_code", "agency_closed", {"value": code})
            )
        if agency is not None and unit_name and unit_name != agency.name:
            unit = index.unit_by_name.get((agency.pk, unit_name))
            if unit is not None and not unit.is_active:
                row_errors.append(
                    RosterError(row.line, "unit", "unit_closed", {"value": unit_name})
                )

        category_text = cell_text(row.values.get("staff_category"))
        category = CATEGORY_LOOKUP.get(header_key(category_text))
        if not category_text:
            row_errors.append(
                RosterError(row.line, "staff_category", "required", {"column": "staff_category"})
            )
        elif category is None:
            row_errors.append(
                RosterError(row.line, "staff_category", "bad_category", {"value": category_text})
            )

        gender_text = cell_text(row.values.get("gender"))
        gender = GENDER_LOOKUP.get(header_key(gender_text))
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
    for existing in existing_employees(authority, list(by_number)):
        unit = index.units.get(existing.unit_id)
        if unit is None or not _in_scope(unit, scope):
            row = by_number[existing.number]
            errors.append(
                RosterError(row.line, "number", "number_outside_scope", {"value": row.number})
            )
    errors.sort(key=lambda error: error.line)
    return clean, errors


def existing_employees(authority: OrgUnit, numbers: list[str]) -> Iterator[Employee]:
    for start in range(0, len(numbers), BATCH):
        yield from Employee.objects.filter(
            authority=authority, number__in=numbers[start : start + BATCH]
        )
