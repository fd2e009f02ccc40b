"""A member's own action items: every meeting's items he or she owns on one page, a
note of progress, closing from the page; the due reminders reach the owner by inbox
and e-mail with a link to that page."""

from datetime import date, datetime, time, timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.due import run_due
from anxin.core.models import DueRun, Notification
from anxin.governance import services
from anxin.governance.models import ActionProgress
from tests.governance.base import YEAR, GovernanceTestCase


class MyActionsTest(GovernanceTestCase):
    def setUp(self):
        first = self.schedule(on=date(YEAR, 2, 10))
        second = self.schedule(kind="", title="臨時會議", on=date(YEAR, 5, 10), reason="需要")
        self.mine = services.action_add(
            meeting=first, text="發送滿意度問卷", owner=self.member, due_on=date(YEAR, 3, 10)
        )
        self.also_mine = services.action_add(
            meeting=second, text="彙整訓練需求", owner=self.member, due_on=date(YEAR, 6, 10)
        )
        self.theirs = services.action_add(
            meeting=first, text="聯繫講師", owner=self.named, due_on=date(YEAR, 3, 10)
        )

    def test_it_lists_the_members_items_across_meetings_only(self):
        self.login(self.member_user)
        response = self.client.get("/governance/actions/")
        self.assertContains(response, "發送滿意度問卷")
        self.assertContains(response, "彙整訓練需求")
        self.assertContains(response, "臨時會議")
        self.assertNotContains(response, "聯繫講師")

    def test_it_notes_progress_and_closes_from_the_page(self):
        self.login(self.member_user)
        response = self.client.post(
            f"/governance/actions/{self.mine.pk}/progress/",
            {"note": "問卷已送印", "back": "mine"},
        )
        self.assertRedirects(response, "/governance/actions/", fetch_redirect_response=False)
        self.assertEqual(
            list(ActionProgress.objects.values_list("note", "written_by")),
            [("問卷已送印", self.member_user.pk)],
        )
        self.assertContains(self.client.get("/governance/actions/"), "問卷已送印")
        response = self.client.post(
            f"/governance/actions/{self.mine.pk}/close/", {"note": "已發送", "back": "mine"}
        )
        self.assertRedirects(response, "/governance/actions/", fetch_redirect_response=False)
        self.mine.refresh_from_db()
        self.assertFalse(self.mine.is_open)
        refused = self.client.post(
            f"/governance/actions/{self.mine.pk}/progress/", {"note": "再補充"}, follow=True
        )
        self.assertContains(refused, "此追蹤事項已結案")
        self.assertEqual(ActionProgress.objects.count(), 1)

    def test_it_answers_404_for_another_owners_item(self):
        self.login(self.member_user)
        response = self.client.post(
            f"/governance/actions/{self.theirs.pk}/progress/", {"note": "x"}
        )
        self.assertEqual(response.status_code, 404)

    def test_it_refuses_the_wrong_method_and_the_hr_officer(self):
        self.login(self.member_user)
        self.assertEqual(self.client.post("/governance/actions/").status_code, 405)
        self.assertEqual(
            self.client.get(f"/governance/actions/{self.mine.pk}/progress/").status_code, 405
        )
        self.login(self.hr)
        self.assertEqual(self.client.get("/governance/actions/").status_code, 403)

    def queries(self) -> int:
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get("/governance/actions/").status_code, 200)
        return len(captured)

    def test_it_runs_a_fixed_number_of_queries(self):
        self.login(self.member_user)
        self.queries()  # warm the session and role caches
        few = self.queries()
        for n in range(5):
            services.action_add(
                meeting=self.mine.meeting, text=f"工作{n}", owner=self.member,
                due_on=date(YEAR, 4, 1),
            )  # fmt: skip
            services.action_progress(action=self.mine, note=f"進度{n}", actor=self.member_user)
        self.assertEqual(self.queries(), few)

    def test_the_due_reminder_reaches_the_owner_with_a_link_to_the_page(self):
        now = timezone.make_aware(datetime.combine(date(YEAR, 3, 8), time(9)))
        DueRun.objects.filter(name="remind_action_items").delete()
        with self.captureOnCommitCallbacks(execute=True):
            outcomes = {o.name: o for o in run_due(now)}
        self.assertEqual(outcomes["remind_action_items"].summary, "reminded 1 action item owner(s)")
        note = Notification.objects.get(recipient=self.member_user)
        self.assertEqual(note.url, "/governance/actions/")
        self.assertIn("發送滿意度問卷", note.body)
        sent = [m for m in mail.outbox if m.to == ["member@example.org"]]
        self.assertEqual(len(sent), 1)
        self.assertIn("/governance/actions/", sent[0].body)
        DueRun.objects.filter(name="remind_action_items").delete()
        run_due(now + timedelta(hours=7))
        self.assertEqual(Notification.objects.filter(recipient=self.member_user).count(), 1)
