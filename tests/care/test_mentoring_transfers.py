"""Transfers in (decision 0062): a roster import that shows a colleague in another agency
than before tells mentoring (people/roster/hooks.py); he or she is proposed a mentor,
whatever the category, when the plan says so; a move inside the agency is not a
transfer."""

from datetime import date

from anxin.care.mentoring import services
from anxin.care.mentoring.models import Arrival
from anxin.people.models import Employee, OrgUnit
from anxin.people.roster import roster_import
from tests.base import make_employee
from tests.care.mentoring_base import MentoringTestCase
from tests.people.roster_files import csv_bytes


def row(employee: Employee, *, agency: OrgUnit | None = None, unit: str | None = None):
    here = employee.unit if employee.unit.kind != "unit" else employee.unit.parent
    agency = agency or here
    if unit is None:
        unit = employee.unit.name if employee.unit.kind == "unit" and agency == here else ""
    return [employee.number, employee.name, agency.code, unit, employee.staff_category,
            employee.gender, employee.birth_date.isoformat(), employee.hire_date.isoformat(),
            employee.email]  # fmt: skip


class TransfersTestCase(MentoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Long in service, of a category the plan does not list: never a "new hire".
        cls.veteran = make_employee(
            None, unit=cls.other_agency, number="E0300", name="趙調任",
            hire_date=date(2001, 8, 1), staff_category="teacher",
        )  # fmt: skip

    def import_roster(self, moves: dict) -> None:
        """Both agencies' roster as it stands, with `moves` (number -> row changes)."""
        people = Employee.objects.filter(is_active=True).select_related("unit__parent")
        rows = [row(e, **moves.get(e.number, {})) for e in people.order_by("number")]
        with self.captureOnCommitCallbacks(execute=True):
            outcome = roster_import(
                data=csv_bytes(rows), filename="roster.csv", scope=self.authority
            )
        self.assertTrue(outcome.applied, outcome.errors)

    def proposed(self):
        return {p.mentee.pk: p for p in services.proposals(self.agency, today=self.today)}

    def test_a_move_to_another_agency_is_a_transfer_in_and_is_proposed(self):
        self.assertNotIn(self.veteran.pk, self.proposed())
        self.import_roster({"E0300": {"agency": self.agency, "unit": "第一科"}})
        self.assertEqual(Arrival.objects.get().employee, self.veteran)
        proposal = self.proposed()[self.veteran.pk]
        self.assertEqual(proposal.transferred_in_on, self.today)
        self.assertEqual(proposal.mentor, self.mentor)
        self.login(self.hr)
        self.assertContains(self.client.get("/care/mentoring/pairs/"), "趙調任")
        # Once paired, not proposed again.
        self.veteran.refresh_from_db()
        services.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.veteran, mentor=self.mentor,
            today=self.today,
        )  # fmt: skip
        self.assertNotIn(self.veteran.pk, self.proposed())

    def test_a_move_inside_the_agency_and_a_plan_without_transfers_propose_nothing(self):
        self.import_roster({"E0101": {"unit": "第二科"}})
        self.assertFalse(Arrival.objects.exists())
        self.import_roster({"E0300": {"agency": self.agency, "unit": "第一科"}})
        config = dict(self.plan.config)
        config["mentoring"] = {**config["mentoring"], "transfers_in": False}
        type(self.plan).objects.filter(pk=self.plan.pk).update(config=config)
        self.assertNotIn(self.veteran.pk, self.proposed())
