"""The people of the mentoring tests: Alice's agency (社會局) under Taipei's plan, a
trained mentor and a new hire there, hr of 社會局, an outsider at 教育局."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.care.mentoring import services
from anxin.care.mentoring.models import Mentor
from anxin.events.models import Registration
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.base import BaseTestCase, make_employee, make_user


def taipei_plan(authority) -> ProgramPlan:
    data = read_preset("taipei-114").data
    return ProgramPlan.objects.create(
        slug="taipei-test",
        name="plan",
        authority=authority,
        period_start=date(2000, 1, 1),
        config=data,
    )


def train(employee, *, plan, actor, at=None) -> None:
    """The plan's mentors' classes (generated once) completed by `employee`, as the
    events app's attendance records it."""
    classes = services.mentor_classes_generate(
        actor=actor, plan=plan, owner_unit=employee.unit.authority()
    ) or [found[0] for found in services.mentor_classes_of(plan).values()]
    for event in classes:
        Registration.objects.create(
            event=event,
            employee=employee,
            status=Registration.Status.REGISTERED,
            completed_at=at or timezone.now(),
        )


class MentoringTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = taipei_plan(cls.authority)
        cls.today = timezone.localdate()
        cls.mentor_user = make_user("mentor")
        cls.mentor_employee = make_employee(
            cls.mentor_user, unit=cls.unit, number="E0100", name="林資深"
        )
        cls.mentor = Mentor.objects.create(employee=cls.mentor_employee, added_by=cls.hr)
        train(cls.mentor_employee, plan=cls.plan, actor=cls.eap_admin)
        cls.hire_user = make_user("hire")
        cls.hire = make_employee(
            cls.hire_user,
            unit=cls.unit,
            number="E0101",
            name="許新人",
            hire_date=cls.today - timedelta(days=20),
        )
