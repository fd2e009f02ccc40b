"""Checking an organisation file against the authority's tree, and applying it in one
transaction or not at all (decision 0039).

The file is the authority's whole organisation below the authority itself: agencies and
schools by their official code, each with its parent (another agency of the file, or the
authority when the column is empty), and units by name under their agency or school.
Re-importing updates names, kinds and parents, re-opens what was closed, and closes every
agency, school or unit missing from the file; nothing is deleted. A missing one that still
has active employees, staff roles or open counselling cases is not closed: the whole
import is refused with a message naming it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import Count, Q

from anxin.people.models import Employee, OrgUnit, RoleAssignment
from anxin.people.organisation.columns import (
    COLUMNS,
    HEADER_LOOKUP,
    KIND_LOOKUP,
    TEXT_LIMITS,
)
from anxin.people.organisation.errors import OrgError
from anxin.people.roster import RosterFileError, RosterRow, roster_parse
from anxin.people.roster.columns import header_key
from anxin.people.roster.parsing import cell_text

AGENCY_KINDS = (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)


@dataclass
class OrgRow:
    line: int
    kind: str
    code: str
    name: str
    parent_code: str  # "" for the authority


@dataclass
class Change:
    """One change the file makes, for the preview and the report."""

    line: int  # 0 for a closing (the row is missing)
    action: str  # create, update, reopen, close
    kind: str
    name: str
    code: str = ""
    before: str = ""  # the name or parent before an update, as text


@dataclass
class OrgCounts:
    created: int = 0
    updated: int = 0
    reopened: int = 0
    closed: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class OrgPlan:
    rows: list[OrgRow] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    counts: OrgCounts = field(default_factory=OrgCounts)


@dataclass
class OrgOutcome:
    applied: bool
    preview: bool = False
    rows: int = 0
    counts: OrgCounts = field(default_factory=OrgCounts)
    changes: list[Change] = field(default_factory=list)
    errors: list[OrgError] = field(default_factory=list)

    def as_dict(self, *, max_items: int = 2000) -> dict:
        return {
            "applied": self.applied,
            "preview": self.preview,
            "rows": self.rows,
            "counts": self.counts.as_dict(),
            "changes": [asdict(change) for change in self.changes[:max_items]],
            "change_total": len(self.changes),
            "errors": [error.as_dict() for error in self.errors[:max_items]],
            "error_total": len(self.errors),
        }


def organisation_parse(data: bytes, filename: str, *, first_only: bool = False) -> list[RosterRow]:
    """The data rows of an organisation file, read as the roster's are (CSV in UTF-8 or
    Big5, XLSX, ODS). Raises `RosterFileError`."""
    return roster_parse(
        data, filename, first_only=first_only, columns=COLUMNS, lookup=HEADER_LOOKUP
    )


def _text(row: RosterRow, key: str, errors: list[OrgError], *, code: bool) -> str:
    text = cell_text(row.values.get(key))
    text = unicodedata.normalize("NFKC", text).strip().upper() if code else " ".join(text.split())
    if len(text) > TEXT_LIMITS[key]:
        errors.append(
            OrgError(row.line, key, "too_long", {"column": key, "limit": TEXT_LIMITS[key]})
        )
        return ""
    return text


def _read_rows(rows: list[RosterRow], authority: OrgUnit) -> tuple[list[OrgRow], list[OrgError]]:
    """Each row on its own: its kind, code, name and parent code as written."""
    errors: list[OrgError] = []
    clean: list[OrgRow] = []
    authority_code = (authority.code or "").upper()
    for row in rows:
        row_errors: list[OrgError] = []
        kind_text = cell_text(row.values.get("kind"))
        kind = KIND_LOOKUP.get(header_key(kind_text))
        if not kind_text:
            row_errors.append(OrgError(row.line, "kind", "required", {"column": "kind"}))
        elif kind is None:
            row_errors.append(OrgError(row.line, "kind", "bad_kind", {"value": kind_text}))
        code = _text(row, "code", row_errors, code=True)
        name = _text(row, "name", row_errors, code=False)
        parent = _text(row, "parent_code", row_errors, code=True)
        if not name:
            row_errors.append(OrgError(row.line, "name", "required", {"column": "name"}))
        if parent and parent == authority_code:
            parent = ""
        if kind in AGENCY_KINDS:
            if not code:
                row_errors.append(OrgError(row.line, "code", "required", {"column": "code"}))
            elif code == authority_code:
                row_errors.append(
                    OrgError(
                        row.line,
                        "code",
                        "code_is_authority",
                        {"value": code, "authority": authority.name},
                    )
                )
        elif kind == OrgUnit.Kind.UNIT:
            if code:
                row_errors.append(OrgError(row.line, "code", "unit_with_code", {"column": "code"}))
            if not parent:
                row_errors.append(
                    OrgError(
                        row.line, "parent_code", "unit_needs_parent", {"column": "parent_code"}
                    )
                )
        if row_errors:
            errors.extend(row_errors)
        else:
            clean.append(OrgRow(row.line, kind, code, name, parent))
    return clean, errors


def _check_tree(clean: list[OrgRow], errors: list[OrgError], authority: OrgUnit, units: dict):
    """Codes unique in the file and not taken elsewhere, parents known and without cycles,
    units unique under their agency."""
    agencies: dict[str, OrgRow] = {}
    for row in clean:
        if row.kind not in AGENCY_KINDS:
            continue
        if row.code in agencies:
            errors.append(
                OrgError(
                    row.line,
                    "code",
                    "duplicate_code",
                    {"value": row.code, "other": agencies[row.code].line},
                )
            )
        else:
            agencies[row.code] = row
    codes = list(agencies)
    for unit in OrgUnit.objects.filter(code__in=codes).exclude(authority.subtree_q()):
        row = agencies[unit.code.upper()]
        errors.append(
            OrgError(
                row.line,
                "code",
                "code_elsewhere",
                {"value": row.code, "name": unit.name, "authority": authority.name},
            )
        )
    seen_units: dict[tuple[str, str], int] = {}
    for row in clean:
        if row.parent_code and row.parent_code not in agencies:
            errors.append(
                OrgError(row.line, "parent_code", "unknown_parent", {"value": row.parent_code})
            )
        if row.kind == OrgUnit.Kind.UNIT:
            key = (row.parent_code, row.name)
            if key in seen_units:
                errors.append(
                    OrgError(
                        row.line,
                        "name",
                        "duplicate_unit",
                        {"value": row.name, "agency": row.parent_code, "other": seen_units[key]},
                    )
                )
            else:
                seen_units[key] = row.line
    for code, row in agencies.items():
        visited = {code}
        parent = row.parent_code
        while parent and parent in agencies:
            if parent in visited:
                errors.append(OrgError(row.line, "parent_code", "parent_cycle", {"value": code}))
                break
            visited.add(parent)
            parent = agencies[parent].parent_code
    return agencies


def _nearest_agency(unit: OrgUnit, units: dict[int, OrgUnit]) -> OrgUnit | None:
    ids = [int(part) for part in unit.path.strip("/").split("/")]
    for pk in reversed(ids[:-1]):
        if pk in units and units[pk].kind in AGENCY_KINDS:
            return units[pk]
    return None


def organisation_plan(rows: list[RosterRow], *, authority: OrgUnit):
    """Check every row and work out what the file changes. Returns the plan and the
    errors; the plan is only to be applied when there are none."""
    clean, errors = _read_rows(rows, authority)
    units = {
        u.pk: u for u in OrgUnit.objects.filter(authority.subtree_q()).exclude(pk=authority.pk)
    }
    agencies_in_file = _check_tree(clean, errors, authority, units)
    plan = OrgPlan(rows=clean)
    by_code = {u.code.upper(): u for u in units.values() if u.code}
    unit_by_name: dict[tuple[int, str], OrgUnit] = {}
    for unit in sorted(units.values(), key=lambda u: u.path):
        if unit.kind == OrgUnit.Kind.UNIT:
            agency = _nearest_agency(unit, units)
            if agency is not None:
                unit_by_name.setdefault((agency.pk, unit.name), unit)
    names = {pk: u.name for pk, u in units.items()}
    names[authority.pk] = authority.name
    kept: set[int] = set()
    for row in clean:
        if row.kind in AGENCY_KINDS:
            existing = by_code.get(row.code)
        else:
            agency = by_code.get(row.parent_code)
            existing = unit_by_name.get((agency.pk, row.name)) if agency else None
        if existing is None:
            plan.changes.append(Change(row.line, "create", row.kind, row.name, row.code))
            plan.counts.created += 1
            continue
        kept.add(existing.pk)
        parent_name = (
            agencies_in_file[row.parent_code].name
            if row.parent_code in agencies_in_file
            else authority.name
        )
        before = []
        if existing.name != row.name:
            before.append(existing.name)
        if existing.kind != row.kind:
            before.append(str(OrgUnit.Kind(existing.kind).label))
        if row.kind in AGENCY_KINDS and names.get(existing.parent_id) != parent_name:
            before.append(names.get(existing.parent_id, ""))
        if not existing.is_active:
            plan.changes.append(Change(row.line, "reopen", row.kind, row.name, row.code))
            plan.counts.reopened += 1
        elif before:
            plan.changes.append(
                Change(row.line, "update", row.kind, row.name, row.code, " / ".join(before))
            )
            plan.counts.updated += 1
        else:
            plan.counts.unchanged += 1
    closing = [u for pk, u in units.items() if pk not in kept and u.is_active]
    for unit in sorted(closing, key=lambda u: u.path):
        plan.changes.append(Change(0, "close", unit.kind, unit.name, unit.code))
        plan.counts.closed += 1
    errors.extend(_blocked_closings(closing))
    errors.sort(key=lambda error: error.line)
    return plan, errors


def _blocked_closings(closing: list[OrgUnit]) -> list[OrgError]:
    """A unit to be closed that still has active employees, staff roles or open
    counselling cases: one error each (three queries whatever the number)."""
    ids = [unit.pk for unit in closing]
    if not ids:
        return []
    employees = dict(
        Employee.objects.filter(unit_id__in=ids, is_active=True)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
    )
    roles = dict(
        RoleAssignment.objects.filter(scope_id__in=ids)
        .values_list("scope_id")
        .annotate(n=Count("pk"))
    )
    # Through the employee's reverse relation: people imports no service app.
    cases = dict(
        Employee.objects.filter(unit_id__in=ids)
        .filter(Q(counselling_cases__closed_on__isnull=True) & Q(counselling_cases__isnull=False))
        .values_list("unit_id")
        .annotate(n=Count("counselling_cases"))
    )
    errors = []
    for unit in closing:
        reasons = {
            reason: count
            for reason, count in (
                ("employees", employees.get(unit.pk, 0)),
                ("roles", roles.get(unit.pk, 0)),
                ("cases", cases.get(unit.pk, 0)),
            )
            if count
        }
        if reasons:
            errors.append(OrgError(0, "", "close_blocked", {"name": unit.name, "reasons": reasons}))
    return errors


@transaction.atomic
def organisation_apply(*, plan: OrgPlan, authority: OrgUnit) -> OrgCounts:
    """Apply a checked plan: agencies and schools parents first, then units; close what
    the file leaves out; then give every unit of the authority its path again."""
    units = {
        u.pk: u for u in OrgUnit.objects.filter(authority.subtree_q()).exclude(pk=authority.pk)
    }
    by_code = {u.code.upper(): u for u in units.values() if u.code}
    unit_by_name: dict[tuple[int, str], OrgUnit] = {}
    for unit in sorted(units.values(), key=lambda u: u.path):
        if unit.kind == OrgUnit.Kind.UNIT:
            agency = _nearest_agency(unit, units)
            if agency is not None:
                unit_by_name.setdefault((agency.pk, unit.name), unit)
    agency_rows = {row.code: row for row in plan.rows if row.kind in AGENCY_KINDS}
    kept: set[int] = set()

    def save(row: OrgRow, existing: OrgUnit | None, parent_id: int) -> OrgUnit:
        if existing is None:
            unit = OrgUnit.objects.create(
                name=row.name, kind=row.kind, code=row.code, parent_id=parent_id, path=""
            )
            units[unit.pk] = unit
        else:
            unit = existing
            wanted = {"name": row.name, "kind": row.kind, "is_active": True}
            if row.kind in AGENCY_KINDS:
                wanted["parent_id"] = parent_id
            changed = [name for name, value in wanted.items() if getattr(unit, name) != value]
            for name in changed:
                setattr(unit, name, wanted[name])
            if changed:
                unit.save(update_fields=changed)
        kept.add(unit.pk)
        return unit

    done: dict[str, OrgUnit] = {}

    def agency(code: str) -> OrgUnit:
        if code not in done:
            row = agency_rows[code]
            parent_id = agency(row.parent_code).pk if row.parent_code else authority.pk
            done[code] = save(row, by_code.get(code), parent_id)
        return done[code]

    for code in agency_rows:
        agency(code)
    for row in plan.rows:
        if row.kind == OrgUnit.Kind.UNIT:
            parent = done[row.parent_code]
            save(row, unit_by_name.get((parent.pk, row.name)), parent.pk)
    closing = [pk for pk, unit in units.items() if pk not in kept and unit.is_active]
    OrgUnit.objects.filter(pk__in=closing).update(is_active=False)
    _repath(authority, units)
    return plan.counts


def _repath(authority: OrgUnit, units: dict[int, OrgUnit]) -> None:
    """Every unit's materialised path from its parents (moves and new units)."""
    children: dict[int, list[OrgUnit]] = {}
    for unit in units.values():
        children.setdefault(unit.parent_id, []).append(unit)
    changed = []
    stack = [(authority.pk, authority.path)]
    while stack:
        parent_id, parent_path = stack.pop()
        for unit in children.get(parent_id, []):
            path = f"{parent_path}{unit.pk}/"
            if unit.path != path:
                unit.path = path
                changed.append(unit)
            stack.append((unit.pk, path))
    OrgUnit.objects.bulk_update(changed, ["path"], batch_size=500)


def organisation_import(
    *,
    data: bytes,
    filename: str,
    authority: OrgUnit,
    dry_run: bool = False,
    on_start: Callable[[int], None] | None = None,
) -> OrgOutcome:
    """Parse, check and (unless `dry_run` or an error) apply an organisation file for
    `authority`. The preview (`dry_run`) lists the changes the file would make."""
    try:
        rows = organisation_parse(data, filename)
    except RosterFileError as exc:
        error = OrgError(0, "", exc.code, exc.params)
        return OrgOutcome(applied=False, preview=dry_run, errors=[error])
    if on_start:
        on_start(len(rows))
    with transaction.atomic():
        if not dry_run:
            # One import per authority at a time, and the plan checked against what is
            # applied (a row lock on PostgreSQL; SQLite serialises writers anyway).
            list(OrgUnit.objects.select_for_update().filter(pk=authority.pk).values_list("pk"))
        plan, errors = organisation_plan(rows, authority=authority)
        outcome = OrgOutcome(
            applied=False, preview=dry_run, rows=len(rows), changes=plan.changes, errors=errors
        )
        if errors or dry_run:
            outcome.counts = plan.counts
            return outcome
        outcome.counts = organisation_apply(plan=plan, authority=authority)
        outcome.applied = True
        return outcome
