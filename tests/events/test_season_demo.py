"""The events demo data: a published season with registrations, added once; a year of
events held in a preset authority, for the staff of its demo agency."""

import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from anxin.events.demo import PRESET_YEAR, demo_events
from anxin.events.models import Event, Registration, Season
from anxin.people import demo
from anxin.people.models import Employee
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan
from anxin.plans.services import k_of

PRESET_STAFF = 24


@override_settings(
    ANXIN_DEMO=True,
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
)
class EventsDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=80)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            call_command("load_plan", "chiayi-105", verbosity=0)
            demo.demo_accounts()
            # A preset authority's demo agency, as the counselling demo makes it.
            cls.plan = ProgramPlan.objects.get(slug="chiayi-105")
            agency = orgunit_create(
                name="員工協助示範機關", kind="agency", parent=cls.plan.authority
            )
            units = [
                orgunit_create(name=name, kind="unit", parent=agency)
                for name in ("第一科", "第二科", "人事室")
            ]
            for n in range(PRESET_STAFF):
                Employee.objects.create(
                    authority=cls.plan.authority, unit=units[n % 3], number=f"CHI{n:04d}",
                    name=f"員工{n}", birth_date=date(1980, 1, 1), hire_date=date(2010, 1, 1),
                )  # fmt: skip
            cls.summary = demo_events()

    def test_it_publishes_a_season_with_a_full_event_and_a_lottery(self):
        season = Season.objects.get()
        self.assertEqual(season.owner_unit.code, demo.AUTHORITY_CODE)
        self.assertGreaterEqual(self.summary.events, 20)
        self.assertFalse(season.events.filter(status="draft").exists())
        full = Event.objects.filter(registrations__status="waitlisted").distinct().get()
        self.assertEqual(full.registrations.filter(status="registered").count(), full.capacity)
        self.assertTrue(
            Registration.objects.filter(
                event=full, employee__user__username="demo-employee"
            ).exists()
        )
        self.assertTrue(
            Event.objects.filter(allocation="lottery", registrations__status="applied").exists()
        )

    def test_it_adds_nothing_the_second_time(self):
        before = (Event.objects.count(), Registration.objects.count())
        demo_events()
        self.assertEqual((Event.objects.count(), Registration.objects.count()), before)

    def test_a_past_class_holds_attendance_and_certificates_of_those_who_completed(self):
        from anxin.events.attendance.models import Attendance, Certificate
        from anxin.events.demo import PAST_EXCEPTIONS, PAST_TITLE

        past = Event.objects.get(title=PAST_TITLE, owner_unit__code=demo.AUTHORITY_CODE)
        self.assertLess(past.sessions.order_by("-ends_at").first().ends_at, timezone.now())
        registered = past.registrations.filter(status="registered").count()
        self.assertEqual(
            self.summary.attended, Attendance.objects.filter(session__event=past).count()
        )
        self.assertTrue(Attendance.objects.filter(session__event=past, status="late").exists())
        self.assertTrue(Attendance.objects.filter(session__event=past, status="partial").exists())
        # Those absent from two of three meetings miss the 75 % rule; everyone else completes.
        missed = sum(
            1
            for index, marks in PAST_EXCEPTIONS.items()
            if index < registered and [m for m, _ in marks].count("absent") >= 2
        )
        self.assertGreater(missed, 0)
        certificates = Certificate.objects.filter(registration__event=past)
        self.assertEqual(certificates.count(), registered - missed)
        self.assertEqual(self.summary.certificates, certificates.count())
        self.assertTrue(
            certificates.filter(registration__employee__user__username="demo-employee").exists()
        )

    def test_a_preset_authority_held_a_year_of_events_with_attendance(self):
        from anxin.events.attendance.models import Attendance, Certificate

        held = Event.objects.filter(owner_unit=self.plan.authority)
        self.assertEqual(held.count(), len(PRESET_YEAR))
        self.assertEqual(
            (self.summary.held, self.summary.preset_authorities), (len(PRESET_YEAR), 1)
        )
        today = timezone.localdate()
        for event in held:
            with self.subTest(event=event.title):
                self.assertEqual(event.status, Event.Status.PUBLISHED)
                self.assertEqual(event.audience_unit.name, "員工協助示範機關")
                self.assertIn(self.plan.authority.name, event.sessions.first().place)
                ends = timezone.localtime(event.sessions.order_by("ends_at").last().ends_at)
                # Held this year, its feedback (two weeks) closed since.
                self.assertEqual(ends.year, today.year)
                self.assertLessEqual(ends.date(), today - timedelta(weeks=3))
                attended = Attendance.objects.filter(session__event=event)
                people = attended.values("registration__employee").distinct().count()
                self.assertGreaterEqual(people, 2 * k_of(self.plan))
        self.assertEqual(self.summary.held_attended, Attendance.objects.filter(
            session__event__owner_unit=self.plan.authority
        ).count())  # fmt: skip
        self.assertTrue(
            Certificate.objects.filter(registration__event__owner_unit=self.plan.authority)
        )
