"""Periodic jobs of the events app (`anxin run-due` finds this module)."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.events import services


@due_job("draw_event_lotteries", every=timedelta(minutes=5))
def draw_event_lotteries(*, now: datetime) -> str:
    """Draw the places of every lottery event whose registration has closed; an event
    drawn already is left as it is, so running twice changes nothing."""
    drawn = 0
    for event in services.lotteries_due(now):
        if services.lottery_draw(event=event, now=now) is not None:
            drawn += 1
    return f"drew {drawn} lottery(ies)"
