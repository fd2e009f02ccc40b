"""Attendance -> learning hours -> completion: the facilitator's ticks, the hours they
give, the completion rule that sets `Registration.completed_at` (which prerequisites
read), and who may see the attendance (DESIGN.md invariant 10)."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anxin.core.locking import StaleEdit
from anxin.events import services as event_services
from anxin.events.attendance import services
from anxin.events.attendance.models import Attendance
from anxin.people.services import declaration_save
from anxin.plans.models import ProgramPlan
from tests.base import make_employee, make_user
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register, tick


class LearningHoursTests(AttendanceTestCase):
    def test_it_rounds_down_to_half_hours_and_caps_at_the_events_hours(self):
        cap = Decimal("3")
        self.assertEqual(services.learning_hours(0, cap), Decimal("0"))
        self.assertEqual(services.learning_hours(29, cap), Decimal("0"))
        self.assertEqual(services.learning_hours(30, cap), Decimal("0.5"))
        self.assertEqual(services.learning_hours(89, cap), Decimal("1"))
        self.assertEqual(services.learning_hours(100, cap), Decimal("1.5"))
        self.assertEqual(services.learning_hours(600, cap), Decimal("3"))

    def test_a_series_counts_present_late_and_partial_sessions(self):
        """Four two-hour sessions, learning hours 7: present (120), late with 90 minutes,
        partly present 50 minutes, absent. 260 minutes are 4.0 hours; the partial session
        (under half) does not count towards completion: 2 of 4, 3 needed."""
        start = self.now - timedelta(days=30)
        event = event_with_sessions(
            self.eap_admin, self.authority, [start + timedelta(days=7 * i) for i in range(4)],
            kind="series", learning_hours=Decimal("7"), facilitator=self.facilitator,
        )  # fmt: skip
        registration = register(event, self.alice_employee, self.alice)
        sessions = list(event.sessions.all())
        tick(registration, sessions[0], "present", actor=self.facilitator)
        tick(registration, sessions[1], "late", 90, actor=self.facilitator)
        tick(registration, sessions[2], "partial", 50, actor=self.facilitator)
        tick(registration, sessions[3], "absent", actor=self.facilitator)
        summary = services.summary_of(registration)
        self.assertEqual((summary.minutes, summary.hours), (260, Decimal("4")))
        self.assertEqual((summary.attended, summary.needed), (2, 3))
        self.assertFalse(summary.complete)
        self.assertIsNone(registration.completed_at)
        tick(registration, sessions[3], "present", actor=self.facilitator)
        self.assertIsNotNone(registration.completed_at)
        self.assertEqual(services.summary_of(registration).hours, Decimal("6"))

    def test_a_talk_needs_every_session(self):
        start = self.now - timedelta(days=3)
        talk = event_with_sessions(
            self.eap_admin, self.authority, [start, start + timedelta(days=1)], kind="talk"
        )
        registration = register(talk, self.alice_employee, self.alice)
        first, second = talk.sessions.all()
        tick(registration, first, "present", actor=self.facilitator)
        self.assertIsNone(registration.completed_at)
        tick(registration, second, "late", 70, actor=self.facilitator)
        self.assertIsNotNone(registration.completed_at)

    def test_the_plans_share_sets_the_rule_of_a_series(self):
        """With `certificates.completion_share: 50`, two of four sessions complete."""
        ProgramPlan.objects.create(
            slug="share", name="Plan", authority=self.authority,
            config={"certificates": {"completion_share": 50, "source": "test"}},
        )  # fmt: skip
        start = self.now - timedelta(days=30)
        event = event_with_sessions(
            self.eap_admin, self.authority, [start + timedelta(days=i) for i in range(4)],
            kind="series",
        )  # fmt: skip
        registration = register(event, self.alice_employee, self.alice)
        first, second, *_rest = event.sessions.all()
        tick(registration, first, "present", actor=self.facilitator)
        tick(registration, second, "present", actor=self.facilitator)
        self.assertIsNotNone(registration.completed_at)

    def test_completion_by_attendance_meets_a_prerequisite(self):
        """A class requiring this workshop admits Alice once her check-in completed it."""
        follow_up = event_with_sessions(
            self.eap_admin, self.authority, [self.now + timedelta(days=20)],
            title="進階班", prerequisite=self.event,
        )  # fmt: skip
        with self.assertRaises(Exception) as refused:
            event_services.registration_create(
                event=follow_up, employee=self.alice_employee, actor=self.alice
            )
        self.assertEqual(refused.exception.code, "prerequisite_missing")
        services.check_in(session=self.session, employee=self.alice_employee, actor=self.alice)
        self.registration.refresh_from_db()
        self.assertIsNotNone(self.registration.completed_at)
        registration = event_services.registration_create(
            event=follow_up, employee=self.alice_employee, actor=self.alice
        )
        self.assertEqual(registration.status, "registered")

    def test_a_correction_takes_the_completion_back(self):
        tick(self.registration, self.session, "present", actor=self.facilitator)
        self.assertIsNotNone(self.registration.completed_at)
        tick(self.registration, self.session, "absent", actor=self.facilitator)
        self.assertIsNone(self.registration.completed_at)


class RosterTickTests(AttendanceTestCase):
    def url(self) -> str:
        return reverse("events:attendance_record", args=[self.event.uuid, self.session.pk])

    def prefix(self) -> str:
        return f"r{self.registration.pk}-"

    def test_the_facilitator_ticks_the_roster(self):
        self.login(self.facilitator)
        page = self.client.get(reverse("events:attendance", args=[self.event.uuid]))
        self.assertContains(page, "王小美")
        response = self.client.post(
            self.url(), {self.prefix() + "status": "partial", self.prefix() + "minutes": "95"}
        )
        self.assertEqual(response.status_code, 302)
        attendance = Attendance.objects.get()
        self.assertEqual((attendance.status, attendance.minutes), ("partial", 95))
        self.assertEqual(attendance.source, "roster")
        self.registration.refresh_from_db()
        self.assertIsNotNone(self.registration.completed_at)  # 95 of 180: over half

    def test_it_refuses_partial_without_minutes_and_keeps_what_was_typed(self):
        other = make_employee(make_user("bob"), unit=self.unit, number="E0003", name="李大同")
        bob = register(self.event, other, other.user)
        self.login(self.facilitator)
        response = self.client.post(
            self.url(),
            {self.prefix() + "status": "partial", f"r{bob.pk}-status": "present"},
        )
        self.assertEqual(response.status_code, 200)
        forms = {row["registration"].pk: row["form"] for row in response.context["rows"]}
        self.assertEqual(
            forms[self.registration.pk].errors.as_data()["minutes"][0].code, "minutes_required"
        )
        self.assertContains(response, "請填寫出席分鐘數")
        self.assertContains(response, '<option value="present" selected>')
        self.assertFalse(Attendance.objects.exists())  # Bob's valid row is not saved either

    def test_it_refuses_more_minutes_than_the_session(self):
        self.login(self.facilitator)
        response = self.client.post(
            self.url(), {self.prefix() + "status": "late", self.prefix() + "minutes": "181"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不能超過本場次的 180 分鐘")
        self.assertFalse(Attendance.objects.exists())

    def test_it_does_not_overwrite_a_check_in_made_meanwhile(self):
        """The form was opened before Alice checked in; saving it "not recorded" is refused."""
        seen = services.seen_stamp(None)
        services.check_in(session=self.session, employee=self.alice_employee, actor=self.alice)
        with self.assertRaises(StaleEdit):
            services.attendance_record(
                session=self.session,
                ticks=[services.Tick(self.registration, "absent", None, seen)],
                actor=self.facilitator,
            )
        self.assertEqual(Attendance.objects.get().status, "present")
        self.login(self.facilitator)
        response = self.client.post(self.url(), {self.prefix() + "status": "absent"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Attendance.objects.get().status, "present")

    def test_the_attendance_page_runs_a_fixed_number_of_queries(self):
        self.login(self.facilitator)
        url = reverse("events:attendance", args=[self.event.uuid])
        counts = []
        for n in (1, 4):
            for i in range(n):
                employee = make_employee(
                    make_user(f"p{n}-{i}"), unit=self.unit, number=f"N{n}{i}", name=f"員工{n}{i}"
                )
                registration = register(self.event, employee, employee.user)
                tick(registration, self.session, "present", actor=self.facilitator)
                services.certificate_issue(registration=registration, actor=self.facilitator)
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])


class AttendancePrivacyTests(AttendanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        declaration_save(
            employee=cls.alice_employee, attributes=["disability"], expected_version=None,
            actor=cls.alice,
        )  # fmt: skip

    def setUp(self):
        super().setUp()
        self.group = event_with_sessions(
            self.hr, self.agency, [self.now - timedelta(minutes=5)], kind="support_group",
            title="身障同仁支持團體", facilitator=self.facilitator,
            audience_declared=["disability"],
        )  # fmt: skip
        self.member = register(self.group, self.alice_employee, self.alice)
        self.group_session = self.group.sessions.get()
        services.check_in(
            session=self.group_session, employee=self.alice_employee, actor=self.alice
        )

    def test_a_sensitive_events_attendance_is_the_facilitators_only(self):
        """The facilitator sees the names; hr, eap_admin, the member and the outsider get
        404 on the attendance page, the QR page and the export."""
        urls = [
            reverse("events:attendance", args=[self.group.uuid]),
            reverse("events:check_in_qr", args=[self.group.uuid, self.group_session.pk]),
            reverse("events:hours_export", args=[self.group.uuid, "csv"]),
        ]
        self.login(self.facilitator)
        self.assertContains(self.client.get(urls[0]), "王小美")
        for person in (self.hr, self.eap_admin, self.alice, self.outsider):
            self.login(person)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, (person, url))
        self.login(self.hr)
        issue = reverse("events:certificates_issue", args=[self.group.uuid])
        self.assertEqual(self.client.post(issue).status_code, 404)

    def test_organisers_see_masked_counts_only(self):
        self.login(self.hr)
        response = self.client.get(reverse("events:attendance_counts", args=[self.group.uuid]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "王小美")
        self.assertIsNone(response.context["rows"][0]["present"])  # 1: "fewer than 5"
        self.assertContains(response, "少於 5")
        self.assertIsNone(response.context["completed"])
        self.assertFalse(response.context["full_view"])

    def test_the_member_sees_her_own_attendance(self):
        self.login(self.alice)
        page = self.client.get(reverse("events:detail", args=[self.group.uuid]))
        self.assertContains(page, "我的出席紀錄")
        self.assertContains(page, "出席")

    def test_an_open_events_attendance_is_also_the_organisers(self):
        self.login(self.eap_admin)
        self.assertContains(
            self.client.get(reverse("events:attendance", args=[self.event.uuid])), "王小美"
        )
        counts = self.client.get(reverse("events:attendance_counts", args=[self.event.uuid]))
        self.assertTrue(counts.context["full_view"])
