"""The counsellor's home page (issue 13, item 1): greeted by name, today's and this
week's appointments, and the work waiting, each with a count and links."""

from datetime import date, datetime, time, timedelta
from unittest import mock
from uuid import uuid4

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.counseling.booking.models import Appointment, Room, Slot
from anxin.counseling.conferences.models import CaseConference, ConferenceActionItem
from anxin.counseling.flows.models import FlowRun, FlowStepRun
from anxin.counseling.home import _day_bounds
from anxin.counseling.station.models import StationThread
from anxin.people.models import Employee
from tests.base import make_employee
from tests.counseling.base import SESSION_FIELDS, CounselingTestCase
from tests.test_zh_hant_pages import report


class CounselorDayTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.counselor.display_name = "林心理師"
        cls.counselor.save()
        cls.room = Room.objects.create(authority=cls.authority, name="協談室A", location="5樓")
        cls.case = cls.make_case()
        cls.bob = make_employee(None, unit=cls.unit, number="E0003", name="李大同")
        # A case of another counsellor, booked in a slot of Alice's counsellor.
        cls.other_case = cls.make_case(cls.make_request(cls.bob), counselor=cls.counselor2)

    def appointment(self, case, starts, status=Appointment.Status.BOOKED, counselor=None):
        slot = Slot.objects.create(
            counselor=counselor or self.counselor,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=50),
            mode="face_to_face",
            room=self.room,
        )
        return Appointment.objects.create(
            slot=slot, case=case, employee=case.employee, status=status
        )

    def today_at(self, hour: int):
        start, _, _ = _day_bounds(timezone.now())
        return start + timedelta(hours=hour)

    def home(self):
        self.login(self.counselor)
        return self.client.get("/")

    def test_it_greets_the_counsellor_and_lists_today_with_names_of_own_cases_only(self):
        self.appointment(self.case, self.today_at(9))
        self.appointment(self.other_case, self.today_at(11))
        response = self.home()
        self.assertContains(response, "林心理師")
        today = response.context["today_appointments"]
        self.assertEqual([a.case for a in today], [self.case, self.other_case])
        self.assertContains(response, "09:00")
        self.assertContains(response, "協談室A")
        self.assertContains(response, self.case.code)
        self.assertContains(response, self.other_case.code)
        self.assertContains(response, "王小美")  # own case
        self.assertNotContains(response, "李大同")  # another counsellor's case

    def test_it_lists_the_rest_of_the_week_but_not_next_week(self):
        # The page reads the clock: it is pinned to a Wednesday afternoon, as on a Sunday
        # the week has no day left after today.
        today = timezone.localdate()
        wednesday = today - timedelta(days=(today.weekday() - 2) % 7)
        now = timezone.make_aware(datetime.combine(wednesday, time(15)))
        start, _tomorrow, monday = _day_bounds(now)
        later = self.appointment(self.case, monday - timedelta(hours=10))  # Sunday, 14:00
        self.appointment(self.case, monday + timedelta(hours=10))
        self.appointment(self.case, start + timedelta(hours=10), counselor=self.counselor2)
        with mock.patch("django.utils.timezone.now", return_value=now):
            response = self.home()
        self.assertEqual(response.context["week_appointments"], [later])
        self.assertEqual(response.context["today_appointments"], [])
        # On that Sunday morning the appointment is today's and the week has nothing left.
        sunday = timezone.make_aware(datetime.combine(wednesday + timedelta(days=4), time(9)))
        with mock.patch("django.utils.timezone.now", return_value=sunday):
            response = self.home()
        self.assertEqual(response.context["today_appointments"], [later])
        self.assertEqual(response.context["week_appointments"], [])

    def test_an_empty_day_says_so(self):
        response = self.home()
        self.assertContains(response, "今天沒有預約")
        self.assertContains(response, "本週沒有其他預約")
        self.assertEqual(response.context["unrecorded_count"], 0)

    def test_it_counts_the_work_waiting_with_links(self):
        now = timezone.now()
        # A reply overdue, one due within the day, one not yet due, one of a colleague.
        for hours, counselor in ((-2, self.counselor), (5, self.counselor), (60, self.counselor),
                                 (-2, self.counselor2)):  # fmt: skip
            StationThread.objects.create(
                plan=self.plan,
                token_hash=uuid4().hex * 2,
                due_at=now + timedelta(hours=hours),
                counselor=counselor,
            )
        # A session held two days ago without a record; one with a record.
        held = self.appointment(self.case, now - timedelta(days=2))
        recorded = self.appointment(self.case, now - timedelta(days=1, hours=1))
        # Held a day ago: matches `recorded`. Its text in Chinese, as a record would be.
        self.make_session(self.case, **{field: "紀錄內容" for field in SESSION_FIELDS[:-1]})
        # A flow step of the counsellor's, overdue.
        run = FlowRun.objects.create(
            plan=self.plan, flow_key="crisis", flow_name="危機處理", definition={},
            kind="crisis", employee=self.alice_employee, unit=self.unit,
            started_by=self.supervisor, counselor=self.counselor, case=self.case,
        )  # fmt: skip
        FlowStepRun.objects.create(
            run=run, step_key="assess", action="評估風險", role="counselor",
            reached_at=now - timedelta(days=2), due_at=now - timedelta(hours=1),
        )  # fmt: skip
        conference = CaseConference.objects.create(
            case=self.case, starts_at=now - timedelta(days=3), place="協談室A",
            consent="agreed", status="held", scheduled_by=self.counselor,
        )  # fmt: skip
        ConferenceActionItem.objects.create(
            conference=conference, owner=self.counselor, due_on=date.today() - timedelta(days=1)
        )
        response = self.home()
        context = response.context
        self.assertEqual(context["station_due"], {"awaiting": 3, "overdue": 1, "due_soon": 1})
        self.assertEqual(context["unrecorded_count"], 1)
        self.assertEqual(context["unrecorded"], [held])
        self.assertNotIn(recorded, context["unrecorded"])
        self.assertContains(response, f"/counselling/cases/{self.case.code}/sessions/new/")
        self.assertEqual((context["steps_count"], context["steps_overdue"]), (1, 1))
        self.assertContains(response, run.get_absolute_url())
        self.assertEqual((context["actions_count"], context["actions_overdue"]), (1, 1))
        self.assertContains(response, conference.get_absolute_url())
        self.assertContains(response, "/counselling/station/threads/")

    def test_the_full_page_reads_in_zh_hant(self):
        """With every kind of work waiting, no English or stray space (the crawl's rules,
        tests/test_zh_hant_pages.py, which sees the page empty)."""
        self.test_it_counts_the_work_waiting_with_links()
        self.appointment(self.case, self.today_at(9))
        self.appointment(self.other_case, self.today_at(11))
        response = self.home()
        self.assertEqual(report("counselor", "/", response.content.decode()), [])
        response = self.client.get(self.case.get_absolute_url())
        self.assertEqual(report("counselor", "case", response.content.decode()), [])
        response = self.client.get("/counselling/cases/")
        self.assertEqual(report("counselor", "cases", response.content.decode()), [])

    def test_the_home_page_reads_nothing_sealed_and_logs_nothing(self):
        self.appointment(self.case, self.today_at(9))
        before = AccessLog.objects.count()
        self.home()
        self.assertEqual(AccessLog.objects.count(), before)

    def test_it_keeps_the_query_count_fixed(self):
        def queries() -> int:
            self.login(self.counselor)
            self.client.get("/")
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get("/").status_code, 200)
            return len(context)

        def add(n: int) -> None:
            now = timezone.now()
            for i in range(n):
                employee = make_employee(
                    None, unit=self.unit, number=f"Q{Employee.objects.count():05d}", name="測試"
                )
                case = self.make_case(self.make_request(employee))
                self.appointment(case, self.today_at(8) + timedelta(minutes=i))
                self.appointment(case, now - timedelta(days=3, minutes=i))

        add(1)
        small = queries()
        add(6)
        self.assertEqual(queries(), small)
