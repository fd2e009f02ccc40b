"""A plan that names no staff categories serves every category of its roster (issue 13,
item 7; decision 0041): Pingtung's guidelines name none, and the preset used to invent a
list that left teachers out."""

from django.test import TestCase

from anxin.people import roster
from anxin.people.models import Employee
from anxin.people.services import orgunit_create
from anxin.plans.loader import load_preset
from anxin.plans.services import is_eligible
from tests.people.roster_files import csv_bytes


class UnnamedCategoriesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = load_preset("pingtung")
        cls.school = orgunit_create(
            name="屏東縣立某國民小學", kind="school", parent=cls.plan.authority, code="376499000Z"
        )

    def test_the_pingtung_preset_names_no_categories(self):
        self.assertFalse(self.plan.names_staff_categories)
        self.assertNotIn("staff_categories", self.plan.config["eligibility"])

    def test_it_serves_every_category(self):
        self.assertEqual(self.plan.staff_categories, list(Employee.StaffCategory.values))
        for category in Employee.StaffCategory.values:
            with self.subTest(category=category):
                self.assertTrue(self.plan.serves_category(category))

    def test_a_teacher_imported_from_the_roster_is_served(self):
        rows = [["T0001", "李宜蓁", "376499000Z", "教務處", "教師", "女", "1990/07/21",
                 "114/08/01", ""]]  # fmt: skip
        outcome = roster.roster_import(
            data=csv_bytes(rows), filename="roster.csv", scope=self.plan.authority
        )
        self.assertTrue(outcome.applied, outcome.errors)
        teacher = Employee.objects.get(number="T0001")
        self.assertEqual(teacher.staff_category, Employee.StaffCategory.TEACHER)
        self.assertTrue(is_eligible(teacher, self.plan))

    def test_the_plan_page_says_every_category_is_served(self):
        rows = self.plan.staff_category_rows()
        self.assertTrue(all(served for _label, served in rows))


class NamedCategoriesTestCase(TestCase):
    def test_a_plan_that_names_categories_still_refuses_the_others(self):
        taipei = load_preset("taipei-114")
        self.assertTrue(taipei.names_staff_categories)
        self.assertFalse(taipei.serves_category(Employee.StaffCategory.TEACHER))
