"""Periodic work of the surveys, run by `anxin run-due` (decision 0013: schedules)."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.surveys import schedules


@due_job("survey_invitations", every=timedelta(hours=1))
def survey_invitations(*, now: datetime) -> str:
    """Invite those whose answering window opened (after hire, after counselling, after
    an event, or a survey's whole audience when it opens), then send the one reminder
    before closing; inbox and e-mail through the worker."""
    invited = schedules.invitations_send(now=now)
    reminded = schedules.reminders_send(now=now)
    return f"invited {invited}, reminded {reminded}"
