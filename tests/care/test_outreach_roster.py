"""Life events from the roster import (issue 14, item 3; decision 0065): who left the
roster, came back to it or moved to another agency is followed up as the plan says, with
the offer to that person only; people learns nothing of care (people/roster/hooks.py)."""

from django.core import mail
from django.utils import timezone

from anxin.care.outreach.models import LifeEvent, OutreachSend, OutreachSignal
from anxin.core.models import Notification
from anxin.people.models import Employee
from anxin.people.roster import roster_import
from tests.care.outreach_base import OutreachTestCase
from tests.people.roster_files import csv_bytes

Outcome = OutreachSignal.Outcome


def roster_row(employee: Employee, **changes) -> list[str]:
    """An employee of 社會局's 第一科 as the roster shows him or her; `agency` and `unit`
    move him."""
    agency = changes.get("agency") or employee.unit.parent
    unit = changes.get("unit", employee.unit.name)
    return [employee.number, employee.name, agency.code, unit, employee.staff_category,
            employee.gender, employee.birth_date.isoformat(), employee.hire_date.isoformat(),
            employee.email]  # fmt: skip


class RosterLifeEventsTestCase(OutreachTestCase):
    def import_roster(self, *, leaving=(), moves=None, scope=None):
        """The roster of 社會局 (and of 教育局 when someone moves there) as it stands,
        without the numbers in `leaving`; `moves` maps a number to row changes."""
        moves = moves or {}
        employees = Employee.objects.filter(is_active=True, unit=self.unit)
        rows = [
            roster_row(e, **moves.get(e.number, {}))
            for e in employees.select_related("unit__parent").order_by("number")
            if e.number not in leaving
        ]
        if moves:  # 教育局 is in the file too: its own employee stays
            rows.append(roster_row(self.outsider_employee, agency=self.other_agency, unit=""))
        with self.captureOnCommitCallbacks(execute=True):
            outcome = roster_import(
                data=csv_bytes(rows), filename="roster.csv", scope=scope or self.agency
            )
        self.assertTrue(outcome.applied, outcome.errors)
        return outcome

    def test_it_retires_someone_and_offers_help_to_that_person_only(self):
        """Bob is not in the roster any more: his account closes, so the offer goes to his
        roster address by e-mail, and to nobody else by any way."""
        outcome = self.import_roster(leaving={"E0003"})
        self.assertEqual(outcome.counts.deactivated, 1)
        event = LifeEvent.objects.get()
        self.assertEqual(
            (event.employee, event.kind, event.source), (self.bob_employee, "left", None)
        )
        self.assertEqual(OutreachSignal.objects.get().outcome, Outcome.MAILED)
        self.assertFalse(Notification.objects.exists())
        self.assertEqual([m.to for m in mail.outbox], [["E0003@example.gov.tw"]])
        self.assertNotIn("張小華", mail.outbox[0].body)
        send = OutreachSend.objects.get()
        self.assertEqual((send.unit, send.way), (self.unit, OutreachSend.Way.INVITATION))

    def test_leaving_is_not_kept_when_the_plan_lists_neither_retirement_nor_leave(self):
        self.set_plan(outreach={"life_events": ["marriage", "transfer", "return"]})
        self.import_roster(leaving={"E0003"})
        self.assertFalse(LifeEvent.objects.exists())  # nobody acts on it: not kept
        self.assertFalse(OutreachSignal.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_a_move_to_another_agency_is_a_transfer(self):
        """Imported by the EAP administrator (a move between agencies is his): Bob, with
        his account, is invited in Anxin; a change of unit inside 社會局 is no event."""
        outcome = self.import_roster(
            scope=self.authority,
            moves={"E0003": {"agency": self.other_agency, "unit": ""},
                   "E0001": {"unit": "第二科"}},
        )  # fmt: skip
        self.assertEqual(outcome.counts.updated, 2)
        self.assertEqual(
            list(LifeEvent.objects.values_list("employee__number", "kind")), [("E0003", "transfer")]
        )
        self.assertEqual(
            list(Notification.objects.values_list("recipient__username", flat=True)), ["bob"]
        )

    def test_coming_back_to_the_roster_is_a_return(self):
        self.import_roster(leaving={"E0003"})
        mail.outbox.clear()
        employees = Employee.objects.filter(unit=self.unit).select_related("unit__parent")
        rows = [roster_row(e) for e in employees]
        with self.captureOnCommitCallbacks(execute=True):
            roster_import(data=csv_bytes(rows), filename="roster.csv", scope=self.agency)
        kinds = sorted(LifeEvent.objects.values_list("kind", flat=True))
        self.assertEqual(kinds, ["left", "return"])
        # Back with his account, but within the quiet period of the first offer.
        outcomes = sorted(OutreachSignal.objects.values_list("outcome", flat=True))
        self.assertEqual(outcomes, [Outcome.MAILED, Outcome.QUIET])
        self.assertFalse(Notification.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_the_same_roster_twice_tells_nothing_new(self):
        self.import_roster(leaving={"E0003"})
        self.import_roster(leaving={"E0003"})
        self.assertEqual(LifeEvent.objects.count(), 1)
        self.assertEqual(OutreachSignal.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_roster_with_an_error_tells_nothing(self):
        rows = [roster_row(self.alice_employee)]
        rows[0][6] = "114/02/30"
        outcome = roster_import(data=csv_bytes(rows), filename="roster.csv", scope=self.agency)
        self.assertFalse(outcome.applied)
        self.assertFalse(LifeEvent.objects.exists())
        self.assertTrue(Employee.objects.get(number="E0003").is_active)

    def test_the_date_of_a_roster_event_is_the_import_day(self):
        self.import_roster(leaving={"E0003"})
        self.assertEqual(LifeEvent.objects.get().on, timezone.localdate())
