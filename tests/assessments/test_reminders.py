"""Self-test reminders at the plan's cadence (issue 5 item 8)."""

from datetime import datetime, timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from anxin.assessments.models import SelfTestReminder
from anxin.assessments.services import reminders_due, reminders_send, self_test_submit
from anxin.core.due import run_due
from anxin.core.models import Notification
from anxin.plans.loader import load_preset
from tests.assessments.base import SelfTestCase, bsrs5
from tests.base import make_employee, make_user

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def at(year: int, month: int, day: int) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 9, 0))


@override_settings(TASKS=IMMEDIATE_TASKS)
class RemindersTestCase(SelfTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = load_preset("taipei-114")
        cls.plan.config["self_test"]["cadence_months"] = 3
        cls.plan.save(update_fields=["config"])
        cls.alice.email = "alice@example.com"
        cls.alice.save(update_fields=["email"])

    def due_names(self, now: datetime) -> set[str]:
        return set(reminders_due(plan=self.plan, now=now).values_list("number", flat=True))

    def test_it_reminds_whoever_has_not_taken_a_test_within_the_cadence(self):
        """Never tested, never reminded: due. A test within three months: not due; three
        months and a day after it: due again."""
        self.assertIn("E0001", self.due_names(at(2026, 5, 1)))
        self_test_submit(
            employee=self.alice_employee,
            instrument=self.bsrs5,
            answers=bsrs5((0, 0, 0, 0, 0)),
            actor=self.alice,
        )
        taken = timezone.now()
        self.assertNotIn("E0001", self.due_names(taken + timedelta(days=80)))
        self.assertIn("E0001", self.due_names(taken + timedelta(days=93)))

    def test_it_sends_once_by_inbox_and_e_mail_without_any_result(self):
        now = at(2026, 11, 24)
        with self.captureOnCommitCallbacks(execute=True):
            sent = reminders_send(now=now)
        self.assertGreaterEqual(sent, 1)
        note = Notification.objects.get(recipient=self.alice)
        self.assertEqual(note.url, "/self-tests/")
        self.assertIn("3", note.body)
        self.assertEqual(
            [m.to for m in mail.outbox if "alice@example.com" in m.to], [["alice@example.com"]]
        )
        # A second run the same day (or within the cadence) reminds nobody again.
        self.assertEqual(reminders_send(now=now + timedelta(hours=2)), 0)
        self.assertEqual(reminders_send(now=now + timedelta(days=60)), 0)
        self.assertEqual(Notification.objects.filter(recipient=self.alice).count(), 1)
        self.assertIsNotNone(
            SelfTestReminder.objects.get(employee=self.alice_employee).last_sent_at
        )

    def test_the_employee_can_turn_it_off_and_on(self):
        self.login(self.alice)
        page = self.client.get("/self-tests/")
        self.assertContains(page, 'name="enabled"')
        self.assertContains(page, "checked")
        response = self.client.post("/self-tests/reminder/", {})
        self.assertRedirects(response, "/self-tests/")
        self.assertFalse(SelfTestReminder.objects.get(employee=self.alice_employee).enabled)
        self.assertNotIn("E0001", self.due_names(at(2026, 11, 24)))
        self.assertNotContains(self.client.get("/self-tests/"), "checked")
        self.client.post("/self-tests/reminder/", {"enabled": "on"})
        self.assertIn("E0001", self.due_names(at(2026, 11, 24)))

    def test_it_skips_people_the_plan_does_not_serve_or_without_an_account(self):
        teacher = make_employee(
            make_user("teacher"), unit=self.unit, number="E0100", name="林老師",
            staff_category="teacher",
        )  # fmt: skip
        self.assertFalse(self.plan.serves_category(teacher.staff_category))
        no_account = make_employee(None, unit=self.unit, number="E0101", name="張先生")
        inactive_user = make_user("gone")
        inactive_user.is_active = False
        inactive_user.save(update_fields=["is_active"])
        make_employee(inactive_user, unit=self.unit, number="E0102", name="李小姐")
        names = self.due_names(at(2026, 11, 24))
        self.assertIn("E0001", names)
        self.assertNotIn(teacher.number, names)
        self.assertNotIn(no_account.number, names)
        self.assertNotIn("E0102", names)

    def test_a_plan_without_a_cadence_reminds_nobody(self):
        del self.plan.config["self_test"]["cadence_months"]
        self.plan.save(update_fields=["config"])
        self.assertEqual(reminders_send(now=at(2026, 11, 24)), 0)
        self.login(self.alice)
        self.assertNotContains(self.client.get("/self-tests/"), 'name="enabled"')

    def test_run_due_sends_them(self):
        outcomes = {o.name: o for o in run_due(at(2026, 11, 24))}
        self.assertEqual(outcomes["self_test_reminders"].status, "ran")
        self.assertTrue(Notification.objects.filter(recipient=self.alice).exists())

    def test_the_due_query_count_does_not_grow_with_employees(self):
        for n in range(30):
            make_employee(make_user(f"staff{n}"), unit=self.unit, number=f"E1{n:03d}", name="某人")
        with self.assertNumQueries(1):
            self.assertGreater(len(self.due_names(at(2026, 11, 24))), 30)

    def test_the_reminder_setting_refuses_get_and_other_roles(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/self-tests/reminder/").status_code, 405)
        self.login(self.hr)
        self.assertEqual(self.client.post("/self-tests/reminder/", {}).status_code, 403)
