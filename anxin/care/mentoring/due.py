"""Mentoring: periodic jobs (`anxin run-due` finds them through care/due.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.care.mentoring import services
from anxin.core.due import due_job


@due_job("mentoring_talks", every=timedelta(hours=6))
def mentoring_talks(*, now: datetime) -> str:
    """Remind both of a pair of each talk due within three days (once per talk), and
    complete the pairs whose period has ended; running twice changes nothing."""
    today = timezone.localdate(now)
    reminded = services.talks_remind(today=today)
    completed = services.pairs_complete(today=today)
    return f"reminded {reminded} talk(s), completed {completed} pair(s)"


@due_job("mentoring_notes_purge", every=timedelta(days=1))
def mentoring_notes_purge(*, now: datetime) -> str:
    """Empty the notes of talks whose pair closed more than a year ago (decision 0075);
    the talks stay for the completion rates."""
    return f"emptied {services.notes_purge(now=now)} talk note(s)"
