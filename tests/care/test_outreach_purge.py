"""Imported personal figures are kept only as long as outreach needs them (decision 0047)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from anxin.care.outreach.due import purge_outreach_figures
from anxin.care.outreach.models import (
    FamilyCareMonth,
    LifeEvent,
    OutreachImport,
    OutreachSend,
    OutreachSignal,
    OvertimeMonth,
)
from tests.care.outreach_base import OutreachTestCase


class PurgeTestCase(OutreachTestCase):
    def test_it_deletes_what_outreach_no_longer_needs_and_keeps_the_rest(self):
        now = timezone.now()
        today = timezone.localdate(now)
        source = OutreachImport.objects.create(
            kind="life_events", scope=self.agency, imported_by=self.hr, filename="a.csv"
        )
        employee = self.alice_employee
        LifeEvent.objects.create(
            employee=employee, kind="bereavement", on=today - timedelta(days=500), source=source
        )
        LifeEvent.objects.create(employee=employee, kind="marriage", on=today, source=source)
        OvertimeMonth.objects.create(
            employee=employee, month=date(today.year - 3, 1, 1), hours=Decimal(9), source=source
        )
        OvertimeMonth.objects.create(
            employee=employee, month=today.replace(day=1), hours=Decimal(9), source=source
        )
        FamilyCareMonth.objects.create(
            employee=employee, month=date(today.year - 3, 1, 1), days=Decimal(1), source=source
        )
        old = OutreachSignal.objects.create(
            employee=employee, reason="overtime", key="x", outcome="invited"
        )
        OutreachSignal.objects.filter(pk=old.pk).update(handled_at=now - timedelta(days=500))
        OutreachSignal.objects.create(
            employee=employee, reason="overtime", key="y", outcome="invited"
        )
        OutreachSend.objects.create(
            unit=self.unit, reason="overtime", way="invitation", sent_on=today - timedelta(days=900)
        )

        self.assertEqual(purge_outreach_figures(now=now), "deleted 4 outreach rows")
        self.assertEqual(list(LifeEvent.objects.values_list("kind", flat=True)), ["marriage"])
        self.assertEqual(OvertimeMonth.objects.count(), 1)
        self.assertFalse(FamilyCareMonth.objects.exists())
        self.assertEqual(list(OutreachSignal.objects.values_list("key", flat=True)), ["y"])
        self.assertEqual(OutreachSend.objects.count(), 1)  # counts name nobody
