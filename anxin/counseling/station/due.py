"""The e-mail station's periodic work, run by `anxin run-due` (see anxin/core/due.py)."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.counseling.station.services import deadlines_warn


@due_job("station_deadlines", every=timedelta(minutes=15))
def station_deadlines(*, now: datetime) -> str:
    """Warn the coordinators of replies due within a day and of overdue ones."""
    soon, late = deadlines_warn(now=now)
    return f"warned of {soon} conversation(s) due soon and {late} overdue"
