"""Transfers in (decision 0062): the due job notes each colleague's agency; one seen in
another agency than the last time is a transfer in, proposed a mentor whatever the
category when the plan says so; a move inside the agency is not; a first sighting is a
new hire by its hire date."""

from datetime import date, timedelta

from anxin.care.mentoring import services
from anxin.care.mentoring.models import Arrival
from anxin.people.services import orgunit_create
from tests.base import make_employee
from tests.care.mentoring_base import MentoringTestCase


class TransfersTestCase(MentoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Long in service, of a category the plan does not list: never a "new hire".
        cls.veteran = make_employee(
            None, unit=cls.other_agency, number="E0300", name="趙調任",
            hire_date=date(2001, 8, 1),
        )  # fmt: skip
        cls.veteran.staff_category = "teacher"
        cls.veteran.save()

    def proposed(self):
        return {p.mentee.pk: p for p in services.proposals(self.agency, today=self.today)}

    def test_a_move_to_another_agency_is_a_transfer_in_and_is_proposed(self):
        seen, moved = services.arrivals_refresh(today=self.today - timedelta(days=10))
        self.assertGreaterEqual(seen, 3)
        self.assertEqual(moved, 0)
        self.assertNotIn(self.veteran.pk, self.proposed())
        self.veteran.unit = self.unit  # the roster moves him to 社會局
        self.veteran.save()
        self.assertEqual(services.arrivals_refresh(today=self.today), (0, 1))
        self.assertEqual(services.arrivals_refresh(today=self.today), (0, 0))
        proposal = self.proposed()[self.veteran.pk]
        self.assertEqual(proposal.transferred_in_on, self.today)
        self.assertEqual(proposal.mentor, self.mentor)
        self.login(self.hr)
        self.assertContains(self.client.get("/care/mentoring/pairs/"), "趙調任")
        # Once paired, not proposed again.
        services.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.veteran, mentor=self.mentor,
            today=self.today,
        )  # fmt: skip
        self.assertNotIn(self.veteran.pk, self.proposed())

    def test_a_move_inside_the_agency_and_a_plan_without_transfers_propose_nothing(self):
        services.arrivals_refresh(today=self.today - timedelta(days=10))
        section = orgunit_create(name="社會局第二科", kind="unit", parent=self.agency)
        self.hire.unit = section
        self.hire.save()
        self.assertEqual(services.arrivals_refresh(today=self.today), (0, 0))
        self.assertIsNone(Arrival.objects.get(employee=self.hire).transferred_in_on)
        self.veteran.unit = self.unit
        self.veteran.save()
        services.arrivals_refresh(today=self.today)
        config = dict(self.plan.config)
        config["mentoring"] = {**config["mentoring"], "transfers_in": False}
        type(self.plan).objects.filter(pk=self.plan.pk).update(config=config)
        self.assertNotIn(self.veteran.pk, self.proposed())
