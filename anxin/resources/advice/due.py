"""Advice: periodic work, run by `anxin run-due` (registered through
anxin/resources/due.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.core.due import due_job
from anxin.resources.advice.services import (
    advice_plan_sync,
    advice_remind,
    advice_topics_purge,
    bookings_to_remind,
    plans_in_force,
)


@due_job("advice_slots", every=timedelta(hours=6))
def advice_slots(*, now: datetime) -> str:
    """Make the services of each plan in force from its channels (once) and keep their
    slots the plan's `advice.weeks_ahead` weeks ahead. Safe to run twice."""
    services = slots = 0
    for plan in plans_in_force(timezone.localtime(now).date()).order_by("pk"):
        result = advice_plan_sync(plan=plan, now=now)
        services, slots = services + result.services, slots + result.slots
    return f"made {services} advice service(s), {slots} slot(s)"


@due_job("advice_reminders", every=timedelta(hours=1))
def advice_reminders(*, now: datetime) -> str:
    """Remind each employee the day before a booked advice time, once (no topic)."""
    sent = sum(
        advice_remind(booking=item, now=now) for item in bookings_to_remind(now).order_by("pk")
    )
    return f"sent {sent} advice reminder(s)"


@due_job("advice_topics_purge", every=timedelta(days=1))
def purge_advice_topics(*, now: datetime) -> str:
    """Empty the topics of bookings whose time is past the retention period (decision
    0075); the bookings stay for the counts."""
    return f"emptied {advice_topics_purge(now=now)} advice topic(s)"
