"""QR check-in: the page the QR code points to checks a registered employee in within the
session's window, and answers clearly too early, too late, for someone not registered,
a second time, and for a replaced code."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from anxin.events import services as event_services
from anxin.events.attendance import services
from anxin.events.attendance.models import Attendance, CheckInCode
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register


class CheckInTests(AttendanceTestCase):
    def url(self, session=None) -> str:
        code = services.check_in_code_for(session or self.session)
        return reverse("events:check_in", args=[code.token])

    def test_it_checks_a_registered_employee_in(self):
        """Alice opens the QR address, presses the button, is recorded present with her
        arrival time and sent to the event page."""
        self.login(self.alice)
        url = self.url()
        page = self.client.get(url)
        self.assertContains(page, "舒壓工作坊")
        self.assertContains(page, "立即報到")
        response = self.client.post(url)
        self.assertRedirects(response, reverse("events:detail", args=[self.event.uuid]))
        attendance = Attendance.objects.get()
        self.assertEqual(attendance.status, "present")
        self.assertEqual(attendance.source, "qr")
        self.assertLess(abs(attendance.arrived_at - timezone.now()), timedelta(minutes=1))

    def test_it_records_a_late_arrival_with_the_minutes_left(self):
        """After the ten-minute grace, the arrival is late with the minutes to the end."""
        arrival = self.session.starts_at + timedelta(minutes=40)
        attendance = services.check_in(
            session=self.session, employee=self.alice_employee, actor=self.alice, now=arrival
        )
        self.assertEqual((attendance.status, attendance.minutes), ("late", 140))

    def test_it_refuses_a_second_check_in(self):
        self.login(self.alice)
        url = self.url()
        self.client.post(url)
        response = self.client.post(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["problem"].code, "already_checked_in")
        self.assertContains(response, "您已完成本場次的報到")
        self.assertEqual(Attendance.objects.count(), 1)

    def test_it_refuses_someone_not_registered(self):
        """An employee of the authority who did not register is told so; nothing stored."""
        self.login(self.outsider)
        response = self.client.post(self.url())
        self.assertEqual(response.context["problem"].code, "not_registered")
        self.assertContains(response, "您未報名此活動")
        self.assertFalse(Attendance.objects.exists())

    def test_it_refuses_a_waitlisted_employee(self):
        event = event_with_sessions(
            self.eap_admin, self.authority, [self.now - timedelta(minutes=5)], capacity=1
        )
        register(event, self.outsider_employee, self.outsider)
        waiting = register(event, self.alice_employee, self.alice)
        self.assertEqual(waiting.status, "waitlisted")
        self.login(self.alice)
        response = self.client.post(self.url(event.sessions.get()))
        self.assertEqual(response.context["problem"].code, "not_registered")
        self.assertFalse(Attendance.objects.filter(registration=waiting).exists())

    def test_it_refuses_outside_the_window(self):
        """Before the half hour ahead of the start, and after the end: a clear message."""
        for now, code, words in (
            (self.session.starts_at - timedelta(minutes=31), "too_early", "開放報到"),
            (self.session.ends_at, "too_late", "已結束"),
        ):
            with self.subTest(code=code):
                problem = services.check_in_problem(self.session, self.alice_employee, now=now)
                self.assertEqual(problem.code, code)
                self.assertIn(words, str(problem.message))
                with self.assertRaises(Exception) as raised:
                    services.check_in(
                        session=self.session, employee=self.alice_employee, actor=self.alice,
                        now=now,
                    )  # fmt: skip
                self.assertEqual(raised.exception.code, code)
        self.assertFalse(Attendance.objects.exists())
        later = event_with_sessions(
            self.eap_admin, self.authority, [self.now + timedelta(days=2)], title="下週課程"
        )
        event_services.registration_create(
            event=later, employee=self.alice_employee, actor=self.alice
        )
        self.login(self.alice)
        page = self.client.post(self.url(later.sessions.get()))
        self.assertEqual(page.context["problem"].code, "too_early")
        self.assertContains(page, "開放報到")

    def test_a_replaced_code_stops_working(self):
        """The facilitator replaces the code; the old address answers 404 with a message."""
        old = self.url()
        self.login(self.facilitator)
        rotate = reverse("events:check_in_rotate", args=[self.event.uuid, self.session.pk])
        self.assertRedirects(
            self.client.post(rotate),
            reverse("events:check_in_qr", args=[self.event.uuid, self.session.pk]),
        )
        self.login(self.alice)
        response = self.client.post(old)
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "報到碼已失效", status_code=404)
        self.assertFalse(Attendance.objects.exists())
        self.assertEqual(self.client.post(self.url()).status_code, 302)

    def test_the_qr_page_shows_the_check_in_address(self):
        self.login(self.facilitator)
        response = self.client.get(
            reverse("events:check_in_qr", args=[self.event.uuid, self.session.pk])
        )
        token = CheckInCode.objects.get(session=self.session).token
        self.assertContains(response, f"/events/check-in/{token}/")
        self.assertContains(response, "data:image/svg+xml;base64,")
        self.login(self.hr)  # hr of an agency: not the organiser of this event
        self.assertEqual(
            self.client.get(
                reverse("events:check_in_qr", args=[self.event.uuid, self.session.pk])
            ).status_code,
            404,
        )

    def test_it_wants_a_signed_in_employee(self):
        url = self.url()
        response = self.client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/account/sign-in/"))
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.put(url).status_code, 405)


class SensitiveCheckInTests(AttendanceTestCase):
    """A QR code can be scanned by anyone: for an event whose audience uses a sealed
    attribute, someone not registered learns neither its title nor its place."""

    def test_an_outsider_sees_neither_title_nor_place_a_member_sees_both(self):
        event = event_with_sessions(
            self.eap_admin, self.authority, [self.now - timedelta(minutes=5)],
            title="身心障礙同仁支持團體", audience_declared=["disability"],
        )  # fmt: skip
        session = event.sessions.get()
        url = reverse("events:check_in", args=[services.check_in_code_for(session).token])
        self.login(self.outsider)
        page = self.client.get(url)
        self.assertNotContains(page, "身心障礙同仁支持團體")
        self.assertNotContains(page, session.place)
        self.assertContains(page, "員工協助方案活動")
        Registration = event.registrations.model
        Registration.objects.create(event=event, employee=self.alice_employee, status="registered")
        self.login(self.alice)
        page = self.client.get(url)
        self.assertContains(page, "身心障礙同仁支持團體")
        self.assertContains(page, session.place)
