"""The people of the care-worker tests: those of tests/base.py, a second unit of 社會局,
林志明 (Bob) of 第二科 who becomes a care worker, and a plan that sets three-year terms and
at least one care worker per department."""

from datetime import date

from anxin.care.workers import services
from anxin.people.roles import SESSION_KEY, Role
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan
from tests.base import BaseTestCase, give_role, make_employee, make_user


def active_care_worker(employee, units, *, actor, listed=True, contact="分機 1234"):
    """A care worker in term: nominated by `actor`, then consenting."""
    care_worker = services.careworker_nominate(
        actor=actor, employee=employee, units=units, specialties=["willing"]
    )
    return services.careworker_consent(
        care_worker=care_worker, agree=True, listed=listed, contact=contact
    )


class WorkersTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = ProgramPlan.objects.create(
            slug="care-test",
            name="關懷員測試計畫",
            authority=cls.authority,
            period_start=date(2020, 1, 1),
            config={"care_workers": {"min_per_department": 1, "term_years": 3, "source": "004"}},
        )
        cls.unit2 = orgunit_create(name="第二科", kind="unit", parent=cls.agency)
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit2, number="E0003", name="林志明")
        give_role(cls.bob, Role.CARE_WORKER, cls.agency)

    def login_as_employee(self, user) -> None:
        """Sign in and act in the employee role (a care worker's staff role comes first)."""
        self.login(user)
        session = self.client.session
        session[SESSION_KEY] = Role.EMPLOYEE.value
        session.save()
