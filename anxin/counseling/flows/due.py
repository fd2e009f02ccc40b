"""The counselling room's periodic jobs of this part, registered with `anxin run-due`."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.core.due import due_job
from anxin.counseling.flows.retention import retention_purge


@due_job("counselling_retention_purge", every=timedelta(days=1))
def counselling_retention_purge(*, now: datetime) -> str:
    """Empty the sealed content of cases, and of e-mail station and hotline records, past
    their plan's retention period."""
    logs = retention_purge(today=timezone.localdate(now), now=now)
    return f"wrote {len(logs)} purge log entries"
