"""The employee's care-worker map (003 §伍.二.(一)): the care workers covering my unit, in
term, who agreed to be listed, with the contact they gave; nobody else."""

from anxin.care.workers import services
from anxin.people.services import orgunit_create
from tests.base import make_employee, make_user
from tests.care.workers_base import WorkersTestCase, active_care_worker

URL = "/care/workers/map/"


class MapTestCase(WorkersTestCase):
    def test_it_shows_the_listed_care_workers_of_my_unit_and_above(self):
        active_care_worker(self.bob_employee, [self.agency], actor=self.hr, contact="分機 1234")
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertContains(response, "林志明")
        self.assertContains(response, "分機 1234")

    def test_it_hides_who_did_not_agree_to_be_listed_and_nominations(self):
        active_care_worker(self.bob_employee, [self.unit], actor=self.hr, listed=False)
        carol = make_employee(make_user("carol"), unit=self.unit, number="E0004", name="張美玲")
        services.careworker_nominate(
            actor=self.hr, employee=carol, units=[self.unit], specialties=[]
        )
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertNotContains(response, "林志明")
        self.assertNotContains(response, "張美玲")

    def test_it_hides_care_workers_of_other_units(self):
        active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.login(self.alice)
        self.assertNotContains(self.client.get(URL), "林志明")
        self.login(self.outsider)
        self.assertNotContains(self.client.get(URL), "林志明")

    def test_it_runs_a_fixed_number_of_queries(self):
        self.login(self.alice)
        self.client.get(URL)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as before:
            self.client.get(URL)
        for n in range(12):
            unit = orgunit_create(name=f"股{n}", kind="unit", parent=self.unit)
            person = make_employee(None, unit=unit, number=f"M{n:03d}", name=f"員{n}")
            active_care_worker(person, [self.unit], actor=self.hr)
        with self.assertNumQueries(len(before)):
            response = self.client.get(URL)
        self.assertContains(response, "員11")

    def test_it_refuses_staff_roles_and_the_wrong_method(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.post(URL).status_code, 405)
