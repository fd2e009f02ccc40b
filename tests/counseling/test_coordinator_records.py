"""Where the plan says so (`session_records.coordinator_reads`), the intake coordinator
reads the session records of cases in his or her scope, read-only and logged; nowhere
else (issue 3 item 5)."""

from anxin.core.models import AccessLog
from anxin.plans.models import ProgramPlan
from tests.base import give_role, make_user
from tests.counseling.base import CounselingTestCase


def allow(plan: ProgramPlan, allowed: bool = True) -> None:
    config = dict(plan.config)
    config["session_records"] = {"coordinator_reads": allowed, "source": "test"}
    ProgramPlan.objects.filter(pk=plan.pk).update(config=config)


class CoordinatorRecordsTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()
        cls.make_session(cls.case, assessment="COORD-MARKER")

    def url(self) -> str:
        return f"/counselling/queue/cases/{self.case.code}/records/"

    def test_it_is_closed_unless_the_plan_allows_it(self):
        self.login(self.intake)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        response = self.client.get(self.case.request.get_absolute_url())
        self.assertNotContains(response, self.url())

    def test_where_allowed_the_coordinator_reads_them_and_each_read_is_logged(self):
        allow(self.plan)
        self.login(self.intake)
        self.assertContains(self.client.get(self.case.request.get_absolute_url()), self.url())
        before = AccessLog.objects.count()
        response = self.client.get(self.url())
        self.assertContains(response, "COORD-MARKER")
        self.assertNotContains(response, "/sessions/")  # no edit link
        rows = AccessLog.objects.order_by("pk")[before:]
        self.assertEqual({row.purpose for row in rows}, {"coordination"})
        self.assertEqual({row.subject_uuid for row in rows}, {self.alice_employee.uuid})
        self.assertEqual(len(rows), 6)

    def test_a_coordinator_of_another_scope_and_other_roles_are_refused(self):
        allow(self.plan)
        narrow = make_user("narrow-intake")
        give_role(narrow, "intake", self.other_agency)
        self.login(narrow)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        for user in (self.counselor, self.hr, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403, user)

    def test_it_answers_405_to_post(self):
        allow(self.plan)
        self.login(self.intake)
        self.assertEqual(self.client.post(self.url()).status_code, 405)
