"""Services made from the plan's channels and slots cut from their weekly rules:
idempotent, a few weeks ahead, past times skipped; the due job keeps them ahead."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from anxin.plans.documents import PlanFileError
from anxin.plans.loader import parse_plan_text, preset_path, validate_document
from anxin.resources.advice import due
from anxin.resources.advice.models import AdviceRule, AdviceService, AdviceSlot
from anxin.resources.advice.services import advice_services_from_plan, slots_generate
from tests.resources.advice_base import AdviceTestCase


class AdviceSlotsTests(AdviceTestCase):
    def test_it_makes_the_plans_services_once_with_the_channel_schedule(self):
        self.assertEqual(advice_services_from_plan(plan=self.plan), 2)
        self.assertEqual(advice_services_from_plan(plan=self.plan), 0)
        legal = AdviceService.objects.get(plan=self.plan, channel_key="legal_advice")
        self.assertEqual(legal.name, "法律扶助諮詢")
        self.assertEqual(legal.source, "002 §伍.三.(二).1")
        rules = sorted((r.weekday, r.start, r.end, r.place) for r in legal.rules.all())
        self.assertEqual(
            rules,
            [
                (0, time(9, 30), time(12), "本府六樓第一會議室"),
                (2, time(9, 30), time(12), "本市西區區公所三樓禮堂"),
                (4, time(9, 30), time(12), "本府六樓第一會議室"),
            ],
        )
        # The tax counter has no hours in the seed: a service without a timetable.
        tax = AdviceService.objects.get(plan=self.plan, channel_key="tax_counter")
        self.assertFalse(tax.rules.exists())

    def test_it_leaves_a_service_the_administrator_changed(self):
        advice_services_from_plan(plan=self.plan)
        legal = AdviceService.objects.get(plan=self.plan, channel_key="legal_advice")
        legal.rules.all().delete()
        legal.name = "法律諮詢（律師）"
        legal.save()
        advice_services_from_plan(plan=self.plan)
        legal.refresh_from_db()
        self.assertEqual(legal.name, "法律諮詢（律師）")
        self.assertFalse(legal.rules.exists())

    def test_it_cuts_whole_slots_from_the_weekly_rules_once(self):
        service = AdviceService.objects.create(plan=self.plan, name="x", slot_minutes=30)
        AdviceRule.objects.create(
            service=service, weekday=2, start=time(9, 30), end=time(12), place="西區區公所"
        )
        start = date(2030, 1, 7)  # a Monday
        now = timezone.make_aware(datetime(2030, 1, 1))
        made = slots_generate(service=service, start=start, days=14, now=now)
        # Two Wednesdays, 9:30–12:00 in 30 minutes: five slots each.
        self.assertEqual(made, 10)
        self.assertEqual(slots_generate(service=service, start=start, days=14, now=now), 0)
        first = service.slots.order_by("starts_at").first()
        self.assertEqual(timezone.localtime(first.starts_at).time(), time(9, 30))
        self.assertEqual(first.place, "西區區公所")
        self.assertEqual(timezone.localtime(first.starts_at).weekday(), 2)

    def test_it_drops_a_part_slot_at_the_end(self):
        service = AdviceService.objects.create(plan=self.plan, name="x", slot_minutes=45)
        AdviceRule.objects.create(
            service=service, weekday=0, start=time(9, 30), end=time(12), place="p"
        )
        now = timezone.make_aware(datetime(2030, 1, 1))
        self.assertEqual(
            slots_generate(service=service, start=date(2030, 1, 7), days=1, now=now), 3
        )

    def test_it_skips_times_already_begun(self):
        service = AdviceService.objects.create(plan=self.plan, name="x", slot_minutes=30)
        AdviceRule.objects.create(
            service=service, weekday=0, start=time(9), end=time(11), place="p"
        )
        day = date(2030, 1, 7)
        now = timezone.make_aware(datetime.combine(day, time(10)))
        self.assertEqual(slots_generate(service=service, start=day, days=1, now=now), 1)

    def test_it_cuts_nothing_for_a_service_no_longer_offered(self):
        service = AdviceService.objects.create(
            plan=self.plan, name="x", slot_minutes=30, is_active=False
        )
        AdviceRule.objects.create(
            service=service, weekday=0, start=time(9), end=time(11), place="p"
        )
        now = timezone.make_aware(datetime(2030, 1, 1))
        self.assertEqual(
            slots_generate(service=service, start=date(2030, 1, 7), days=7, now=now), 0
        )

    def test_the_due_job_keeps_the_plans_weeks_ahead_and_is_safe_twice(self):
        now = timezone.now()
        before = AdviceSlot.objects.count()
        summary = due.advice_slots(now=now)
        self.assertIn("made 2 advice service(s)", summary)
        legal = AdviceService.objects.get(plan=self.plan, channel_key="legal_advice")
        slots = legal.slots.all()
        # Two weeks (weeks_ahead: 2) of Mondays, Wednesdays and Fridays: 6 days × 5 slots,
        # less those of today already begun.
        self.assertGreaterEqual(slots.count(), 25)
        self.assertLessEqual(slots.count(), 35)
        latest = max(slot.starts_at for slot in slots)
        self.assertLess(latest, now + timedelta(days=15))
        after = AdviceSlot.objects.count()
        self.assertGreater(after, before)
        self.assertEqual(due.advice_slots(now=now), "made 0 advice service(s), 0 slot(s)")
        self.assertEqual(AdviceSlot.objects.count(), after)

    def test_the_plan_loader_refuses_an_advice_service_that_is_no_channel(self):
        text = preset_path("chiayi-105").read_text(encoding="utf-8")
        text = text.replace(
            "services: [legal_advice, tax_counter]", "services: [legal_advice, lawyer]"
        )
        document = parse_plan_text(text, "chiayi-105.yaml")
        with self.assertRaises(PlanFileError) as caught:
            validate_document(document)
        self.assertIn("no channel 'lawyer'", str(caught.exception.errors))
