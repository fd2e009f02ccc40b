"""The events demo data: a published season with registrations, added once."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

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
