"""Periodic work of booking, run by `anxin run-due` (registered through
anxin/counseling/due.py)."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.counseling.booking.services import appointment_remind, appointments_to_remind


@due_job("booking_reminders", every=timedelta(hours=1))
def booking_reminders(*, now: datetime) -> str:
    """Remind each employee the day before a booked session, once (time and place only)."""
    sent = sum(
        appointment_remind(appointment=item, now=now)
        for item in appointments_to_remind(now).order_by("pk")
    )
    return f"sent {sent} reminder(s)"
