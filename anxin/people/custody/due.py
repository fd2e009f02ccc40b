"""The periodic job of account custody, registered with `anxin run-due`."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.people.custody.services import custody_expire


@due_job("custody_expire", every=timedelta(minutes=15))
def custody_expire_due(*, now: datetime) -> str:
    """Expire the account requests nobody approved in time and the links nobody used."""
    return f"expired {custody_expire(now=now)} account requests"
