"""Outreach's periodic work, run by `anxin run-due`."""

from datetime import datetime, timedelta

from anxin.care.outreach.services import outreach_figures_purge
from anxin.core.due import due_job


@due_job("purge_outreach_figures", every=timedelta(days=1))
def purge_outreach_figures(*, now: datetime) -> str:
    """Delete imported personnel changes, overtime and leave figures, and handled reasons,
    once outreach no longer needs them."""
    return f"deleted {outreach_figures_purge(now=now)} outreach rows"
