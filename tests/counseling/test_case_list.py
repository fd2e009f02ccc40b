"""The counsellor's case list (issue 13, item 1): plan, client, status, next appointment
and last session; search by code or name, filters, paging, open cases first, a fixed
number of queries whatever the size."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.counseling.booking.models import Appointment, Room, Slot
from anxin.counseling.models import Case
from anxin.people.models import Employee
from tests.base import make_employee
from tests.counseling.base import CounselingTestCase

CASES = "/counselling/cases/"


class CaseListTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.room = Room.objects.create(authority=cls.authority, name="協談室A", location="5樓")

    def book(self, case, starts, status=Appointment.Status.BOOKED):
        slot = Slot.objects.create(
            counselor=case.counselor,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=50),
            mode="face_to_face",
            room=self.room,
        )
        return Appointment.objects.create(
            slot=slot, case=case, employee=case.employee, status=status
        )

    def new_case(self, name: str = "測試") -> Case:
        employee = make_employee(
            None, unit=self.unit, number=f"Q{Employee.objects.count():05d}", name=name
        )
        return self.make_case(self.make_request(employee))

    def test_it_shows_plan_client_status_next_appointment_and_last_session(self):
        case = self.make_case()
        self.make_session(case)  # held yesterday
        soon = timezone.now() + timedelta(days=2)
        self.book(case, soon)
        self.book(case, soon + timedelta(days=7))
        self.book(case, soon - timedelta(days=1), status=Appointment.Status.CANCELLED)
        self.login(self.counselor)
        before = AccessLog.objects.count()
        response = self.client.get(CASES)
        row = response.context["cases"][0]
        self.assertEqual(row.next_appointment, soon.replace(microsecond=soon.microsecond))
        self.assertEqual(row.last_session, case.sessions.get().held_at)
        self.assertEqual(row.session_count, 1)
        self.assertContains(response, "王小美")
        self.assertContains(response, self.plan.name)
        self.assertContains(response, "進行中")
        self.assertContains(response, timezone.localtime(soon).strftime("%H:%M"))
        # A list reads nothing sealed: no access-log rows.
        self.assertEqual(AccessLog.objects.count(), before)

    def test_an_empty_case_shows_dashes(self):
        self.make_case()
        self.login(self.counselor)
        response = self.client.get(CASES)
        row = response.context["cases"][0]
        self.assertIsNone(row.next_appointment)
        self.assertIsNone(row.last_session)
        self.assertEqual(row.session_count, 0)

    def test_it_searches_by_code_or_client_name_and_filters_by_kind_and_plan(self):
        alice = self.make_case()
        bob = self.new_case("李大同")
        Case.objects.filter(pk=bob.pk).update(kind=Case.Kind.CRISIS)
        self.login(self.counselor)

        def listed(**filters) -> set:
            response = self.client.get(CASES, filters)
            self.assertEqual(response.status_code, 200)
            return {case.pk for case in response.context["cases"]}

        self.assertEqual(listed(q="大同"), {bob.pk})
        self.assertEqual(listed(q=alice.code), {alice.pk})
        self.assertEqual(listed(kind="crisis"), {bob.pk})
        self.assertEqual(listed(plan=self.plan.pk), {alice.pk, bob.pk})
        self.assertEqual(listed(plan="999999"), {alice.pk, bob.pk})  # invalid: ignored
        # Another counsellor's client cannot be found by name.
        other = self.new_case("陳小明")
        Case.objects.filter(pk=other.pk).update(counselor=self.counselor2)
        self.assertEqual(listed(q="陳小明"), set())

    def test_it_runs_a_fixed_number_of_queries_at_two_sizes(self):
        def count() -> int:
            self.client.get(CASES)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(CASES, {"status": "open", "q": ""})
            self.assertEqual(response.status_code, 200)
            return len(context)

        def add(n: int) -> None:
            for i in range(n):
                case = self.new_case()
                self.make_session(case)
                self.book(case, timezone.now() + timedelta(days=1, minutes=i))

        self.login(self.counselor)
        add(3)
        small = count()
        add(30)
        self.assertEqual(count(), small)
