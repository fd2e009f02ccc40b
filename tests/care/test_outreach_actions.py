"""What an applied outreach file sets off, as the plan says (issue 14, item 3): the neutral
invitation to the employee alone, named care prompts only where the plan enables them,
counts otherwise, the employee's own setting respected, each reason handled once."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from anxin.care.outreach.actions import overtime_over
from anxin.care.outreach.models import OutreachSend, OutreachSignal
from anxin.care.outreach.services import outreach_preference_set
from anxin.core.models import Notification, OutgoingMail
from anxin.plans import config as c
from tests.care.outreach_base import Kind, OutreachTestCase, month_text


class ActionsTestCase(OutreachTestCase):
    def setUp(self):
        self.today = timezone.localdate()

    def roc(self, day: date) -> str:
        return f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"

    def invited(self) -> list[str]:
        return sorted(
            Notification.objects.filter(subject="員工協助方案與您同在").values_list(
                "recipient__username", flat=True
            )
        )

    def overtime_rows(self, number: str, hours: list[int]) -> list[list[str]]:
        """`hours` from the oldest month to this month."""
        last = len(hours) - 1
        return [[number, "", month_text(self.today, last - i), str(h)] for i, h in enumerate(hours)]

    def test_a_listed_life_event_invites_the_employee(self):
        self.alice.email = "alice@example.gov.tw"
        self.alice.save()
        outcome = self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.roc(self.today)]])
        self.assertEqual(outcome.sent, {"signals": 1, "prompts": 0})
        self.assertEqual(self.invited(), ["alice"])
        self.assertEqual(OutgoingMail.objects.get().recipient, "alice@example.gov.tw")
        signal = OutreachSignal.objects.get()
        self.assertEqual(signal.outcome, OutreachSignal.Outcome.INVITED)
        send = OutreachSend.objects.get()
        self.assertEqual((send.unit, send.way), (self.unit, OutreachSend.Way.INVITATION))

    def test_an_event_the_plan_does_not_list_sends_nothing(self):
        self.set_plan(outreach={"life_events": ["retirement"]})
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.roc(self.today)]])
        self.assertEqual(self.invited(), [])
        self.assertFalse(OutreachSignal.objects.exists())

    def test_an_old_event_is_kept_but_not_followed_up(self):
        old = self.today - timedelta(days=200)
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.roc(old)]])
        self.assertEqual(self.invited(), [])

    def test_the_same_event_imported_again_is_not_sent_again(self):
        rows = [["E0001", "", "結婚", self.roc(self.today)]]
        self.run_import(Kind.LIFE_EVENTS, rows)
        outcome = self.run_import(Kind.LIFE_EVENTS, rows)
        self.assertEqual(outcome.sent["signals"], 0)
        self.assertEqual(self.invited(), ["alice"])

    def test_messages_turned_off_are_not_sent(self):
        outreach_preference_set(employee=self.alice_employee, messages_off=True)
        self.run_import(
            Kind.LIFE_EVENTS,
            [
                ["E0001", "", "結婚", self.roc(self.today)],
                ["E0003", "", "結婚", self.roc(self.today)],
            ],
        )
        self.assertEqual(self.invited(), ["bob"])
        outcomes = dict(OutreachSignal.objects.values_list("employee__number", "outcome"))
        self.assertEqual(outcomes["E0001"], OutreachSignal.Outcome.TURNED_OFF)
        ways = sorted(OutreachSend.objects.values_list("way", flat=True))
        self.assertEqual(ways, ["invitation", "not_sent"])

    def test_an_employee_without_an_account_or_address_is_counted_not_reached(self):
        self.bob.is_active = False
        self.bob.email = ""
        self.bob.save()
        self.bob_employee.email = ""
        self.bob_employee.save()
        self.run_import(Kind.LIFE_EVENTS, [["E0003", "", "退休", self.roc(self.today)]])
        self.assertEqual(OutreachSignal.objects.get().outcome, OutreachSignal.Outcome.NO_ACCOUNT)
        self.assertFalse(Notification.objects.exists())

    def test_overtime_over_the_month_threshold_invites_and_names_nobody(self):
        outcome = self.run_import(Kind.OVERTIME, self.overtime_rows("E0001", [20, 101]))
        self.assertEqual(outcome.sent, {"signals": 1, "prompts": 0})
        self.assertEqual(self.invited(), ["alice"])
        self.assertFalse(Notification.objects.exclude(recipient=self.alice).exists())

    def test_overtime_under_every_threshold_sends_nothing(self):
        self.run_import(Kind.OVERTIME, self.overtime_rows("E0001", [40, 40, 40, 40, 40, 40]))
        self.assertFalse(OutreachSignal.objects.exists())

    def test_overtime_care_off_sends_nothing(self):
        self.set_plan(overtime_care={"enabled": False})
        self.run_import(Kind.OVERTIME, self.overtime_rows("E0001", [150]))
        self.assertFalse(Notification.objects.exists())

    def test_a_supervisor_is_named_the_person_only_where_the_plan_enables_it(self):
        self.set_plan(overtime_care={"names_to": "supervisor"})
        outcome = self.run_import(Kind.OVERTIME, self.overtime_rows("E0001", [90, 90]))
        self.assertEqual(outcome.sent, {"signals": 1, "prompts": 1})
        prompt = Notification.objects.get(recipient=self.supervisor)
        self.assertIn("王小美（第一科）", prompt.body)
        self.assertEqual(
            sorted(OutreachSend.objects.values_list("way", flat=True)),
            ["invitation", "supervisor_prompt"],
        )

    def test_hr_is_named_the_person_where_the_plan_says_hr(self):
        self.set_plan(overtime_care={"names_to": "hr"})
        self.run_import(Kind.OVERTIME, self.overtime_rows("E0001", [101]))
        self.assertIn("王小美", Notification.objects.get(recipient=self.hr).body)
        self.assertFalse(Notification.objects.filter(recipient=self.supervisor).exists())

    def test_a_supervisor_over_the_threshold_is_not_prompted_about_himself(self):
        self.set_plan(overtime_care={"names_to": "supervisor"})
        self.run_import(Kind.OVERTIME, self.overtime_rows("E0010", [120]))
        self.assertFalse(Notification.objects.exclude(recipient=self.supervisor).exists())

    def test_overtime_is_not_followed_up_again_in_the_quiet_months(self):
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(self.today, 1), "120"]])
        self.assertEqual(OutreachSignal.objects.count(), 1)
        self.run_import(Kind.OVERTIME, self.overtime_rows("E0001", [120, 120]))
        self.assertEqual(OutreachSignal.objects.count(), 1)

    def test_family_care_leave_over_the_window_invites(self):
        self.run_import(Kind.FAMILY_CARE, [["E0001", "", month_text(self.today, 2), "2"],
                                           ["E0001", "", month_text(self.today, 1), "1"],
                                           ["E0001", "", month_text(self.today), "2"],
                                           ["E0003", "", month_text(self.today, 3), "4"],
                                           ["E0003", "", month_text(self.today), "2"]])  # fmt: skip
        self.assertEqual(self.invited(), ["alice"])  # bob's 4 days fall outside the 3 months
        self.assertEqual(OutreachSignal.objects.get().reason, OutreachSignal.Reason.FAMILY_CARE)

    def test_family_care_without_a_rule_sends_nothing(self):
        config = dict(self.plan.config)
        config["outreach"] = {"life_events": [], "source": "test"}
        type(self.plan).objects.filter(pk=self.plan.pk).update(config=config)
        self.run_import(Kind.FAMILY_CARE, [["E0001", "", month_text(self.today), "20"]])
        self.assertFalse(Notification.objects.exists())

    def test_without_a_plan_imports_are_kept_and_nothing_is_sent(self):
        type(self.plan).objects.all().delete()
        outcome = self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "喪假", self.roc(self.today)]])
        self.assertTrue(outcome.applied)
        self.assertFalse(Notification.objects.exists())


class ThresholdTestCase(OutreachTestCase):
    """FACTS.md: over 100 hours in the month before, over 80 on average over 2-6 months,
    over 45 on average over 6 months."""

    def test_the_three_thresholds(self):
        rule = c.OvertimeThresholds(enabled=True)
        ref = date(2026, 11, 1)

        def hours(*values):
            return {date(2026, 11 - i, 1): Decimal(v) for i, v in enumerate(values)}

        self.assertTrue(overtime_over(hours(101), ref, rule))
        self.assertFalse(overtime_over(hours(100), ref, rule))
        self.assertTrue(overtime_over(hours(81, 81), ref, rule))
        self.assertFalse(overtime_over(hours(80, 80), ref, rule))
        self.assertTrue(overtime_over(hours(0, 0, 0, 0, 161, 160), ref, rule))  # 6-month mean 53.5
        self.assertTrue(overtime_over(hours(46, 46, 46, 46, 46, 46), ref, rule))
        self.assertFalse(overtime_over(hours(45, 45, 45, 45, 45, 45), ref, rule))


class HistoryTestCase(OutreachTestCase):
    def test_old_overtime_is_kept_but_not_followed_up(self):
        today = timezone.localdate()
        self.run_import(Kind.OVERTIME, [["E0001", "", month_text(today, 6), "150"]])
        self.assertFalse(OutreachSignal.objects.exists())
