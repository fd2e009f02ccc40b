"""Action items: one owner and a due date, carried to each later meeting's agenda until
closed, reminded once before and once after the due date."""

from datetime import date

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.governance import services
from anxin.governance.models import AgendaItem
from tests.governance.base import YEAR, GovernanceTestCase


class CarryForwardTest(GovernanceTestCase):
    def setUp(self):
        self.first = self.schedule(on=date(YEAR, 2, 10))
        self.action = services.action_add(
            meeting=self.first, text="彙整各組年度計畫", owner=self.member, due_on=date(YEAR, 4, 1)
        )

    def carried(self, meeting) -> list[str]:
        return list(
            AgendaItem.objects.filter(meeting=meeting, carried__isnull=False).values_list(
                "title", flat=True
            )
        )

    def test_it_carries_an_open_item_to_a_meeting_scheduled_later(self):
        second = self.schedule(on=date(YEAR, 5, 12))
        self.assertEqual(self.carried(second), ["彙整各組年度計畫"])
        self.assertEqual(self.carried(self.first), [])

    def test_it_carries_an_item_to_a_meeting_scheduled_before_it_was_added(self):
        second = self.schedule(on=date(YEAR, 5, 12))
        later = services.action_add(
            meeting=self.first, text="更新資源一覽表", owner=self.named, due_on=date(YEAR, 6, 1)
        )
        self.assertIn(later.text, self.carried(second))

    def publish(self, meeting):
        services.minutes_save(meeting=meeting, text="紀錄", expected_version=meeting.version)
        meeting.refresh_from_db()
        services.minutes_approve(
            meeting=meeting, actor=self.eap_admin, expected_version=meeting.version
        )
        services.minutes_publish(meeting=meeting, expected_version=meeting.version)

    def test_it_moves_on_to_the_next_meeting_until_closed(self):
        second = self.schedule(on=date(YEAR, 5, 12))
        third = self.schedule(on=date(YEAR, 8, 12))
        self.assertEqual(self.carried(second), ["彙整各組年度計畫"])
        self.assertEqual(self.carried(third), [])  # only the next meeting's agenda
        self.publish(second)  # still open after the second meeting
        self.assertEqual(self.carried(third), ["彙整各組年度計畫"])
        self.assertEqual(self.carried(second), ["彙整各組年度計畫"])  # its record stays
        services.action_close(action=self.action, note="已彙整並送推動小組", on=date(YEAR, 6, 1))
        self.assertEqual(self.carried(third), [])
        fourth = self.schedule(on=date(YEAR, 11, 12))
        self.assertEqual(self.carried(fourth), [])
        with self.assertRaises(Refused):
            services.action_close(action=self.action, note="again")

    def test_it_wants_an_owner_of_the_body(self):
        with self.assertRaises(Refused):
            services.action_add(
                meeting=self.first, text="x", owner=self.convener, due_on=date(YEAR, 3, 1)
            )


class RemindersTest(GovernanceTestCase):
    def test_it_reminds_once_before_and_once_after_the_due_date(self):
        meeting = self.schedule(on=date(YEAR, 2, 10))
        services.action_add(
            meeting=meeting, text="發送滿意度問卷", owner=self.member, due_on=date(YEAR, 3, 10)
        )
        services.action_add(  # no account: nobody to remind
            meeting=meeting, text="聯繫講師", owner=self.named, due_on=date(YEAR, 3, 10)
        )
        self.assertEqual(services.actions_remind(today=date(YEAR, 3, 1)), 0)
        self.assertEqual(services.actions_remind(today=date(YEAR, 3, 8)), 1)
        self.assertEqual(services.actions_remind(today=date(YEAR, 3, 9)), 0)
        self.assertEqual(services.actions_remind(today=date(YEAR, 3, 11)), 1)
        self.assertEqual(services.actions_remind(today=date(YEAR, 3, 20)), 0)
        notes = Notification.objects.filter(recipient=self.member_user)
        self.assertEqual(notes.count(), 2)
        self.assertIn("發送滿意度問卷", notes.first().body)
