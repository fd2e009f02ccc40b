"""The counselling demo data: every plan's service in use, added once."""

import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from anxin.counseling.booking.models import Appointment, Room
from anxin.counseling.demo import _this_week, demo_counselling
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.people import demo
from anxin.people.models import RoleAssignment
from anxin.plans.models import ProgramPlan
from tests.counseling.base import CounselingTestCase


@override_settings(ANXIN_DEMO=True)
class CounsellingDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=60)
            call_command("load_plan", "--all", verbosity=0)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            cls.summary = demo_counselling()

    def test_it_runs_a_service_for_every_plan(self):
        plans = ProgramPlan.objects.all()
        self.assertEqual(set(self.summary.plans), set(plans.values_list("slug", flat=True)))
        for plan in plans:
            cases = Case.objects.filter(plan=plan)
            self.assertTrue(cases.filter(closed_on__isnull=True).exists(), plan.slug)
            self.assertTrue(cases.filter(closed_on__isnull=False).exists(), plan.slug)
            self.assertTrue(
                CounsellingRequest.objects.filter(plan=plan, status="waiting").exists(), plan.slug
            )
            self.assertTrue(SessionRecord.objects.filter(case__plan=plan).exists(), plan.slug)
            # Each case belongs to an employee of the plan's own authority.
            self.assertFalse(cases.exclude(employee__authority=plan.authority).exists())

    def test_it_fills_the_station_hotline_and_bookings(self):
        from anxin.counseling.booking.models import Appointment
        from anxin.counseling.station.models import HotlineCall, StationThread

        for plan in ProgramPlan.objects.all():
            kinds = {channel.kind for channel in plan.channels}
            threads = StationThread.objects.filter(plan=plan)
            if "email_station" in kinds:
                self.assertTrue(threads.filter(risk_flag=True).exists(), plan.slug)
                self.assertTrue(threads.filter(employee__isnull=True).exists(), plan.slug)
                self.assertTrue(threads.filter(due_at__lt=timezone.now()).exists(), plan.slug)
            else:
                self.assertFalse(threads.exists(), plan.slug)
            if "hotline" in kinds:
                self.assertTrue(HotlineCall.objects.filter(plan=plan).exists(), plan.slug)
            self.assertTrue(Appointment.objects.filter(case__plan=plan).exists(), plan.slug)
        self.assertGreater(self.summary.threads, 0)

    def test_each_plan_has_a_provider_with_a_statement_and_a_flow(self):
        from anxin.counseling.flows.models import FlowRun
        from anxin.counseling.providers.models import Provider, ProviderAdmin
        from anxin.counseling.providers.services import statement_for

        last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
        for plan in ProgramPlan.objects.all():
            provider = Provider.objects.get(authority=plan.authority)
            statement = statement_for(
                provider=provider, year=last_month.year, month=last_month.month
            )
            self.assertEqual(statement.count, 4, plan.slug)
            self.assertGreater(statement.amount, 0, plan.slug)
            self.assertTrue(FlowRun.objects.filter(plan=plan).exists(), plan.slug)
        admin = ProviderAdmin.objects.get(user__username=demo.username_for("provider_admin"))
        self.assertEqual(admin.provider.authority.code, demo.AUTHORITY_CODE)

    def test_the_demo_staff_work_in_every_authority(self):
        counselor = demo.username_for("counselor")
        for plan in ProgramPlan.objects.select_related("authority"):
            self.assertTrue(
                RoleAssignment.objects.filter(
                    user__username=counselor, role="counselor", scope=plan.authority
                ).exists(),
                plan.slug,
            )

    def test_the_demo_employee_has_a_case(self):
        self.assertTrue(
            Case.objects.filter(employee__user__username=demo.username_for("employee")).exists()
        )

    def test_a_second_run_adds_nothing(self):
        counts = (CounsellingRequest.objects.count(), SessionRecord.objects.count())
        again = demo_counselling()
        self.assertEqual(again.plans, [])
        self.assertEqual(
            (CounsellingRequest.objects.count(), SessionRecord.objects.count()), counts
        )


class ThisWeekLateAtNightTestCase(CounselingTestCase):
    def test_a_demo_built_after_23_00_still_gives_the_counsellor_a_day(self):
        """Today's times already past are booked first a little later tonight and moved back
        to their hour; from 23:00 that later time had passed too and today stayed empty."""
        Room.objects.create(authority=self.authority, name="諮商室一", location="行政大樓3樓")
        today = timezone.localdate()
        late = timezone.make_aware(datetime.combine(today, time(23, 50)))
        summary = SimpleNamespace(appointments=0)
        with mock.patch("django.utils.timezone.now", return_value=late):
            _this_week(self.plan, [self.make_case()], self.counselor, today, summary)
        starts = [
            timezone.localtime(a.slot.starts_at)
            for a in Appointment.objects.filter(slot__counselor=self.counselor)
        ]
        self.assertEqual(sorted(s.hour for s in starts if s.date() == today), [9, 14, 16], starts)
        self.assertEqual(summary.appointments, len(starts))
