"""The lottery: everyone who registers before closing applies; after closing the run-due
job draws the places at random, with the seed and the order kept (decision 0011)."""

from collections import Counter
from datetime import timedelta

from django.core import mail
from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from anxin.core.due import registry, run_due
from anxin.core.models import DueRun, Notification
from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.models import Event, Registration
from tests.base import make_employee, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


class DrawOrderTests(SimpleTestCase):
    def test_the_order_is_repeatable_from_the_seed(self):
        self.assertEqual(
            services.draw_order([5, 3, 9, 1], "abc"), services.draw_order([1, 3, 5, 9], "abc")
        )
        self.assertEqual(sorted(services.draw_order([5, 3, 9, 1], "abc")), [1, 3, 5, 9])

    def test_each_applicant_has_the_same_chance(self):
        """3 places among 10 applicants over 3,000 seeds: each wins about 30% of draws."""
        wins = Counter()
        for n in range(3000):
            wins.update(services.draw_order(range(10), f"seed-{n}")[:3])
        for applicant in range(10):
            self.assertAlmostEqual(wins[applicant] / 3000, 0.3, delta=0.04)


@override_settings(TASKS=IMMEDIATE_TASKS)
class LotteryTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.staff = [cls.alice_employee]
        for n in range(7):
            user = make_user(f"lot{n}", email=f"lot{n}@example.gov.tw")
            cls.staff.append(make_employee(user, unit=cls.unit, number=f"L{n:03}", name=f"同仁{n}"))

    def setUp(self):
        self.closes = timezone.now() + timedelta(days=5)
        self.event = make_event(
            self.eap_admin, self.authority, publish=True, capacity=3, allocation="lottery",
            registration_closes_at=self.closes,
        )  # fmt: skip
        self.applications = [
            services.registration_create(event=self.event, employee=e, actor=e.user)
            for e in self.staff
        ]
        Notification.objects.all().delete()
        mail.outbox.clear()

    def after_closing(self):
        return self.closes + timedelta(minutes=1)

    def test_everyone_before_closing_applies(self):
        self.assertEqual({r.status for r in self.applications}, {"applied"})

    def test_the_draw_fills_exactly_the_capacity_in_the_recorded_order(self):
        result = services.lottery_draw(event=self.event, now=self.after_closing())
        self.assertEqual((result.registered, result.waitlisted), (3, 5))
        self.event.refresh_from_db()
        self.assertEqual(self.event.lottery_seed, result.seed)
        rows = list(Registration.objects.filter(event=self.event).order_by("draw_position"))
        self.assertEqual(
            [r.pk for r in rows], services.draw_order([r.pk for r in rows], result.seed)
        )
        self.assertEqual([r.status for r in rows], ["registered"] * 3 + ["waitlisted"] * 5)
        self.assertEqual([r.draw_position for r in rows], list(range(1, 9)))

    def test_everyone_is_told_without_saying_why(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.lottery_draw(event=self.event, now=self.after_closing())
        self.assertEqual(Notification.objects.count(), 8)
        self.assertEqual(len(mail.outbox), 7)  # Alice's account has no address
        winners = Registration.objects.filter(event=self.event, status="registered")
        for registration in winners:
            notice = Notification.objects.get(recipient=registration.employee.user)
            self.assertIn(str(self.event.uuid), notice.url)

    def test_a_sensitive_event_is_drawn_without_its_title_in_the_notice(self):
        event = make_event(
            self.eap_admin, self.authority, publish=True, capacity=1, allocation="lottery",
            registration_closes_at=self.closes, title="家庭照顧者團體", audience_declared=["carer"],
        )  # fmt: skip
        from anxin.people.services import declaration_save

        declaration_save(
            employee=self.alice_employee, attributes=["carer"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        Notification.objects.all().delete()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.lottery_draw(event=event, now=self.after_closing())
        notice = Notification.objects.get(recipient=self.alice)
        self.assertNotIn("家庭照顧", notice.subject + notice.body)
        for message in mail.outbox:
            self.assertNotIn("家庭照顧", message.subject + message.body)

    def test_drawing_twice_changes_nothing(self):
        services.lottery_draw(event=self.event, now=self.after_closing())
        before = list(Registration.objects.values_list("pk", "status", "draw_position"))
        self.assertIsNone(services.lottery_draw(event=self.event, now=self.after_closing()))
        self.assertEqual(
            list(Registration.objects.values_list("pk", "status", "draw_position")), before
        )
        self.assertEqual(Notification.objects.count(), 8)

    def test_it_refuses_to_draw_before_closing(self):
        with self.assertRaises(Refused) as raised:
            services.lottery_draw(event=self.event, now=self.closes - timedelta(minutes=1))
        self.assertEqual(raised.exception.code, "lottery_not_closed")
        self.assertFalse(Registration.objects.exclude(status="applied").exists())

    def test_registration_after_closing_is_refused(self):
        late = make_employee(make_user("late"), unit=self.unit, number="L999", name="晚到")
        with self.assertRaises(Refused) as raised:
            services.registration_create(
                event=self.event, employee=late, actor=late.user, now=self.after_closing()
            )
        self.assertEqual(raised.exception.code, "closed")

    def test_a_cancellation_after_the_draw_promotes_in_drawn_order(self):
        services.lottery_draw(event=self.event, now=self.after_closing())
        drawn = list(Registration.objects.filter(event=self.event).order_by("draw_position"))
        services.registration_cancel(registration=drawn[1])
        services.registration_cancel(registration=drawn[0])
        statuses = dict(Registration.objects.values_list("draw_position", "status"))
        self.assertEqual(
            statuses,
            {1: "cancelled", 2: "cancelled", 3: "registered", 4: "registered", 5: "registered",
             6: "waitlisted", 7: "waitlisted", 8: "waitlisted"},
        )  # fmt: skip

    def test_the_run_due_job_draws_once(self):
        """`anxin run-due` after closing draws the event; a later run changes nothing."""
        self.assertIn(
            "draw_event_lotteries", [o.name for o in run_due(self.closes - timedelta(days=1))]
        )
        self.assertFalse(Registration.objects.exclude(status="applied").exists())
        DueRun.objects.filter(name="draw_event_lotteries").update(last_run_at=None)
        outcomes = {o.name: o for o in run_due(self.after_closing())}
        self.assertEqual(outcomes["draw_event_lotteries"].summary, "drew 1 lottery(ies)")
        self.assertEqual(Registration.objects.filter(status="registered").count(), 3)
        before = list(Registration.objects.values_list("pk", "status", "draw_position"))
        DueRun.objects.filter(name="draw_event_lotteries").update(last_run_at=None)
        outcomes = {o.name: o for o in run_due(self.after_closing() + timedelta(hours=1))}
        self.assertEqual(outcomes["draw_event_lotteries"].summary, "drew 0 lottery(ies)")
        self.assertEqual(
            list(Registration.objects.values_list("pk", "status", "draw_position")), before
        )
        self.assertIn("draw_event_lotteries", registry.jobs)

    def test_the_allocation_cannot_change_once_people_applied(self):
        self.login(self.eap_admin)
        response = self.client.post(
            reverse("events:edit", args=[self.event.uuid]),
            {"kind": "workshop", "title": "舒壓工作坊", "capacity": 3, "learning_hours": "3",
             "audience_unit": self.authority.pk, "allocation": "first_come",
             "registration_closes_at": timezone.localtime(self.closes).strftime("%Y-%m-%dT%H:%M"),
             "version": self.event.version},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors.as_data()["allocation"][0].code, "allocation_locked"
        )
        self.event.refresh_from_db()
        self.assertEqual(self.event.allocation, "lottery")

    def test_a_lottery_needs_a_closing_time(self):
        self.login(self.eap_admin)
        response = self.client.post(
            reverse("events:create"),
            {"kind": "talk", "title": "抽籤講座", "capacity": 5, "learning_hours": "1",
             "audience_unit": self.authority.pk, "allocation": "lottery"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.as_data()
        self.assertEqual(errors["registration_closes_at"][0].code, "lottery_needs_closing")
        self.assertEqual(Event.objects.filter(title="抽籤講座").count(), 0)

    def test_the_applicant_sees_the_draw_explained(self):
        self.login(self.alice)
        response = self.client.get(reverse("events:detail", args=[self.event.uuid]))
        self.assertContains(response, "抽籤")
