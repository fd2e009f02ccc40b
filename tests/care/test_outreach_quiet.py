"""The quiet period across reasons (decision 0064): one person gets at most one outreach
message within the plan's `quiet_days`, whatever the reason; a later reason is recorded
and counted, not sent."""

from datetime import timedelta

from django.utils import timezone

from anxin.care.outreach.models import OutreachSend, OutreachSignal
from anxin.care.outreach.services import outreach_preference_set
from anxin.core.models import Notification
from tests.care.outreach_base import Kind, OutreachTestCase, month_text

Outcome = OutreachSignal.Outcome


class QuietPeriodTestCase(OutreachTestCase):
    def setUp(self):
        self.today = timezone.localdate()
        self.day = f"{self.today.year - 1911}/{self.today.month:02d}/{self.today.day:02d}"

    def messages_to_alice(self) -> int:
        return Notification.objects.filter(recipient=self.alice).count()

    def test_a_second_reason_within_the_period_is_counted_not_sent(self):
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today), "120"]])
        self.assertEqual(self.messages_to_alice(), 1)
        outcomes = dict(OutreachSignal.objects.values_list("reason", "outcome"))
        self.assertEqual(outcomes, {"life_event": Outcome.INVITED, "overtime": Outcome.QUIET})
        ways = sorted(OutreachSend.objects.values_list("reason", "way"))
        self.assertEqual(ways, [("life_event", "invitation"), ("overtime", "quiet")])

    def test_two_reasons_in_one_file_send_one_message(self):
        earlier = self.today - timedelta(days=10)
        self.run_import(
            Kind.LIFE_EVENTS,
            [["E0001", "", "結婚", self.day],
             ["E0001", "", "喪假", f"{earlier.year - 1911}/{earlier.month}/{earlier.day}"]],
        )  # fmt: skip
        self.assertEqual(self.messages_to_alice(), 1)
        outcomes = sorted(OutreachSignal.objects.values_list("outcome", flat=True))
        self.assertEqual(outcomes, [Outcome.INVITED, Outcome.QUIET])

    def test_the_period_is_per_person(self):
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        self.run_import(Kind.LIFE_EVENTS, [["E0003", "", "結婚", self.day]])
        invited = Notification.objects.values_list("recipient__username", flat=True)
        self.assertEqual(sorted(invited), ["alice", "bob"])

    def test_after_the_period_a_new_reason_is_sent(self):
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        OutreachSignal.objects.update(handled_at=timezone.now() - timedelta(days=31))
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today), "120"]])
        self.assertEqual(self.messages_to_alice(), 2)

    def test_the_plan_sets_the_period(self):
        self.set_plan(outreach={"quiet_days": 60})
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        OutreachSignal.objects.update(handled_at=timezone.now() - timedelta(days=31))
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today), "120"]])
        self.assertEqual(self.messages_to_alice(), 1)

    def test_a_period_of_zero_days_sends_every_reason(self):
        self.set_plan(outreach={"quiet_days": 0})
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today), "120"]])
        self.assertEqual(self.messages_to_alice(), 2)

    def test_a_reason_not_sent_does_not_start_the_period(self):
        """Turned off, then on again: nothing was sent, so the next reason is."""
        outreach_preference_set(employee=self.alice_employee, messages_off=True)
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        outreach_preference_set(employee=self.alice_employee, messages_off=False)
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today), "120"]])
        self.assertEqual(self.messages_to_alice(), 1)

    def test_a_named_care_prompt_the_plan_enables_is_not_held_back(self):
        """The prompt is the authority's duty about workload, to the supervisor: the
        employee's quiet period is about messages to the employee (decision 0064)."""
        self.set_plan(overtime_care={"names_to": "supervisor"})
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today), "120"]])
        self.assertEqual(self.messages_to_alice(), 1)
        self.assertEqual(Notification.objects.filter(recipient=self.supervisor).count(), 1)
