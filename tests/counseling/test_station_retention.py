"""The retention purge reaches the e-mail station and the hotline log: records that
belong to no case go by their own age (DESIGN.md invariant 6)."""

from datetime import date, datetime

from django.utils import timezone

from anxin.counseling.flows import retention
from anxin.counseling.flows.models import PurgeLog
from anxin.counseling.station import services
from anxin.counseling.station.models import HotlineCall, StationMessage
from tests.counseling.station_base import StationTestCase

TODAY = date(2036, 6, 1)  # ten years on: the cutoff is 2026-06-01


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


class StationRetentionTestCase(StationTestCase):
    def call(self, called_at):
        return services.call_record(
            plan=self.plan, counselor=self.counselor, employee=None, called_at=called_at,
            minutes=30, concern="emotion", outcome="resolved", note="NOTE-MARKER",
        )  # fmt: skip

    def test_it_empties_old_conversations_and_call_notes_only(self):
        old, _token = self.start(body="OLD-MARKER", now=at(2026, 1, 5, 10))
        recent, _token = self.start(body="RECENT-MARKER", now=at(2026, 1, 5, 10))
        StationMessage.objects.update(created_at=at(2026, 1, 5, 10))
        # A later message keeps a conversation: its age is its last message's.
        services.thread_write_again(thread=recent, body="again")
        old_call, new_call = self.call(at(2026, 5, 31, 23)), self.call(at(2026, 6, 1, 9))
        logs = retention.retention_purge(today=TODAY)
        self.assertEqual(
            sorted((log.case_code, log.counts) for log in logs),
            [("e-mail station", {"e-mail station": 1}), ("hotline", {"hotline": 1})],
        )
        self.assertEqual(StationMessage.objects.get(thread=old).body, "")
        self.assertEqual(StationMessage.objects.filter(thread=recent, body="").count(), 0)
        self.assertEqual(HotlineCall.objects.get(pk=old_call.pk).note, "")
        self.assertNotEqual(HotlineCall.objects.get(pk=new_call.pk).note, "")
        for log in PurgeLog.objects.all():
            self.assertNotIn("MARKER", str(log.counts) + log.case_code)
        # A second run changes and logs nothing.
        self.assertEqual(retention.retention_purge(today=TODAY), [])
