"""Outreach's writes that a person makes on a page (the imports' are in importing.py)."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from anxin.care.outreach.models import (
    FamilyCareMonth,
    LifeEvent,
    OutreachPreference,
    OutreachSignal,
    OvertimeMonth,
)
from anxin.people.models import Employee


@transaction.atomic
def outreach_preference_set(*, employee: Employee, messages_off: bool) -> OutreachPreference:
    """The employee's own choice to receive outreach messages or not; every send reads
    it (actions.py)."""
    preference, _ = OutreachPreference.objects.update_or_create(
        employee=employee, defaults={"messages_off": messages_off}
    )
    return preference


def outreach_messages_off(employee: Employee) -> bool:
    return OutreachPreference.objects.filter(employee=employee, messages_off=True).exists()


# How long imported figures and handled reasons are kept: long enough for the plan's
# windows (overtime over 6 months, family-care leave over at most 12, a life event from
# 60 days back) and the quiet months, not longer (decision 0047). The counts by unit
# (`OutreachSend`) name nobody and stay.
KEEP_LIFE_EVENTS = timedelta(days=400)
KEEP_MONTHS = 25
KEEP_SIGNALS = timedelta(days=400)


@transaction.atomic
def outreach_figures_purge(*, now: datetime) -> int:
    """Delete the personnel changes, monthly figures and handled reasons older than what
    outreach needs; the number of rows deleted."""
    today = timezone.localdate(now)
    index = today.year * 12 + today.month - 1 - KEEP_MONTHS
    oldest_month = date(index // 12, index % 12 + 1, 1)
    deleted = 0
    for queryset in (
        LifeEvent.objects.filter(on__lt=today - KEEP_LIFE_EVENTS),
        OvertimeMonth.objects.filter(month__lt=oldest_month),
        FamilyCareMonth.objects.filter(month__lt=oldest_month),
        OutreachSignal.objects.filter(handled_at__lt=now - KEEP_SIGNALS),
    ):
        deleted += queryset.delete()[0]
    return deleted
