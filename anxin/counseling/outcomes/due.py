"""Periodic work of the outcome measure, run by `anxin run-due` (registered through
anxin/counseling/due.py)."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.counseling.outcomes.services import outcomes_due


@due_job("outcome_reminders", every=timedelta(hours=6))
def outcome_reminders(*, now: datetime) -> str:
    """Remind each employee once of a closing answer still awaited after the plan's days,
    and lapse the requests past the plan's limit (decision 0079)."""
    reminded, expired = outcomes_due(now=now)
    return f"reminded {reminded}, lapsed {expired} closing questionnaire(s)"
