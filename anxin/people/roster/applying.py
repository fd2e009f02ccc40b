"""Applying validated rows in one transaction: employees created, updated, re-activated,
and those of the covered agencies absent from the file deactivated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roster.hooks import (
    LEFT,
    RETURNED,
    TRANSFERRED,
    RosterChange,
    roster_changes_announce,
)
from anxin.people.roster.validation import BATCH, CleanRow, OrgIndex, existing_employees


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
    deactivate the employees of the covered agencies who are not in the file; then tell
    the roster's listeners who left, returned or moved to another agency (hooks.py)."""
    # One import per authority at a time (a row lock on PostgreSQL; SQLite's IMMEDIATE
    # transactions serialise writers anyway).
    list(OrgUnit.objects.select_for_update().filter(pk=authority.pk).values_list("pk"))
    index = OrgIndex(authority)
    counts = RosterCounts()
    now = timezone.now()
    today = timezone.localdate(now)
    changes: list[RosterChange] = []

    units = _units_for(clean_rows, index, counts)
    existing = {employee.number: employee for employee in existing_employees(
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
            changes.append(RosterChange(employee.pk, RETURNED, today))
            if employee.user_id:
                reactivated_users.append(employee.user_id)
        else:
            counts.updated += 1
            if "unit_id" in changed and index.agency_of.get(employee.unit_id) != row.agency_id:
                changes.append(RosterChange(employee.pk, TRANSFERRED, today))
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

    absent = _deactivate_absent(
        authority=authority,
        unit_ids=index.units_of_agencies({row.agency_id for row in clean_rows}),
        present={row.number for row in clean_rows},
        now=now,
    )
    counts.deactivated = len(absent)
    changes.extend(RosterChange(pk, LEFT, today) for pk in absent)
    roster_changes_announce(authority=authority, changes=changes)
    if progress:
        progress(len(clean_rows))
    return counts


def _units_for(
    clean_rows: list[CleanRow], index: OrgIndex, counts: RosterCounts
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


def _deactivate_absent(
    *, authority: OrgUnit, unit_ids: list[int], present: set[str], now
) -> list[int]:
    """Deactivate the employees of these units absent from the file; their ids."""
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
    return [pk for pk, _user in absent]
