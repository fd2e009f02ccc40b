"""The hotline log: a counsellor records a call, anonymous or an employee of the
authority, with a sealed note; the list shows only his or her own calls."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.counseling.station import services
from anxin.counseling.station.models import HotlineCall
from tests.base import make_employee
from tests.counseling.station_base import StationTestCase

NEW = "/counselling/hotline/new/"
LOG = "/counselling/hotline/"


def call_post(**overrides) -> dict:
    at = timezone.localtime() - timedelta(hours=2)
    data = {
        "called_on": f"{at.year - 1911}/{at.month:02d}/{at.day:02d}",
        "called_time": at.strftime("%H:%M"),
        "minutes": "30",
        "concern": "emotion",
        "outcome": "referred",
        "employee_number": "",
        "note": "來電者情緒低落",
    }
    data.update(overrides)
    return data


def codes(response, field) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


class HotlineTestCase(StationTestCase):
    def record(self, counselor=None, employee=None):
        return services.call_record(
            plan=self.plan, counselor=counselor or self.counselor, employee=employee,
            called_at=timezone.now() - timedelta(hours=1), minutes=30, concern="emotion",
            outcome="resolved", note="note",
        )  # fmt: skip

    def test_it_defaults_the_length_to_the_plans_call_minutes(self):
        self.login(self.counselor)
        response = self.client.get(NEW)
        self.assertEqual(response.context["form"]["minutes"].value(), 30)

    def test_it_records_an_anonymous_call(self):
        self.login(self.counselor)
        response = self.client.post(NEW, call_post())
        self.assertRedirects(response, LOG)
        call = HotlineCall.objects.get()
        self.assertIsNone(call.employee)
        self.assertEqual(
            (call.minutes, call.outcome, call.counselor), (30, "referred", self.counselor)
        )
        self.assertTrue(call.note.startswith("anx1:"))

    def test_it_finds_the_caller_by_employee_number_in_the_authority(self):
        self.login(self.counselor)
        self.client.post(NEW, call_post(employee_number="E0001"))
        self.assertEqual(HotlineCall.objects.get().employee, self.alice_employee)

    def test_it_refuses_a_number_outside_the_authority_and_keeps_what_was_typed(self):
        from anxin.people.services import orgunit_create

        elsewhere = orgunit_create(name="他市政府", kind="authority")
        make_employee(None, unit=elsewhere, number="Z0009", name="外人")
        self.login(self.counselor)
        response = self.client.post(NEW, call_post(employee_number="Z0009"))
        self.assertEqual(codes(response, "employee_number"), ["unknown_employee"])
        self.assertContains(response, "來電者情緒低落")
        self.assertFalse(HotlineCall.objects.exists())

    def test_it_refuses_a_call_in_the_future(self):
        at = timezone.localtime() + timedelta(days=1)
        self.login(self.counselor)
        response = self.client.post(
            NEW, call_post(called_on=f"{at.year - 1911}/{at.month:02d}/{at.day:02d}")
        )
        self.assertEqual(codes(response, "called_on"), ["future"])

    def test_it_refuses_a_concern_outside_the_plan(self):
        self.login(self.counselor)
        response = self.client.post(NEW, call_post(concern="astrology"))
        self.assertEqual(codes(response, "concern"), ["invalid_choice"])

    def test_it_lists_only_the_counsellors_calls_in_fixed_queries(self):
        mine = self.record()
        other = self.record(counselor=self.counselor2)
        self.login(self.counselor)
        with CaptureQueriesContext(connection) as few:
            response = self.client.get(LOG)
        self.assertEqual(list(response.context["calls"]), [mine])
        for _ in range(4):
            self.record(employee=self.alice_employee)
        with CaptureQueriesContext(connection) as many:
            self.client.get(LOG)
        self.assertEqual(len(few), len(many))
        self.assertEqual(self.client.get(other.get_absolute_url()).status_code, 404)

    def test_it_shows_the_note_with_a_logged_read(self):
        call = self.record(employee=self.alice_employee)
        self.login(self.counselor)
        before = AccessLog.objects.count()
        self.assertContains(self.client.get(call.get_absolute_url()), "note")
        self.assertEqual(AccessLog.objects.count(), before + 1)
        self.assertEqual(
            AccessLog.objects.order_by("-id").first().subject_uuid, self.alice_employee.uuid
        )

    def test_it_refuses_other_roles_and_methods(self):
        call = self.record()
        for user in (self.alice, self.intake, self.hr, self.sysadmin):
            self.login(user)
            self.assertEqual(self.client.get(LOG).status_code, 403)
            self.assertEqual(self.client.get(call.get_absolute_url()).status_code, 403)
        self.login(self.counselor)
        self.assertEqual(self.client.post(LOG).status_code, 405)
