"""Periodic jobs of governance (`anxin run-due` finds this module)."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.core.due import due_job
from anxin.governance import services


@due_job("remind_action_items", every=timedelta(hours=6))
def remind_action_items(*, now: datetime) -> str:
    """Remind owners of action items due within three days, and once more when overdue;
    running twice reminds nobody twice."""
    sent = services.actions_remind(today=timezone.localdate(now))
    return f"reminded {sent} action item owner(s)"


@due_job("warn_terms_ending", every=timedelta(hours=12))
def warn_terms_ending(*, now: datetime) -> str:
    """Tell members whose term ends within 60 days, once each."""
    told = services.terms_warn(today=timezone.localdate(now))
    return f"told {told} member(s) that their term ends soon"
