"""The yearly commendation list (004 §肆.二): proposed by the plan's rule from activity and
training, decided by the EAP administrator, exported as ODS."""

import io
import zipfile
from datetime import timedelta

from django.utils import timezone

from anxin.care.workers import activity
from anxin.care.workers.models import CareWorker, Commendation
from anxin.plans.models import ProgramPlan
from tests.care.workers_base import WorkersTestCase, active_care_worker

URL = "/care/workers/commendations/"


class CommendationTestCase(WorkersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        ProgramPlan.objects.filter(pk=cls.plan.pk).update(
            config={
                "care_workers": {
                    "source": "004",
                    "commendation": {"min_activities": 5, "source": "004 §肆.二"},
                }
            }
        )
        cls.term = active_care_worker(cls.bob_employee, [cls.unit2], actor=cls.hr)
        cls.month = timezone.localdate().replace(day=1)
        CareWorker.objects.filter(pk=cls.term.pk).update(term_start=cls.month - timedelta(days=400))
        cls.term.refresh_from_db()

    def record(self, count: int) -> None:
        activity.activity_record(
            care_worker=self.term, unit=self.unit2, month=self.month, counts={"reaching_out": count}
        )

    def test_it_proposes_those_who_meet_the_rule_once(self):
        self.record(4)
        self.login(self.eap_admin)
        self.client.post(URL, {"action": "propose", "year": self.month.year})
        self.assertFalse(Commendation.objects.exists())
        self.record(6)
        self.client.post(URL, {"action": "propose", "year": self.month.year})
        self.client.post(URL, {"action": "propose", "year": self.month.year})
        item = Commendation.objects.get()
        self.assertEqual((item.care_worker, item.activities), (self.term, 6))
        self.assertContains(self.client.get(URL), "林志明")

    def test_it_exports_only_the_approved(self):
        self.record(6)
        self.login(self.eap_admin)
        self.client.post(URL, {"action": "propose", "year": self.month.year})
        item = Commendation.objects.get()

        def names() -> str:
            response = self.client.get("/care/workers/commendations.ods", {"year": self.month.year})
            return zipfile.ZipFile(io.BytesIO(response.content)).read("content.xml").decode()

        self.assertNotIn("林志明", names())
        self.client.post(URL, {"action": "approve", "item": item.pk, "year": self.month.year})
        item.refresh_from_db()
        self.assertEqual(item.status, Commendation.Status.APPROVED)
        self.assertIn("林志明", names())

    def test_hr_and_the_care_worker_are_refused(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.post(URL, {"action": "propose"}).status_code, 403)
        self.login(self.bob)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.login(self.eap_admin)
        self.assertEqual(self.client.put(URL).status_code, 405)

    def test_a_plan_without_a_rule_proposes_nobody(self):
        ProgramPlan.objects.filter(pk=self.plan.pk).update(config={})
        self.record(9)
        self.login(self.eap_admin)
        self.client.post(URL, {"action": "propose", "year": self.month.year})
        self.assertFalse(Commendation.objects.exists())
