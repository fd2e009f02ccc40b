"""Workers: due declarations (anxin/core/due.py): begin and end terms on their days (and
the care_worker role with them), and tell of terms ending within 60 days once."""

from datetime import timedelta

from django.utils import timezone

from anxin.care.workers.services import careworkers_notify_ending, careworkers_roll
from anxin.core.due import due_job


@due_job("care_worker_terms", every=timedelta(hours=6))
def care_worker_terms(*, now) -> str:
    begun, ended = careworkers_roll(on=timezone.localdate(now))
    return f"care-worker terms: {begun} begun, {ended} ended"


@due_job("care_worker_terms_ending", every=timedelta(hours=12))
def care_worker_terms_ending(*, now) -> str:
    told = careworkers_notify_ending(on=timezone.localdate(now))
    return f"care-worker terms ending within 60 days: {told} told"
