"""The whole import, parse, validate and apply, for the background task and the command."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from anxin.people.models import OrgUnit
from anxin.people.roster.applying import RosterCounts, roster_apply
from anxin.people.roster.errors import RosterError, RosterFileError
from anxin.people.roster.parsing import roster_parse
from anxin.people.roster.validation import roster_validate


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
