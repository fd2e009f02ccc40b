"""The closing answer's reminder and lapse (decision 0079): once the case has closed, the
employee is reminded once after the plan's days (14 by default), by inbox and e-mail with
no score, answer or case in either; after the plan's limit (60 days) the request lapses:
the request to answer leaves the employee's page and nothing is counted."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import TransactionTestCase
from django.utils import timezone

from anxin.assessments.services import instruments_load
from anxin.core.due import run_due
from anxin.core.models import Notification
from anxin.counseling import services
from anxin.counseling.outcomes.due import outcome_reminders
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally
from anxin.counseling.outcomes.services import outcome_remind, outcomes_due
from tests.base import give_role, make_employee, make_user
from tests.counseling.base import CounselingTestCase
from tests.counseling.test_races_parallel import race

ITEMS = ("cheerful", "calm", "active", "rested", "interest")
START = (1, 1, 1, 1, 3)  # 28


def answers(values) -> dict:
    return {key: str(value) for key, value in zip(ITEMS, values, strict=True)}


class ClosingReminderTests(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        instruments_load()
        super().setUpTestData()
        cls.alice.email = "alice@example.gov.tw"
        cls.alice.save(update_fields=["email"])

    def setUp(self):
        self.case = self.make_case()
        self.item = OutcomeMeasure.objects.get(case=self.case)
        self.url = f"/counselling/well-being/{self.item.uuid}/"
        self.login(self.alice)
        self.client.post(self.url, {**answers(START), "consent": "on"})
        self.case.refresh_from_db()
        services.case_close(
            case=self.case, outcome="resolved", closed_on=date.today(),
            expected_version=self.case.version,
        )  # fmt: skip
        self.item.refresh_from_db()
        self.asked = self.item.closing_asked_at
        mail.outbox.clear()

    def reminders(self):
        return Notification.objects.filter(recipient=self.alice, subject__contains="提醒")

    def test_the_close_records_when_the_answer_was_asked(self):
        self.assertEqual(self.item.status, OutcomeMeasure.Status.CLOSING)
        self.assertIsNotNone(self.asked)
        self.assertIsNone(self.item.reminded_at)

    def test_nothing_before_the_plans_days(self):
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=13, hours=23)), (0, 0))
        self.assertFalse(self.reminders().exists())

    def test_one_reminder_after_fourteen_days_without_clinical_content(self):
        with self.captureOnCommitCallbacks(execute=True):
            summary = outcome_reminders(now=self.asked + timedelta(days=14))
        self.assertEqual(summary, "reminded 1, lapsed 0 closing questionnaire(s)")
        note = self.reminders().get()
        self.assertEqual(note.url, "/counselling/my-requests/")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["alice@example.gov.tw"])
        lapse = timezone.localdate(self.asked + timedelta(days=60))
        for text in (note.subject + note.body, mail.outbox[0].subject + mail.outbox[0].body):
            self.assertIn(f"{lapse.year - 1911}年{lapse.month}月{lapse.day}日", text)
            for secret in ("分數", "WHO", self.case.code, str(self.counselor), "情緒", "睡"):
                self.assertNotIn(secret, text)
        # Later runs (the next day, run-due right after) send nothing more.
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=15)), (0, 0))
        self.assertEqual(self.reminders().count(), 1)

    def test_two_workers_send_one_reminder(self):
        """Both found the row due; the conditional UPDATE lets one claim it."""
        first = OutcomeMeasure.objects.select_related("case__plan", "case__employee__user").get(
            pk=self.item.pk
        )
        second = OutcomeMeasure.objects.select_related("case__plan", "case__employee__user").get(
            pk=self.item.pk
        )
        now = self.asked + timedelta(days=20)
        self.assertEqual([outcome_remind(item=x, now=now) for x in (first, second)], [True, False])
        self.assertEqual(self.reminders().count(), 1)

    def test_the_answer_after_the_reminder_completes_the_pair(self):
        outcomes_due(now=self.asked + timedelta(days=14))
        self.client.post(self.url, answers((4, 4, 4, 3, 4)))
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.COMPLETE)
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=61)), (0, 0))
        self.assertEqual(OutcomeTally.objects.get().pairs, 1)

    def test_after_sixty_days_the_request_lapses_and_nothing_is_counted(self):
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=59)), (1, 0))
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=60)), (0, 1))
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, OutcomeMeasure.Status.EXPIRED)
        # The request to answer leaves her page; the entry stays, so that she may still
        # withdraw her consent (and erase the start) from it.
        response = self.client.get("/counselling/my-requests/")
        self.assertNotContains(response, "填寫諮商結束時的幸福感量表")
        self.assertContains(response, "未於期限內填寫結案評量")
        response = self.client.get(self.url)
        self.assertNotContains(response, 'name="interest"')
        self.assertContains(response, "撤回同意並刪除我的答案")
        self.client.post(self.url, answers((4, 4, 4, 3, 4)))
        self.item.refresh_from_db()
        self.assertEqual((self.item.status, self.item.close), ("expired", ""))
        self.assertFalse(OutcomeTally.objects.exists())
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=90)), (0, 0))
        self.assertEqual(self.reminders().count(), 1)

    def test_the_plans_days_decide(self):
        self.plan.config["outcomes"] = {
            "instrument": "who5", "remind_after_days": 3, "lapse_after_days": 10,
            "source": "DESIGN.md",
        }  # fmt: skip
        self.plan.save(update_fields=["config"])
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=2)), (0, 0))
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=3)), (1, 0))
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=10)), (0, 1))

    def test_declined_and_complete_measures_are_never_reminded(self):
        self.item.status = OutcomeMeasure.Status.DECLINED
        self.item.save(update_fields=["status"])
        self.assertEqual(outcomes_due(now=self.asked + timedelta(days=20)), (0, 0))

    def test_run_due_knows_the_job(self):
        outcomes = {outcome.name: outcome for outcome in run_due()}
        self.assertEqual(
            outcomes["outcome_reminders"].summary, "reminded 0, lapsed 0 closing questionnaire(s)"
        )


@pytest.mark.postgres_only
class ParallelReminderTests(TransactionTestCase):
    """Two `run-due` workers at the same moment, each on its own connection: one reminder."""

    def setUp(self):
        from anxin.people.services import orgunit_create
        from anxin.plans.loader import load_preset

        instruments_load()
        authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        unit = orgunit_create(name="第一科", kind="unit", parent=authority)
        plan = load_preset("taipei-114")
        intake, counselor = make_user("intake"), make_user("counselor")
        give_role(intake, "intake", authority)
        give_role(counselor, "counselor", authority)
        self.alice = make_user("alice")
        employee = make_employee(self.alice, unit=unit, number="E1", name="王小美")
        request = services.request_submit(
            employee=employee, plan=plan, concern="emotion", urgency="soon", mode="phone",
            gender_preference="any", contact_method="phone", contact_value="0912-345-678",
            details="", preferred_times="",
        )  # fmt: skip
        case = services.case_open(item=request, counselor=counselor, actor=intake)
        item = OutcomeMeasure.objects.get(case=case)
        item.start = ""
        item.status = OutcomeMeasure.Status.STARTED
        item.save(update_fields=["start", "status"])
        services.case_close(
            case=case, outcome="resolved", closed_on=date.today(), expected_version=case.version
        )
        self.item = OutcomeMeasure.objects.get(pk=item.pk)

    def test_two_workers_at_once_send_one_reminder(self):
        now = self.item.closing_asked_at + timedelta(days=20)
        results = race([lambda: f"{outcomes_due(now=now)}", lambda: f"{outcomes_due(now=now)}"])
        self.assertEqual(results, ["(0, 0)", "(1, 0)"], results)
        self.assertEqual(Notification.objects.filter(subject__contains="提醒").count(), 1)
