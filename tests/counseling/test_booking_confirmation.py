"""The printable confirmation for a leave request (001 §玖.一): date, time, place and the
employee's name; no counsellor, no concern, no content."""

from django.urls import reverse

from anxin.counseling.booking import services
from anxin.plans.loader import load_preset
from tests.counseling.booking_base import BookingTestCase, at, fresh


def url(appointment) -> str:
    return reverse("counseling:booking_confirmation", args=[appointment.uuid])


class ConfirmationTests(BookingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.counselor.display_name = "林諮商師"
        cls.counselor.save(update_fields=["display_name"])
        cls.case = cls.make_case()
        cls.make_session(cls.case, assessment="confirmation-marker")

    def test_it_shows_time_and_name_only(self):
        """Name, date and time; not the counsellor, the room (a leave slip names no
        counselling room: tests/counseling/test_leave_slip.py), the concern, the case code
        or anything from the record."""
        appointment = services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(starts=at(4, 14)), actor=self.alice
        )
        self.login(self.alice)
        response = self.client.get(url(appointment))
        self.assertEqual(response.status_code, 200)
        for shown in ("王小美", "14:00", "15:00"):
            self.assertContains(response, shown)
        main = response.content.decode().split("<main", 1)[-1]
        for hidden in ("林諮商師", "counselor", self.case.code, "情緒", "confirmation-marker",
                       "協談室A", "市府大樓5樓"):  # fmt: skip
            self.assertNotIn(hidden, main)

    def test_it_shows_the_plans_leave_rule(self):
        """A plan with a leave rule (Taoyuan) prints it under the appointment."""
        plan = load_preset("taoyuan-104")
        self.case.plan = plan
        self.case.save(update_fields=["plan"])
        appointment = services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(), actor=self.alice
        )
        self.login(self.alice)
        self.assertContains(self.client.get(url(appointment)), plan.leave_rule)

    def test_a_cancelled_appointment_has_none(self):
        appointment = services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(), actor=self.alice
        )
        services.appointment_cancel(appointment=appointment, actor=self.alice)
        self.login(self.alice)
        self.assertRedirects(self.client.get(url(appointment)), reverse("counseling:booking_home"))

    def test_others_are_refused(self):
        """Another employee 404, a counsellor 403, POST 405."""
        appointment = services.appointment_book(
            case=fresh(self.case), slot=self.make_slot(), actor=self.alice
        )
        self.login(self.outsider)
        self.assertEqual(self.client.get(url(appointment)).status_code, 404)
        self.login(self.counselor)
        self.assertEqual(self.client.get(url(appointment)).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.post(url(appointment)).status_code, 405)
