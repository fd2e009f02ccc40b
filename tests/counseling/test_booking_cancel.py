"""Cancellation and no-show under the plan's `booking` rules: in time the hours come
back; late or absent, they stay counted when the plan says so."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.counseling.booking import services
from anxin.counseling.booking.models import Appointment
from tests.counseling.booking_base import BookingTestCase, at, fresh

TIMETABLE = reverse("counseling:booking_timetable")


def cancel_url(appointment) -> str:
    return reverse("counseling:booking_cancel", args=[appointment.uuid])


def attendance_url(appointment) -> str:
    return reverse("counseling:booking_attendance", args=[appointment.uuid])


class CancelTests(BookingTestCase):
    def book(self, starts, **rules):
        self.with_quota(4, **rules)
        case = fresh(self.make_case())
        slot = self.make_slot(starts=starts)
        return case, services.appointment_book(case=case, slot=slot, actor=self.alice)

    def remaining(self, case):
        return services.quota_remaining(
            employee=self.alice_employee, plan=case.plan, on=services.slot_day(case_slot(case))
        )

    def test_it_gives_the_hours_back_on_a_timely_cancellation(self):
        """Cancelled three days ahead (rule: 24 hours): status cancelled, a negative
        entry saying why, all four hours left."""
        case, appointment = self.book(at(3))
        self.login(self.alice)
        page = self.client.get(cancel_url(appointment))
        self.assertFalse(page.context["late"])
        response = self.client.post(cancel_url(appointment))
        self.assertRedirects(response, reverse("counseling:booking_home"))
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, Appointment.Status.CANCELLED)
        self.assertEqual(self.remaining(case), Decimal(4))
        entries = list(appointment_entries(appointment))
        self.assertEqual([e.hours for e in entries], [Decimal("1.00"), Decimal("-1.00")])
        self.assertTrue(entries[1].reason)

    def test_it_warns_and_keeps_the_hours_on_a_late_cancellation(self):
        """Within the plan's 24 hours the page warns; the hours stay counted."""
        case, appointment = self.book(timezone.now() + timedelta(hours=5))
        self.login(self.alice)
        page = self.client.get(cancel_url(appointment))
        self.assertTrue(page.context["late"])
        self.client.post(cancel_url(appointment))
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, Appointment.Status.LATE_CANCELLED)
        self.assertEqual(self.remaining(case), Decimal(3))

    def test_a_plan_may_not_count_late_cancellations(self):
        """late_cancel_counts: false gives the hours back even when late."""
        case, appointment = self.book(
            timezone.now() + timedelta(hours=5), cancel_hours_before=24, late_cancel_counts=False
        )
        services.appointment_cancel(appointment=appointment, actor=self.alice)
        self.assertEqual(self.remaining(case), Decimal(4))

    def test_a_plan_sets_its_own_notice(self):
        """cancel_hours_before: 2 makes a cancellation five hours ahead timely."""
        _case, appointment = self.book(timezone.now() + timedelta(hours=5), cancel_hours_before=2)
        services.appointment_cancel(appointment=appointment, actor=self.alice)
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, Appointment.Status.CANCELLED)

    def test_it_refuses_cancelling_twice(self):
        """A cancelled appointment cannot be cancelled again; the page says so."""
        _case, appointment = self.book(at(3))
        services.appointment_cancel(appointment=appointment, actor=self.alice)
        self.login(self.alice)
        response = self.client.post(cancel_url(appointment))
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(response.context["error"])

    def test_another_employee_gets_404(self):
        _case, appointment = self.book(at(3))
        self.login(self.outsider)
        self.assertEqual(self.client.get(cancel_url(appointment)).status_code, 404)
        self.assertEqual(self.client.post(cancel_url(appointment)).status_code, 404)

    def test_it_answers_405_to_put(self):
        _case, appointment = self.book(at(3))
        self.login(self.alice)
        self.assertEqual(self.client.put(cancel_url(appointment)).status_code, 405)


class AttendanceTests(BookingTestCase):
    def begun(self, **rules):
        """An appointment whose session began an hour ago."""
        self.with_quota(4, **rules)
        case = fresh(self.make_case())
        slot = self.past_slot(
            counselor=self.counselor, starts=timezone.now() - timedelta(hours=1), room=self.room
        )
        appointment = Appointment.objects.create(
            slot=slot, case=case, employee=self.alice_employee, status="booked"
        )
        services._charge_appointment(appointment, actor=self.alice)
        return case, appointment

    def test_the_counsellor_marks_attended(self):
        """Attended: the hours stay counted; the timetable lists the case code."""
        case, appointment = self.begun()
        self.login(self.counselor)
        page = self.client.get(TIMETABLE)
        self.assertContains(page, case.code)
        response = self.client.post(attendance_url(appointment), {"attended": "yes"})
        self.assertRedirects(response, TIMETABLE)
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, Appointment.Status.ATTENDED)

    def test_a_no_show_counts_by_default(self):
        """No-show with the default rule: the hour stays counted."""
        case, appointment = self.begun()
        services.appointment_mark(appointment=appointment, attended=False, actor=self.counselor)
        # The hours of the session's plan year: begun an hour ago, at 00:10 on 1 January
        # the session is last year's.
        on = timezone.localdate(appointment.slot.starts_at)
        self.assertEqual(services.quota_used(employee=self.alice_employee, plan=case.plan,
                                             on=on), Decimal("1.00"))  # fmt: skip

    def test_a_plan_may_not_count_no_shows(self):
        """no_show_counts: false gives the hour back; correcting to attended charges it."""
        case, appointment = self.begun(no_show_counts=False)
        on = timezone.localdate(appointment.slot.starts_at)  # the session's plan year
        used = lambda: services.quota_used(  # noqa: E731
            employee=self.alice_employee, plan=case.plan, on=on
        )
        services.appointment_mark(appointment=appointment, attended=False, actor=self.counselor)
        self.assertEqual(used(), Decimal("0"))
        services.appointment_mark(appointment=appointment, attended=True, actor=self.counselor)
        self.assertEqual(used(), Decimal("1.00"))

    def test_it_refuses_marking_a_future_session(self):
        """Attendance waits until the session has begun."""
        case = self.make_case()
        appointment = services.appointment_book(case=case, slot=self.make_slot(), actor=self.alice)
        with self.assertRaises(Refused) as caught:
            services.appointment_mark(appointment=appointment, attended=True, actor=self.counselor)
        self.assertEqual(caught.exception.code, "future")

    def test_another_counsellor_gets_404_and_get_gets_405(self):
        _case, appointment = self.begun()
        self.login(self.counselor2)
        self.assertEqual(
            self.client.post(attendance_url(appointment), {"attended": "yes"}).status_code, 404
        )
        self.login(self.counselor)
        self.assertEqual(self.client.get(attendance_url(appointment)).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.post(attendance_url(appointment)).status_code, 403)


def appointment_entries(appointment):
    from anxin.counseling.booking.models import QuotaEntry

    return QuotaEntry.objects.filter(source_uuid=appointment.uuid).order_by("pk")


def case_slot(case):
    return Appointment.objects.filter(case=case).select_related("slot").first().slot
