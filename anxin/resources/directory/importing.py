"""Importing directory entries from JSON, ODS, XLSX or CSV, and public long-term-care
facility lists from CSV or ODS: all or nothing (DESIGN.md invariant 8), in the background
as every import is (anxin/core/imports.py, decision 0059).

Every row is checked before anything is written; one bad row and nothing is imported,
and the report names each bad row and what is wrong with it (a missing coordinate, a
category the plan does not have), worded in the importer's language when the file is
checked. A preview checks and counts, and writes nothing. A row whose organisation,
service name and address match an entry of the authority updates that entry; any other
creates one.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from anxin.core.imports import RowError
from anxin.people.models import OrgUnit, User
from anxin.people.roster.errors import RosterFileError
from anxin.people.roster.parsing import roster_parse
from anxin.resources.directory import services
from anxin.resources.directory.columns import CARE_COLUMNS, COLUMNS, lookup
from anxin.resources.directory.hours import parse_hours
from anxin.resources.directory.models import Service
from anxin.resources.directory.taxonomy import Taxonomy, taxonomy_for

MAX_JSON_BYTES = 20 * 1024 * 1024
LIMITS = {
    "organisation": 200, "name": 200, "category": 100, "phone": 60, "email": 254,
    "url": 200, "languages": 200, "address": 300, "district": 40,
}  # fmt: skip


class DirectoryError(RowError):
    """One problem of a directory file, worded when the file was checked (its message is
    its only parameter)."""

    @staticmethod
    def columns() -> dict:
        return {}

    @staticmethod
    def words(code: str, params: dict) -> str:
        return params["message"]


def problem(line: int, message: str) -> DirectoryError:
    return DirectoryError(line, "", "problem", {"message": str(message)})


@dataclass
class Outcome:
    errors: list[DirectoryError]
    applied: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0

    def as_dict(self, *, max_errors: int = 2000) -> dict:
        return {
            "applied": self.applied,
            "rows": self.rows,
            "counts": {"created": self.created, "updated": self.updated},
            "errors": [error.as_dict() for error in self.errors[:max_errors]],
            "error_total": len(self.errors),
        }


class DirectoryFileError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _file_message(error: RosterFileError, columns) -> str:
    labels = {column.key: str(column.label) for column in columns}
    if error.code == "missing_columns":
        names = pgettext("list separator", ", ").join(
            labels.get(key, key) for key in error.params.get("columns", [])
        )
        return _("The header row lacks these columns: %(columns)s.") % {"columns": names}
    if error.code == "duplicate_column":
        column = labels.get(error.params.get("column"), error.params.get("column"))
        return _("The column %(column)s appears twice in the header row.") % {"column": column}
    if error.code == "no_rows":
        return _("The file has a header row but no entries.")
    return error.message


def read_rows(data: bytes, filename: str, *, care: bool = False) -> list[tuple[int, dict]]:
    """(line, values by column key) of each row of the file; raises DirectoryFileError when the
    file as a whole cannot be used. JSON is a list of objects as the export writes them,
    numbered from 1."""
    columns = CARE_COLUMNS if care else COLUMNS
    if PurePath(filename or "").suffix.lower() == ".json" and not care:
        if len(data) > MAX_JSON_BYTES:
            raise DirectoryFileError(_("The file is larger than %(limit)s MB.") % {"limit": 20})
        try:
            items = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise DirectoryFileError(
                _("The file is not JSON as the directory's export writes it.")
            ) from None
        if isinstance(items, dict):
            items = items.get("entries")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise DirectoryFileError(_("The file is not JSON as the directory's export writes it."))
        if not items:
            raise DirectoryFileError(_("The file has no entries."))
        return [(number, item) for number, item in enumerate(items, start=1)]
    try:
        rows = roster_parse(data, filename, columns=columns, lookup=lookup(columns))
    except RosterFileError as error:
        raise DirectoryFileError(_file_message(error, columns)) from None
    return [(row.line, row.values) for row in rows]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _coordinate(value, low: int, high: int) -> Decimal | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = Decimal(text).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ValueError from None
    if not low <= number <= high:
        raise ValueError
    return number


def check_row(
    values: dict, taxonomy: Taxonomy, *, care: bool = False
) -> tuple[services.EntryData | None, list[str]]:
    """The entry a row describes, or what is wrong with it (messages without the row)."""
    columns = CARE_COLUMNS if care else COLUMNS
    labels = {column.key: str(column.label) for column in columns}
    text = {column.key: _text(values.get(column.key)) for column in COLUMNS}
    problems: list[str] = []
    for column in columns:
        if column.required and column.key not in ("latitude", "longitude") and not text[column.key]:
            problems.append(_("%(column)s is empty.") % {"column": labels[column.key]})
    for key, limit in LIMITS.items():
        if len(text[key]) > limit:
            problems.append(
                _("%(column)s is longer than %(limit)s characters.")
                % {"column": labels.get(key, key), "limit": limit}
            )
    coordinates = {}
    for key, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        try:
            coordinates[key] = _coordinate(values.get(key), low, high)
        except ValueError:
            problems.append(
                _("%(column)s “%(value)s” is not a number between %(low)s and %(high)s.")
                % {
                    "column": str(COLUMNS[-3 if key == "latitude" else -2].label),
                    "value": text[key],
                    "low": low,
                    "high": high,
                }
            )
            coordinates[key] = False
    missing = [k for k, v in coordinates.items() if v is None]
    if (care and missing) or len(missing) == 1:
        for key in missing:
            problems.append(
                _("The coordinate %(column)s is missing.")
                % {"column": str(COLUMNS[-3 if key == "latitude" else -2].label)}
            )
    if care:
        if not taxonomy.map_categories:
            problems.append(_("The plan in force has no care-resource map category."))
        text["category"] = taxonomy.map_categories[0] if taxonomy.map_categories else ""
        text["name"] = text["name"] or _("Long-term care")
    else:
        if text["category"] and text["category"] not in taxonomy.category_names:
            names = pgettext("list separator", ", ").join(sorted(taxonomy.category_names)) or "—"
            problems.append(
                _("Category “%(value)s” is not one of the plan's: %(choices)s.")
                % {"value": text["category"], "choices": names}
            )
        areas = taxonomy.area_names
        by_name = {name: key for key, name in taxonomy.areas}
        if text["service_area"] and text["service_area"] not in areas:
            if text["service_area"] in by_name:
                text["service_area"] = by_name[text["service_area"]]
            else:
                names = pgettext("list separator", ", ").join(areas.values()) or "—"
                problems.append(
                    _("Service area “%(value)s” is not one of the plan's: %(choices)s.")
                    % {"value": text["service_area"], "choices": names}
                )
    if text["email"]:
        try:
            EmailValidator()(text["email"])
        except ValidationError:
            problems.append(_("E-mail “%(value)s” is not an address.") % {"value": text["email"]})
    if text["url"]:
        try:
            URLValidator(schemes=["http", "https"])(text["url"])
        except ValidationError:
            problems.append(_("Web page “%(value)s” is not an address.") % {"value": text["url"]})
    openings, hour_problems = parse_hours(text["hours"])
    problems.extend(hour_problems)
    if problems:
        return None, problems
    return (
        services.EntryData(
            organisation=text["organisation"],
            name=text["name"],
            description=text["description"],
            service_area=text["service_area"],
            category=text["category"],
            eligibility=text["eligibility"],
            phone=text["phone"],
            email=text["email"],
            url=text["url"],
            accessibility=text["accessibility"],
            languages=text["languages"],
            address=text["address"],
            district=text["district"],
            latitude=coordinates["latitude"],
            longitude=coordinates["longitude"],
            hours=tuple(openings),
        ),
        [],
    )


@transaction.atomic
def directory_import(
    *,
    rows: list[tuple[int, dict]],
    taxonomy: Taxonomy,
    authority: OrgUnit,
    agency: OrgUnit,
    editable: QuerySet[Service],
    actor: User,
    today: date,
    care: bool = False,
    dry_run: bool = False,
    on_start: Callable[[int], None] | None = None,
) -> Outcome:
    """Check every row, then write them all (unless `dry_run`, which counts what would
    be written), or write nothing and say what is wrong."""
    if on_start:
        on_start(len(rows))
    entries: list[services.EntryData] = []
    errors: list[DirectoryError] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, values in rows:
        entry, problems = check_row(values, taxonomy, care=care)
        if entry is not None:
            key = (entry.organisation, entry.name, entry.address)
            if key in seen:
                problems = [
                    _("The same service of the same organisation also appears on row %(other)s.")
                    % {"other": seen[key]}
                ]
                entry = None
            else:
                seen[key] = line
        errors.extend(problem(line, message) for message in problems)
        if entry is not None:
            entries.append(entry)
    existing = {
        (s.organisation.name, s.name, s.address): s
        for s in Service.objects.filter(authority=authority).select_related(
            "organisation", "agency", "owner"
        )
    }
    mine = set(editable.values_list("pk", flat=True))
    for line, entry in zip(seen.values(), entries, strict=True):
        service = existing.get((entry.organisation, entry.name, entry.address))
        if service is not None and service.pk not in mine:
            refused = _("This entry exists already and is in the charge of another agency.")
            errors.append(problem(line, refused))
    if errors:
        return Outcome(errors=sorted(errors, key=lambda e: e.line), rows=len(rows))
    if dry_run:
        updated = sum((e.organisation, e.name, e.address) in existing for e in entries)
        return Outcome(errors=[], rows=len(rows), created=len(entries) - updated, updated=updated)
    created = updated = 0
    for entry in entries:
        service = existing.get((entry.organisation, entry.name, entry.address))
        if service is None:
            services.service_create(
                authority=authority, agency=agency, owner=actor, data=entry, verified_on=today
            )
            created += 1
        else:
            services.service_update(
                service=service,
                expected_version=service.version,
                data=entry,
                agency=service.agency,
                owner=service.owner,
                verified_on=today,
            )
            updated += 1
    return Outcome(errors=[], applied=True, rows=len(rows), created=created, updated=updated)


def directory_file_import(
    *,
    data: bytes,
    filename: str,
    scope: OrgUnit,
    editable: QuerySet[Service],
    actor: User,
    care: bool = False,
    dry_run: bool = False,
    on_start: Callable[[int], None] | None = None,
) -> Outcome:
    """Read a file and import it (or its preview) for an editor whose scope is `scope`,
    into its authority's directory, as the background task does."""
    try:
        rows = read_rows(data, filename, care=care)
    except DirectoryFileError as error:
        return Outcome(errors=[problem(0, error.message)])
    return directory_import(
        rows=rows,
        taxonomy=taxonomy_for(scope.root_id),
        authority=OrgUnit.objects.get(pk=scope.root_id),
        agency=scope,
        editable=editable,
        actor=actor,
        today=timezone.localdate(),
        care=care,
        dry_run=dry_run,
        on_start=on_start,
    )
