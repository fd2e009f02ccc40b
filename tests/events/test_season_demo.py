"""The events demo data: a published season with registrations, added once."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from anxin.events.demo import demo_events
from anxin.events.models import Event, Registration, Season
from anxin.people import demo


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
            demo.demo_accounts()
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

        past = Event.objects.get(title=PAST_TITLE)
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
