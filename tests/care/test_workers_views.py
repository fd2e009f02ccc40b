"""hr's and the EAP administrator's care-worker pages, and the employee's answer: the way
that works, the wrong method, the outsider refused."""

from anxin.care.workers.models import CareWorker
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.care.workers_base import WorkersTestCase, active_care_worker

Status = CareWorker.Status


class NominateViewTestCase(WorkersTestCase):
    URL = "/care/workers/nominate/"

    def test_it_nominates_an_employee_of_the_scope(self):
        self.login(self.hr)
        response = self.client.post(
            self.URL, {"number": "E0003", "units": [self.unit2.pk], "specialties": ["psychology"]}
        )
        care_worker = CareWorker.objects.get(employee=self.bob_employee)
        self.assertRedirects(response, f"/care/workers/{care_worker.pk}/")
        self.assertEqual(care_worker.specialties, ["psychology"])
        self.assertEqual(care_worker.status, Status.NOMINATED)

    def test_it_names_an_unknown_or_outside_number(self):
        self.login(self.hr)
        for number in ("E9999", "E0002"):  # unknown; 教育局, outside hr's 社會局
            response = self.client.post(self.URL, {"number": number, "units": [self.unit2.pk]})
            self.assertEqual(response.status_code, 200)
            self.assertIn(number, str(response.context["form"].errors["number"]))
        self.assertFalse(CareWorker.objects.exists())

    def test_it_offers_only_the_units_of_the_scope(self):
        self.login(self.hr)
        response = self.client.post(self.URL, {"number": "E0003", "units": [self.other_agency.pk]})
        self.assertIn("units", response.context["form"].errors)
        self.assertFalse(CareWorker.objects.exists())

    def test_it_refuses_the_employee_and_the_wrong_method(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(self.URL).status_code, 403)
        self.login(self.hr)
        self.assertEqual(self.client.put(self.URL).status_code, 405)


class RecordViewTestCase(WorkersTestCase):
    def test_it_approves_an_offer_from_the_record(self):
        self.login_as_employee(self.bob)
        self.client.post("/care/workers/mine/", {"specialties": ["willing"], "contact": "分機 9"})
        care_worker = CareWorker.objects.get(employee=self.bob_employee)
        self.assertTrue(care_worker.awaits_agency())
        self.login(self.hr)
        self.assertContains(self.client.get(f"/care/workers/{care_worker.pk}/"), "林志明")
        response = self.client.post(
            f"/care/workers/{care_worker.pk}/approve/", {"decision": "approve"}
        )
        self.assertRedirects(response, f"/care/workers/{care_worker.pk}/")
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.status, Status.ACTIVE)

    def test_it_renews_and_ends_with_the_version_read(self):
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.login(self.hr)
        url = f"/care/workers/{care_worker.pk}/"
        self.client.post(f"{url}renew/", {"version": care_worker.version})
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.renewals, 1)
        # A second renewal with the old version is refused: nothing changes.
        self.client.post(f"{url}renew/", {"version": care_worker.version - 1})
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.renewals, 1)
        self.client.post(f"{url}end/", {"reason": "left", "version": care_worker.version})
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.status, Status.ENDED)

    def test_hr_of_another_agency_gets_404(self):
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        other_hr = make_user("hr2")
        give_role(other_hr, Role.HR, self.other_agency)
        self.login(other_hr)
        self.assertEqual(self.client.get(f"/care/workers/{care_worker.pk}/").status_code, 404)
        self.assertEqual(
            self.client.post(
                f"/care/workers/{care_worker.pk}/end/", {"reason": "left", "version": 1}
            ).status_code,
            404,
        )
        self.assertNotContains(self.client.get("/care/workers/"), "林志明")


class EmployeeAnswerTestCase(WorkersTestCase):
    def test_the_person_agrees_and_chooses_the_listing(self):
        from anxin.care.workers import services

        care_worker = services.careworker_nominate(
            actor=self.hr, employee=self.bob_employee, units=[self.unit2], specialties=[]
        )
        self.login_as_employee(self.bob)
        self.assertContains(
            self.client.get("/care/workers/mine/"), f"/care/workers/mine/{care_worker.pk}/answer/"
        )
        prefix = f"cw{care_worker.pk}"
        response = self.client.post(
            f"/care/workers/mine/{care_worker.pk}/answer/",
            {"decision": "agree", f"{prefix}-listed": "on", f"{prefix}-contact": "分機 5566"},
        )
        self.assertRedirects(response, "/care/workers/mine/")
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.status, Status.ACTIVE)
        self.assertEqual(care_worker.contact, "分機 5566")
        self.assertTrue(care_worker.listed)

    def test_another_employee_cannot_answer(self):
        from anxin.care.workers import services

        care_worker = services.careworker_nominate(
            actor=self.hr, employee=self.bob_employee, units=[self.unit2], specialties=[]
        )
        self.login(self.alice)
        response = self.client.post(
            f"/care/workers/mine/{care_worker.pk}/answer/", {"decision": "agree"}
        )
        self.assertEqual(response.status_code, 404)
        care_worker.refresh_from_db()
        self.assertTrue(care_worker.awaits_employee())
        self.assertEqual(
            self.client.get(f"/care/workers/mine/{care_worker.pk}/answer/").status_code, 405
        )
