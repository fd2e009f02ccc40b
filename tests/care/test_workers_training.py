"""The plan's care-worker classes generated as events (with the required class as the
prerequisite), and the training level derived from completed classes."""

from django.utils import timezone

from anxin.care.workers import training
from anxin.care.workers.models import CareWorkerClass
from anxin.events.models import Event, Registration
from anxin.plans.models import ProgramPlan
from tests.care.workers_base import WorkersTestCase, active_care_worker

URL = "/care/workers/classes/"
TRAININGS = {
    "source": "000 §4.2",
    "term_years": 2,
    "trainings": [
        {
            "key": "advanced",
            "name": "關懷員進階班",
            "requires": ["beginner"],
            "source": "000 §4.2(2)",
        },
        {"key": "beginner", "name": "關懷員初階班", "certificate": True, "source": "000 §4.2(1)"},
    ],
}


class TrainingTestCase(WorkersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        ProgramPlan.objects.filter(pk=cls.plan.pk).update(config={"care_workers": TRAININGS})
        cls.plan.refresh_from_db()

    def fresh_plan(self) -> ProgramPlan:
        return ProgramPlan.objects.get(pk=self.plan.pk)

    def test_it_generates_each_class_once_with_its_prerequisite(self):
        self.login(self.eap_admin)
        response = self.client.post(URL)
        self.assertRedirects(response, URL)
        beginner = CareWorkerClass.objects.get(training_key="beginner").event
        advanced = CareWorkerClass.objects.get(training_key="advanced").event
        self.assertEqual(advanced.prerequisite, beginner)
        self.assertEqual(beginner.kind, Event.Kind.TRAINING)
        self.assertEqual(beginner.status, Event.Status.DRAFT)
        self.assertEqual(beginner.title, "關懷員初階班")
        self.client.post(URL)
        self.assertEqual(CareWorkerClass.objects.count(), 2)
        self.assertContains(self.client.get(URL), str(advanced.uuid))

    def test_hr_sees_the_classes_but_does_not_generate_them(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(URL).status_code, 200)
        self.assertEqual(self.client.post(URL).status_code, 403)
        self.assertFalse(CareWorkerClass.objects.exists())
        self.login(self.alice)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_the_level_is_the_highest_class_completed(self):
        plan = self.fresh_plan()
        training.classes_generate(actor=self.eap_admin, plan=plan, owner_unit=self.authority)
        beginner = CareWorkerClass.objects.get(training_key="beginner").event
        advanced = CareWorkerClass.objects.get(training_key="advanced").event
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        level = training.training_levels(plan, [self.bob_employee.pk])[self.bob_employee.pk]
        self.assertIsNone(level.highest)
        now = timezone.now()
        Registration.objects.create(
            event=beginner, employee=self.bob_employee, status="registered", completed_at=now
        )
        # Registered for the advanced class, not completed: the level stays the beginner's.
        Registration.objects.create(event=advanced, employee=self.bob_employee, status="registered")
        level = training.training_levels(plan, [self.bob_employee.pk])[self.bob_employee.pk]
        self.assertEqual(level.highest.key, "beginner")
        Registration.objects.filter(event=advanced).update(completed_at=now)
        level = training.training_levels(plan, [self.bob_employee.pk])[self.bob_employee.pk]
        self.assertEqual([t.key for t in level.completed], ["beginner", "advanced"])
        self.login(self.hr)
        self.assertContains(self.client.get("/care/workers/"), "關懷員進階班")
        self.assertContains(self.client.get(f"/care/workers/{care_worker.pk}/"), "關懷員初階班")

    def test_the_list_runs_a_fixed_number_of_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tests.base import make_employee

        training.classes_generate(
            actor=self.eap_admin, plan=self.fresh_plan(), owner_unit=self.authority
        )
        self.login(self.hr)
        self.client.get("/care/workers/")
        active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        with CaptureQueriesContext(connection) as few:
            self.client.get("/care/workers/")
        for n in range(10):
            person = make_employee(None, unit=self.unit, number=f"T{n:03d}", name=f"員{n}")
            active_care_worker(person, [self.unit], actor=self.hr)
        with self.assertNumQueries(len(few)):
            self.client.get("/care/workers/")
