"""Meetings at each preset's cadence (004 §參.一.(二), §參.二.(二), §參.二.(三) 第6組(3))."""

from datetime import date

from django.test import TestCase

from anxin.core.refusals import Refused
from anxin.governance import services
from anxin.governance.models import Body, Meeting
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.governance.base import YEAR, GovernanceTestCase


def _meeting(body_key: str, name: str):
    plan = ProgramPlan(config=read_preset("pingtung").data)
    return next(m for m in plan.governance_body(body_key).meetings if m.name == name)


class WindowsTest(TestCase):
    def test_it_gives_the_steering_group_one_window_a_year(self):
        windows = services.meeting_windows(_meeting("steering_group", "小組會議"), YEAR)
        self.assertEqual(windows, [(date(YEAR, 1, 1), date(YEAR, 12, 31))])

    def test_it_gives_the_working_circle_a_window_each_quarter(self):
        windows = services.meeting_windows(_meeting("working_circle", "定期會議"), YEAR)
        self.assertEqual(
            [(start.month, end.month, end.day) for start, end in windows],
            [(1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31)],
        )

    def test_it_holds_the_review_meetings_in_january_to_march_and_september_to_december(self):
        windows = services.meeting_windows(_meeting("working_circle", "執行成效檢討會議"), YEAR)
        self.assertEqual(
            windows, [(date(YEAR, 1, 1), date(YEAR, 3, 31)), (date(YEAR, 9, 1), date(YEAR, 12, 31))]
        )


class ScheduleYearTest(GovernanceTestCase):
    def test_it_schedules_pingtungs_seven_meetings_once(self):
        made = sum(
            services.meetings_schedule_year(body=body, year=YEAR)
            for body in (self.steering, self.circle)
        )
        self.assertEqual(made, 1 + 4 + 2)
        again = services.meetings_schedule_year(body=self.circle, year=YEAR)
        self.assertEqual(again, 0)
        reviews = Meeting.objects.filter(kind="執行成效檢討會議").order_by("held_on")
        self.assertEqual([m.held_on.month for m in reviews], [1, 9])
        for meeting in Meeting.objects.all():
            spec = _meeting(meeting.body.key, meeting.kind)
            self.assertTrue(services.in_window(spec, meeting.held_on), meeting)

    def test_it_asks_for_a_reason_outside_the_window(self):
        with self.assertRaises(Refused) as refused:
            self.schedule(kind="執行成效檢討會議", on=date(YEAR, 5, 20))
        self.assertEqual(refused.exception.code, "outside_window")
        self.assertFalse(Meeting.objects.exists())
        meeting = self.schedule(
            kind="執行成效檢討會議", on=date(YEAR, 5, 20), reason="配合預算審查"
        )
        self.assertEqual(meeting.window_reason, "配合預算審查")

    def test_it_asks_an_extraordinary_meeting_for_its_reason(self):
        with self.assertRaises(Refused):
            self.schedule(kind="", title="臨時會議")
        self.assertTrue(self.schedule(kind="", title="臨時會議", reason="颱風災後關懷").pk)

    def test_it_refuses_a_meeting_the_plan_does_not_set(self):
        with self.assertRaises(Refused) as refused:
            self.schedule(kind="小組會議")  # the steering group's, not the circle's
        self.assertEqual(refused.exception.code, "kind")


class OtherPresetsTest(GovernanceTestCase):
    def test_it_makes_no_body_for_a_preset_without_one(self):
        for preset in ("taipei-114", "taoyuan-104", "chiayi-105"):
            plan = ProgramPlan(config=read_preset(preset).data, authority=self.other_agency)
            self.assertEqual(services.bodies_from_plan(plan=plan), [], preset)
        self.assertEqual(Body.objects.count(), 2)

    def test_it_makes_pingtungs_structure_from_its_preset(self):
        self.assertEqual(self.steering.name, "本府員工協助方案推動小組")
        self.assertEqual(self.steering.members_min, 6)
        groups = list(self.circle.groups.order_by("number"))
        self.assertEqual([g.number for g in groups], [1, 2, 3, 4, 5, 6])
        self.assertEqual(groups[0].months, [11, 12, 1, 2])
        self.assertFalse(groups[5].has_leader)
        self.assertEqual((self.circle.members_min, self.circle.members_max), (19, 23))
        services.bodies_from_plan(plan=self.plan)  # again: nothing new
        self.assertEqual(Body.objects.count(), 2)
