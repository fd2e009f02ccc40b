"""The people of the mentoring tests: Alice's agency (社會局) under Taipei's plan, a
trained mentor and a new hire there, hr of 社會局, an outsider at 教育局."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.care.mentoring.models import Mentor
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
        cls.mentor = Mentor.objects.create(
            employee=cls.mentor_employee,
            trained_on=date(2024, 5, 1),
            training="資深職場導師輔導知能訓練",
            added_by=cls.hr,
        )
        cls.hire_user = make_user("hire")
        cls.hire = make_employee(
            cls.hire_user,
            unit=cls.unit,
            number="E0101",
            name="許新人",
            hire_date=cls.today - timedelta(days=20),
        )
