"""The governance demo: Pingtung's bodies meet, minute and follow up, once; each body's
convener has an account and approves its minutes in Anxin (the working circle's is the
demo committee sign-in, who has the circle's latest minutes awaiting approval)."""

import tempfile
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.governance import services
from anxin.governance.demo import STEERING_CONVENER, demo_governance
from anxin.governance.models import (
    ActionItem,
    ActionProgress,
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Member,
    WorkPlanItem,
)
from anxin.people import demo
from anxin.people.models import User
from anxin.people.roles import Role

TODAY = date(2026, 12, 4)


@override_settings(ANXIN_DEMO=True)
class GovernanceDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=40)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            cls.line = demo_governance(today=TODAY)
        cls.committee = User.objects.get(username=demo.username_for(Role.COMMITTEE))
        cls.admin = User.objects.get(username=demo.username_for(Role.EAP_ADMIN))
        cls.steering = Body.objects.get(key="steering_group")
        cls.circle = Body.objects.exclude(pk=cls.steering.pk).get()

    def test_it_meets_minutes_and_follows_up(self):
        self.assertEqual(Body.objects.count(), 2)
        # 1 + 4 + 2 meetings a year, this year and the next.
        self.assertEqual(Meeting.objects.count(), 14)
        self.assertEqual(WorkPlanItem.objects.count(), 5)
        self.assertIn("Pingtung", self.line)
        self.assertIn("2 minuted", self.line)
        self.assertIn("1 minutes awaiting", self.line)
        self.assertEqual(len(self.line.splitlines()), 1)

    def test_each_convener_has_an_account_and_the_committee_sign_in_convenes_the_circle(self):
        conveners = Member.objects.filter(position=Member.Position.CONVENER)
        self.assertEqual(
            {(m.body_id, m.user.username) for m in conveners},
            {(self.circle.pk, self.committee.username), (self.steering.pk, STEERING_CONVENER)},
        )
        steering_convener = User.objects.get(username=STEERING_CONVENER)
        self.assertFalse(steering_convener.has_usable_password())  # no 13th sign-in
        self.assertTrue(steering_convener.role_assignments.filter(role=Role.COMMITTEE).exists())

    def test_each_body_minutes_its_meeting_and_its_convener_approves_it(self):
        published = Meeting.objects.filter(minutes_status=Meeting.Minutes.PUBLISHED)
        self.assertEqual(
            {(m.body_id, m.submitted_by, m.approved_by.username) for m in published},
            {(self.circle.pk, self.admin, self.committee.username),
             (self.steering.pk, self.admin, STEERING_CONVENER)},
        )  # fmt: skip
        # The circle's meeting before its latest (15 October) this year.
        meeting = published.get(body=self.circle)
        self.assertEqual(meeting.held_on, date(2026, 9, 15))
        self.assertEqual(meeting.agenda.filter(carried__isnull=True).count(), 2)
        self.assertEqual(
            Attendance.objects.filter(meeting=meeting, present=True).count(),
            self.circle.members.count() - 1,
        )
        self.assertEqual(meeting.decisions.count(), 2)
        self.assertIn("問卷增列工作壓力題組", meeting.minutes)

    def test_one_action_item_is_closed_and_the_other_carried_to_the_next_meeting(self):
        self.assertEqual(ActionItem.objects.count(), 2)
        closed = ActionItem.objects.get(closed_on__isnull=False)
        open_item = ActionItem.objects.get(closed_on__isnull=True)
        self.assertLessEqual(closed.closed_on, closed.due_on)
        self.assertIsNone(open_item.closed_on)
        self.assertEqual(open_item.owner.user, self.committee)
        carried = AgendaItem.objects.get(carried__isnull=False)
        self.assertEqual(carried.carried, open_item)
        # The circle's next meeting after the one that decided it: its latest.
        self.assertEqual(
            carried.meeting,
            Meeting.objects.filter(body=self.circle, held_on__gt=open_item.meeting.held_on)
            .order_by("held_on", "pk")
            .first(),
        )
        self.assertEqual(carried.meeting.minutes_status, Meeting.Minutes.SUBMITTED)
        self.assertEqual(ActionProgress.objects.get().action, open_item)

    def test_the_circles_latest_minutes_await_its_convener_the_committee_sign_in(self):
        awaiting = Meeting.objects.get(minutes_status=Meeting.Minutes.SUBMITTED)
        self.assertEqual(awaiting.body, self.circle)
        self.assertEqual(awaiting.held_on, date(2026, 10, 15))
        self.assertEqual(awaiting.submitted_by, self.admin)
        self.assertIsNone(awaiting.approved_by)
        self.assertTrue(awaiting.minutes.strip())
        self.assertTrue(Attendance.objects.filter(meeting=awaiting, present=True).exists())
        self.assertEqual(services.convener_accounts(self.circle), [self.committee])
        # No later meeting of the body was held, and its other minutes are not drafted.
        self.assertFalse(
            Meeting.objects.filter(
                body=self.circle, held_on__gt=awaiting.held_on, held_on__lt=TODAY
            )
        )
        self.assertFalse(
            Meeting.objects.filter(minutes_status=Meeting.Minutes.DRAFT).exclude(minutes="")
        )
        # The convener approves them and publishes: the open item moves to the next one.
        services.minutes_approve(
            meeting=awaiting, actor=self.committee, expected_version=awaiting.version
        )
        awaiting.refresh_from_db()
        services.minutes_publish(meeting=awaiting, expected_version=awaiting.version)
        carried = AgendaItem.objects.filter(carried__isnull=False).latest("pk")
        self.assertGreater(carried.meeting.held_on, TODAY)
        self.assertEqual(carried.meeting.minutes_status, Meeting.Minutes.DRAFT)

    def test_a_term_ends_within_the_warning_window(self):
        ending = services.terms_ending(authority_id=self.circle.authority_id, today=TODAY)
        self.assertEqual([m.name for m in ending], ["何專員"])

    def test_it_adds_nothing_the_second_time(self):
        self.assertIsNone(demo_governance(today=TODAY))
        self.assertEqual(Meeting.objects.count(), 14)
