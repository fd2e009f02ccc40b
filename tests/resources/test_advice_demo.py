"""The demo's booked advice: Chiayi's legal advice on the demo plan, times on Mondays,
Wednesdays and Fridays only, the demo employee among those who booked, one line."""

import tempfile
from io import StringIO
from pathlib import Path

from django.test import TestCase, override_settings
from django.utils import timezone

from anxin.core.demo import DemoRun
from anxin.people import demo
from anxin.resources.advice.demo import advice_step
from anxin.resources.advice.models import AdviceBooking, AdviceService
from anxin.resources.directory.demo import directory_step


@override_settings(ANXIN_DEMO=True)
class AdviceDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from anxin.front.management.commands.demo import Command

        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=120)
            Command(stdout=StringIO(), stderr=StringIO()).load_plans()
            demo.demo_accounts()

    def test_it_books_advice_and_says_so_in_one_line(self):
        line = advice_step(DemoRun(stdout=StringIO(), stderr=StringIO()))
        self.assertEqual(len(line.splitlines()), 1)
        self.assertTrue(line.startswith("Advice: 法律扶助諮詢"), line)
        service = AdviceService.objects.get(channel_key="legal_advice", plan__slug="fanli-demo")
        self.assertEqual(service.advisers.get().username, "demo-counselor")
        days = {timezone.localtime(slot.starts_at).weekday() for slot in service.slots.all()}
        self.assertLessEqual(days, {0, 2, 4})
        bookings = AdviceBooking.objects.filter(slot__service=service)
        self.assertGreaterEqual(bookings.count(), 2)
        self.assertTrue(bookings.filter(employee__user__username="demo-employee").exists())

    def test_the_service_is_linked_to_the_directorys_entry(self):
        run = DemoRun(stdout=StringIO(), stderr=StringIO())
        directory_step(run)
        advice_step(run)
        service = AdviceService.objects.get(channel_key="legal_advice", plan__slug="fanli-demo")
        self.assertEqual(service.entry.name, "法律扶助諮詢")
        self.assertEqual(service.entry.authority_id, service.plan.authority_id)
