"""Trained mentors: derived from the plan's mentors' classes completed in the events app
(decision 0062), not ticked by hand; the classes generated once by the EAP administrator;
an untrained mentor is neither proposed nor accepted."""

from anxin.care.mentoring import services
from anxin.care.mentoring.models import Mentor, MentorClass
from anxin.core.refusals import Refused
from anxin.events.models import Event, Registration
from tests.base import make_employee
from tests.care.mentoring_base import MentoringTestCase, train

URL = "/care/mentoring/classes/"


class TrainingTestCase(MentoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.novice_employee = make_employee(None, unit=cls.unit, number="E0200", name="江未訓")
        cls.novice = Mentor.objects.create(employee=cls.novice_employee, added_by=cls.hr)

    def test_the_class_is_generated_once_as_a_training_event(self):
        event = MentorClass.objects.get().event  # the base class trained the mentor
        self.assertEqual(event.kind, Event.Kind.TRAINING)
        self.assertEqual(event.title, "資深職場導師輔導知能訓練")
        self.login(self.eap_admin)
        self.assertRedirects(self.client.post(URL), URL)
        self.assertEqual(MentorClass.objects.count(), 1)
        self.assertContains(self.client.get(URL), str(event.uuid))
        self.login(self.hr)
        self.assertEqual(self.client.get(URL).status_code, 200)
        self.assertEqual(self.client.post(URL).status_code, 403)

    def test_only_a_mentor_who_completed_the_class_is_trained_and_proposed(self):
        settings = services.mentoring_of(self.agency)
        days = services.trained_on(
            self.agency, settings, [self.mentor_employee.pk, self.novice_employee.pk]
        )
        self.assertEqual(days[self.mentor_employee.pk], self.today)
        self.assertIsNone(days[self.novice_employee.pk])
        # Registered, not completed: still not trained.
        event = MentorClass.objects.get().event
        registration = Registration.objects.create(
            event=event, employee=self.novice_employee, status=Registration.Status.REGISTERED
        )
        self.assertIsNone(
            services.trained_on(self.agency, settings, [self.novice_employee.pk])[
                self.novice_employee.pk
            ]
        )
        with self.assertRaises(Refused) as refused:
            services.pair_confirm(
                actor=self.hr, scope=self.agency, mentee=self.hire, mentor=self.novice,
                today=self.today,
            )  # fmt: skip
        self.assertEqual(refused.exception.code, "untrained")
        proposed = {p.mentor.pk for p in services.proposals(self.agency, today=self.today)}
        self.assertEqual(proposed, {self.mentor.pk})
        registration.completed_at = self.mentor_employee.updated_at
        registration.save()
        self.assertIsNotNone(
            services.trained_on(self.agency, settings, [self.novice_employee.pk])[
                self.novice_employee.pk
            ]
        )
        services.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.hire, mentor=self.novice,
            today=self.today,
        )  # fmt: skip

    def test_the_mentors_page_shows_who_is_not_trained_yet(self):
        self.login(self.hr)
        response = self.client.get("/care/mentoring/mentors/")
        self.assertContains(response, "江未訓")
        self.assertContains(response, "尚未受訓")  # Not trained yet
        response = self.client.get("/care/mentoring/pairs/")
        self.assertNotContains(response, "江未訓")  # not offered in the choices
        train(self.novice_employee, plan=self.plan, actor=self.eap_admin)
        self.assertContains(self.client.get("/care/mentoring/pairs/"), "江未訓")

    def test_a_plan_without_a_mentors_class_trains_nobody(self):
        config = dict(self.plan.config)
        config["mentoring"] = {k: v for k, v in config["mentoring"].items() if k != "trainings"}
        type(self.plan).objects.filter(pk=self.plan.pk).update(config=config)
        self.assertEqual(services.proposals(self.agency, today=self.today)[0].mentor, None)
