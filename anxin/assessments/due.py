"""Periodic work of the self-tests, run by `anxin run-due`."""

from datetime import datetime, timedelta

from anxin.assessments.services import reminders_send
from anxin.core.due import due_job


@due_job("self_test_reminders", every=timedelta(days=1))
def self_test_reminders(*, now: datetime) -> str:
    """Remind employees whose plan's self-test cadence has passed (inbox and e-mail)."""
    return f"reminded {reminders_send(now=now)} employees"
