"""What a roster import tells other apps about the people it changed, so that people knows
none of them (decision 0065). Filled by the apps in their `AppConfig.ready()`, like
`events/hooks.py`.

The roster has no column for a person's status or family, so the changes it can tell are
the ones its rows show between two imports:

- `left`: an active employee of an agency the file covers is absent from it (retired,
  resigned, on unpaid leave: the roster cannot tell which);
- `returned`: an inactive employee is in the file again;
- `transferred`: an employee's agency (or school) is not the one of the last roster.

A listener is called inside the import's transaction, after its writes: what it records
commits with the roster or not at all. It gets employee ids and kinds only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

LEFT = "left"
RETURNED = "returned"
TRANSFERRED = "transferred"
KINDS = (LEFT, RETURNED, TRANSFERRED)


@dataclass(frozen=True)
class RosterChange:
    employee_id: int
    kind: str  # one of KINDS
    on: date  # the day the import showed it


Listener = Callable[..., None]  # listener(*, authority, changes: list[RosterChange])

_listeners: dict[str, Listener] = {}


def roster_listener_register(name: str, listener: Listener) -> None:
    """Call `listener(authority=..., changes=[...])` after each applied roster import."""
    known = _listeners.get(name)
    if known is not None and known is not listener:
        raise ValueError(f"a roster listener named {name!r} is registered already")
    _listeners[name] = listener


def roster_changes_announce(*, authority, changes: list[RosterChange]) -> None:
    """Tell every listener what an applied import changed (nothing if it changed none)."""
    if not changes:
        return
    for name in sorted(_listeners):
        _listeners[name](authority=authority, changes=list(changes))
