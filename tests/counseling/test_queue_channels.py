"""The intake queue also counts what waits in the other channels: e-mail station
conversations (unassigned, overdue, flagged), bookings past the quota, group requests."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.counseling.station_base import StationTestCase


class QueueChannelsTestCase(StationTestCase):
    def channels(self) -> dict:
        self.login(self.intake)
        response = self.client.get("/counselling/queue/")
        self.assertEqual(response.status_code, 200)
        return response.context["channels"]

    def test_it_counts_station_conversations_by_state(self):
        self.start(body="最近壓力很大")
        self.start(body="我不想活了", now=timezone.now() - timedelta(days=5))
        self.assigned(body="想聊聊")
        station = self.channels()["station"]
        self.assertEqual(station, {"unassigned": 2, "overdue": 1, "flagged": 1})

    def test_it_stays_at_a_fixed_number_of_queries(self):
        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                self.client.get("/counselling/queue/")
            return len(context)

        self.login(self.intake)
        self.start()
        few = count()
        for _n in range(6):
            self.start(now=timezone.now() - timedelta(days=6))
        self.assertEqual(count(), few)

    def test_another_scope_is_not_counted(self):
        """A thread of an employee outside the coordinator's scope is not counted."""
        from tests.base import give_role, make_user

        narrow = make_user("narrow-intake")
        give_role(narrow, "intake", self.other_agency)
        self.start(employee=self.alice_employee)
        self.login(narrow)
        response = self.client.get("/counselling/queue/")
        self.assertEqual(response.context["channels"]["station"]["unassigned"], 0)
