"""The demo's data tells one consistent story: every step run into a test database, then
nothing happens before what it follows from, the counsellor has a day and a week, and
the roster template imports as the demo's HR officer."""

import tempfile
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.db.models import F
from django.test import TestCase, override_settings
from django.utils import timezone

from anxin.core.demo import DemoRun, demo_steps
from anxin.counseling.booking.models import Appointment
from anxin.counseling.consent.models import ConsentRecord
from anxin.counseling.flows.models import FlowRun
from anxin.counseling.models import Case, SessionRecord
from anxin.events.attendance.models import Attendance, Certificate
from anxin.events.models import Event, Registration
from anxin.people import demo
from anxin.people.models import Employee, RoleAssignment, User
from anxin.people.roster import roster_import, template_csv, template_ods, template_xlsx

# Roles with nothing in the inbox on a first sign-in: the provider admin has last month's
# statement to check and the care worker a certificate (tested below). The committee
# member, the working circle's convener, was asked to approve its minutes (and has some
# waiting, tested below).
NOTHING_WAITING_YET = {"provider_admin", "care_worker"}


@override_settings(ANXIN_DEMO=True)
class DemoDataTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        from anxin.front.management.commands.demo import Command

        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=300)
            Command(stdout=StringIO(), stderr=StringIO()).load_plans()
            cls.accounts = demo.demo_accounts()
            run = DemoRun(stdout=StringIO(), stderr=StringIO(), accounts=cls.accounts)
            for step in demo_steps():
                step.func(run)

    def test_no_case_closes_before_it_opens(self):
        self.assertTrue(Case.objects.filter(closed_on__isnull=False).exists())
        for case in Case.objects.filter(closed_on__isnull=False):
            self.assertGreaterEqual(case.closed_on, timezone.localdate(case.opened_at), case.code)

    def test_no_case_opens_before_its_request_came_in(self):
        late = Case.objects.filter(request__received_at__gt=F("opened_at"))
        self.assertFalse(late.exists(), list(late.values_list("code", flat=True)))

    def test_no_session_before_its_case_or_after_it_closed(self):
        now = timezone.now()
        for record in SessionRecord.objects.select_related("case"):
            case = record.case
            self.assertGreaterEqual(record.held_at, case.opened_at, case.code)
            self.assertLessEqual(record.held_at, now, case.code)
            if case.closed_on:
                self.assertLessEqual(timezone.localdate(record.held_at), case.closed_on)

    def test_no_appointment_before_its_case(self):
        appointments = Appointment.objects.select_related("slot", "case")
        self.assertTrue(appointments.exists())
        for appointment in appointments:
            self.assertGreaterEqual(appointment.slot.starts_at, appointment.case.opened_at)
            self.assertGreaterEqual(appointment.booked_at, appointment.case.opened_at)
            self.assertLessEqual(appointment.booked_at, appointment.slot.starts_at)

    def test_no_consent_or_flow_before_its_case(self):
        for consent in ConsentRecord.objects.select_related("case"):
            self.assertGreaterEqual(consent.created_at, consent.case.opened_at)
        for run in FlowRun.objects.select_related("case").exclude(case=None):
            self.assertGreaterEqual(run.case.opened_at, run.started_at - timedelta(minutes=1))

    def test_no_registration_after_its_event_and_no_certificate_before_it(self):
        for registration in Registration.objects.select_related("event"):
            first = registration.event.sessions.order_by("starts_at").first()
            if first is not None:
                self.assertLess(registration.created_at, first.starts_at, registration.event)
            self.assertLessEqual(registration.event.published_at, registration.created_at)
        for event in Event.objects.exclude(published_at=None):
            self.assertLessEqual(event.created_at, event.published_at)
        self.assertTrue(Certificate.objects.exists())
        for certificate in Certificate.objects.select_related("registration__event"):
            last = certificate.registration.event.sessions.order_by("ends_at").last()
            self.assertGreaterEqual(certificate.issued_at, last.ends_at)
        for attendance in Attendance.objects.select_related("session"):
            self.assertLessEqual(attendance.session.starts_at, timezone.now())

    def test_the_counsellor_has_appointments_today_and_this_week(self):
        today = timezone.localdate()
        mine = Appointment.objects.filter(slot__counselor__username="demo-counselor")
        self.assertGreaterEqual(mine.filter(slot__starts_at__date=today).count(), 2)
        week_end = today + timedelta(days=6 - today.weekday())
        in_week = mine.filter(slot__starts_at__date__range=(today, week_end))
        self.assertGreaterEqual(in_week.count(), 3)

    def test_the_demo_hr_officer_imports_the_roster_template_as_it_is(self):
        hr = RoleAssignment.objects.get(user__username="demo-hr", role="hr")
        writers = ((template_csv, "t.csv"), (template_xlsx, "t.xlsx"), (template_ods, "t.ods"))
        for writer, name in writers:
            outcome = roster_import(data=writer(), filename=name, scope=hr.scope)
            self.assertTrue(outcome.applied, [e.message for e in outcome.errors])
            self.assertEqual(outcome.rows, 6)
        self.assertEqual(Employee.objects.filter(number__startswith="A000").count(), 6)
        # No demo sign-in is lost by it.
        for account in self.accounts:
            self.assertTrue(User.objects.get(username=account.username).is_active, account)

    def test_every_role_finds_something_waiting_on_its_first_sign_in(self):
        """Each demo sign-in's home shows unread messages (the in-app copy of the demo's
        mail); the auditor has disclosures, emergency reads and refused reads to review,
        the supervisor a flow and group requests of the unit."""
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        for account in [a for a in self.accounts if a.role not in NOTHING_WAITING_YET]:
            with self.subTest(role=account.role):
                user = User.objects.get(username=account.username)
                self.client.force_login(user)
                device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                if device is not None:
                    session = self.client.session
                    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                    session.save()
                response = self.client.get("/")
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["unread"], account.username)

    def test_the_auditor_and_the_supervisor_have_work_waiting(self):
        from anxin.core.models import AccessLog
        from anxin.counseling.consent.models import Disclosure
        from anxin.counseling.flows.models import EmergencyAccess
        from anxin.counseling.flows.services import PURPOSE_BREAK_GLASS
        from anxin.counseling.providers.models import GroupRequest

        self.assertTrue(Disclosure.objects.exists())
        self.assertTrue(EmergencyAccess.objects.exists())
        self.assertTrue(AccessLog.objects.filter(purpose=PURPOSE_BREAK_GLASS).exists())
        self.assertTrue(AccessLog.objects.filter(outcome=AccessLog.Outcome.DENIED).exists())
        supervisor = User.objects.get(username="demo-supervisor")
        self.assertTrue(FlowRun.objects.filter(started_by=supervisor).exists())
        self.assertEqual(GroupRequest.objects.filter(requested_by=supervisor).count(), 2)

    def test_the_provider_admin_has_a_statement_and_the_care_worker_a_certificate(self):
        from anxin.counseling.providers.models import ProviderAdmin
        from anxin.counseling.providers.services import statement_for

        admin = ProviderAdmin.objects.get(user__username="demo-provider-admin")
        last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
        statement = statement_for(
            provider=admin.provider, year=last_month.year, month=last_month.month
        )
        self.assertGreater(statement.count, 0)
        self.assertTrue(
            Certificate.objects.filter(
                registration__employee__user__username="demo-care-worker"
            ).exists()
        )

    def test_the_committee_member_has_minutes_to_approve_on_the_home_page(self):
        from django.urls import reverse
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from anxin.governance.models import Meeting
        from anxin.governance.services import convener_accounts

        committee = User.objects.get(username=demo.username_for("committee"))
        (meeting,) = Meeting.objects.filter(minutes_status=Meeting.Minutes.SUBMITTED)
        self.assertEqual(convener_accounts(meeting.body), [committee])
        self.assertLess(meeting.held_on, timezone.localdate())
        self.client.force_login(committee)
        session = self.client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(
            user=committee, confirmed=True
        ).persistent_id
        session.save()
        link = reverse("governance:meeting_detail", args=[meeting.pk])
        home = self.client.get("/")
        self.assertContains(home, "待您核定的會議紀錄")
        self.assertContains(home, link)
        self.assertContains(self.client.get(reverse("governance:meetings")), link)

    def test_every_plan_has_its_dashboard_and_dossier_with_the_demo_figures(self):
        """Issue 16: every preset's dashboard and dossier come out of the demo, in the three
        formats, with its services' figures (not hidden by k): counselling, events held and
        their feedback, survey responses and satisfaction, self-test takers."""
        import io

        from django.utils import translation
        from odf import opendocument, teletype

        from anxin.plans.models import ProgramPlan
        from anxin.plans.services import k_of
        from anxin.reports.dossier import dossier_build, dossier_ods, dossier_odt, dossier_pdf
        from tests.pdf_tools import pdf_text

        year = timezone.localdate().year
        plans = ProgramPlan.objects.select_related("authority").order_by("slug")
        self.assertGreaterEqual(plans.count(), 5)  # the four presets and the demo's own
        with translation.override("zh-hant"):
            for plan in plans:
                with self.subTest(plan=plan.slug):
                    dossier = dossier_build(authority=plan.authority, year=year)
                    texts = [
                        pdf_text(dossier_pdf(dossier)),
                        teletype.extractText(
                            opendocument.load(io.BytesIO(dossier_ods(dossier))).spreadsheet
                        ),
                        teletype.extractText(
                            opendocument.load(io.BytesIO(dossier_odt(dossier))).text
                        ),
                    ]
                    for text in texts:
                        self.assertIn("諮商申請件數", text)
                    # The dossier's board is the plan's dashboard: its k, by quarter.
                    board = dossier.board
                    self.assertEqual((board.k, board.period), (k_of(plan), "quarter"))
                    for key in (
                        "requests", "cases", "sessions", "participants", "response_rates",
                        "selftest_takers", "event_satisfaction", "survey_satisfaction",
                    ):  # fmt: skip
                        total = board.indicator(key).tables[0].total
                        self.assertFalse(total.suppressed, key)
                        self.assertGreater(total.count, 0, key)
                        for text in texts:
                            self.assertIn(board.indicator(key).title, text)
