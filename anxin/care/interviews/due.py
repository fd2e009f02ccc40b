"""Interviews: periodic jobs (`anxin run-due` finds them through care/due.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.care.interviews import services
from anxin.core.due import due_job


@due_job("interview_reminders", every=timedelta(hours=6))
def interview_reminders(*, now: datetime) -> str:
    """Remind the counselling room and the personnel head of each interview due within a
    week (once per interview); running twice changes nothing."""
    sent = services.interviews_remind(today=timezone.localdate(now))
    return f"reminded {sent} interview(s)"


@due_job("interviews_purge", every=timedelta(days=1))
def interviews_purge(*, now: datetime) -> str:
    """Empty the answers of interviews past their retention period (decision 0075); the
    theme counts stay."""
    return f"emptied {services.interviews_purge(today=timezone.localdate(now))} interview(s)"
