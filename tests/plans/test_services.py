"""Loading plans, and which plan serves whom."""

from datetime import date

from anxin.people.models import Employee, OrgUnit
from anxin.people.services import orgunit_create
from anxin.plans.loader import load_preset, read_preset
from anxin.plans.models import ProgramPlan
from anxin.plans.services import (
    DEFAULT_CRISIS_LINES,
    crisis_lines_for,
    crisis_lines_shown,
    is_eligible,
    plan_for_employee,
    plans_load,
)
from tests.base import BaseTestCase, make_employee, make_user


class LoadTestCase(BaseTestCase):
    def test_reloading_updates_the_plan_in_place(self):
        """Loading the same preset twice leaves one plan and one authority, same values."""
        first = load_preset("taoyuan-104")
        units = OrgUnit.objects.count()
        second = load_preset("taoyuan-104")
        self.assertEqual(second.pk, first.pk)
        self.assertEqual(ProgramPlan.objects.filter(slug="taoyuan-104").count(), 1)
        self.assertEqual(OrgUnit.objects.count(), units)
        self.assertEqual(second.authority_id, first.authority_id)
        self.assertEqual(second.config, first.config)
        self.assertGreaterEqual(second.loaded_at, first.loaded_at)

    def test_reloading_applies_an_edit(self):
        """An edited document replaces the stored configuration."""
        plan = load_preset("taoyuan-104")
        document = read_preset("taoyuan-104")
        document.data["counselling_quota"]["hours_per_year"] = 6
        document.data["name"] = "桃園市政府104年員工幸福心計畫（修正）"
        [result] = plans_load(documents=[document])
        self.assertFalse(result.created)
        self.assertFalse(result.authority_created)
        plan.refresh_from_db()
        self.assertEqual(plan.free_counselling_hours, 6)
        self.assertEqual(plan.name, "桃園市政府104年員工幸福心計畫（修正）")

    def test_it_reports_what_it_created(self):
        [result] = plans_load(documents=[read_preset("chiayi-105")])
        self.assertTrue(result.created)
        self.assertTrue(result.authority_created)

    def test_it_uses_the_authority_with_the_plans_agency_code(self):
        """The Taipei preset names code 379000000A, which the test authority holds: the plan
        attaches to it and no unit is created or renamed."""
        units = OrgUnit.objects.count()
        [result] = plans_load(documents=[read_preset("taipei-114")])
        self.assertEqual(result.plan.authority, self.authority)
        self.assertFalse(result.authority_created)
        self.assertEqual(OrgUnit.objects.count(), units)
        self.authority.refresh_from_db()
        self.assertEqual(self.authority.name, "範例市政府")

    def test_loading_several_files_is_all_or_nothing(self):
        """When one document fails, the others are not stored either."""
        good = read_preset("chiayi-105")
        clash = read_preset("pingtung")
        clash.data["slug"] = "chiayi-105"
        with self.assertRaises(Exception):  # noqa: B017 - PlanFileError, asserted below
            plans_load(documents=[good, clash])
        self.assertFalse(ProgramPlan.objects.exists())
        self.assertFalse(OrgUnit.objects.filter(name="嘉義市政府").exists())


class EligibilityTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.taipei = load_preset("taipei-114")  # attaches to 範例市政府 (same agency code)
        cls.chiayi = load_preset("chiayi-105")
        chiayi_unit = orgunit_create(
            name="嘉義市政府人事處", kind="agency", parent=cls.chiayi.authority
        )
        cls.chiayi_teacher = make_employee(
            None,
            unit=chiayi_unit,
            number="C0001",
            name="林老師",
            staff_category=Employee.StaffCategory.TEACHER,
        )

    def employee(self, category: str, **extra) -> Employee:
        return make_employee(
            None,
            unit=self.unit,
            number=f"T-{category}",
            name="測試",
            staff_category=category,
            **extra,
        )

    def test_a_teacher_is_served_in_chiayi_but_not_in_taipei(self):
        self.assertTrue(is_eligible(self.chiayi_teacher, self.chiayi))
        self.assertFalse(is_eligible(self.employee(Employee.StaffCategory.TEACHER), self.taipei))

    def test_relief_workers_and_substitute_service_are_not_served_in_taipei(self):
        for category in (
            Employee.StaffCategory.RELIEF_WORKER,
            Employee.StaffCategory.SUBSTITUTE_SERVICE,
        ):
            with self.subTest(category=category):
                self.assertFalse(is_eligible(self.employee(category), self.taipei))

    def test_taipei_serves_its_listed_categories(self):
        for category in ("civil_servant", "contract", "janitor", "security_police", "temporary"):
            with self.subTest(category=category):
                self.assertTrue(is_eligible(self.employee(category), self.taipei))
        self.assertTrue(is_eligible(self.alice_employee, self.taipei))

    def test_security_police_are_not_served_in_chiayi(self):
        """002 §參 does not list 駐衛警察."""
        self.assertFalse(self.chiayi.serves_category(Employee.StaffCategory.SECURITY_POLICE))
        self.assertTrue(self.taipei.serves_category(Employee.StaffCategory.SECURITY_POLICE))

    def test_an_employee_of_another_authority_is_not_served(self):
        self.assertFalse(is_eligible(self.alice_employee, self.chiayi))
        self.assertFalse(is_eligible(self.chiayi_teacher, self.taipei))

    def test_a_former_employee_is_not_served(self):
        former = self.employee(Employee.StaffCategory.CIVIL_SERVANT, is_active=False)
        self.assertFalse(is_eligible(former, self.taipei))

    def test_eligibility_asks_the_database_nothing(self):
        with self.assertNumQueries(0):
            is_eligible(self.alice_employee, self.taipei)


class PlanForEmployeeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.taipei = load_preset("taipei-114")
        for slug, start, end in [
            ("old", date(2021, 1, 1), date(2022, 12, 31)),
            ("next", date(2027, 1, 1), None),
        ]:
            ProgramPlan.objects.create(
                slug=slug,
                name=slug,
                authority=cls.authority,
                period_start=start,
                period_end=end,
                config={"crisis_lines": [{"number": "1925", "name": slug}]},
            )

    def test_it_picks_the_plan_in_force(self):
        self.assertEqual(plan_for_employee(self.alice_employee, on=date(2025, 6, 1)), self.taipei)
        self.assertEqual(plan_for_employee(self.alice_employee, on=date(2022, 6, 1)).slug, "old")
        self.assertEqual(plan_for_employee(self.alice_employee, on=date(2027, 2, 1)).slug, "next")

    def test_the_latest_started_plan_wins_an_overlap(self):
        overlap = ProgramPlan.objects.create(
            slug="amended",
            name="amended",
            authority=self.authority,
            period_start=date(2025, 7, 1),
            period_end=date(2026, 12, 31),
        )
        self.assertEqual(plan_for_employee(self.alice_employee, on=date(2025, 8, 1)), overlap)
        self.assertEqual(plan_for_employee(self.alice_employee, on=date(2025, 6, 1)), self.taipei)

    def test_an_ended_plan_stays_in_force_until_the_next_starts(self):
        """Between the old plan's end and the next start, the latest ended plan applies."""
        self.assertEqual(plan_for_employee(self.alice_employee, on=date(2023, 6, 1)).slug, "old")

    def test_there_is_no_plan_before_the_first_starts(self):
        self.assertIsNone(plan_for_employee(self.alice_employee, on=date(2020, 1, 1)))
        self.assertIsNone(plan_for_employee(None))

    def test_it_takes_one_query(self):
        with self.assertNumQueries(1):
            plan_for_employee(self.alice_employee, on=date(2025, 6, 1))


class CrisisLinesTestCase(BaseTestCase):
    def test_it_answers_nothing_without_a_plan(self):
        """The pages then show the national lines."""
        self.assertEqual(crisis_lines_for(self.alice_employee), [])
        self.assertEqual(crisis_lines_for(None), [])

    def test_the_national_lines_are_shown_without_a_plan(self):
        self.assertEqual(crisis_lines_shown(None), DEFAULT_CRISIS_LINES)
        self.assertEqual(crisis_lines_shown(self.alice_employee)[0]["number"], "1925")

    def test_it_gives_the_plans_lines_in_one_query(self):
        taoyuan = load_preset("taoyuan-104")
        unit = orgunit_create(name="桃園市政府人事處", kind="agency", parent=taoyuan.authority)
        employee = make_employee(None, unit=unit, number="TY001", name="張小華")
        with self.assertNumQueries(1):
            lines = crisis_lines_for(employee)
        self.assertEqual(lines[0], {"number": "1925", "name": "安心專線", "hours": "24小時"})
        self.assertEqual(lines[-1]["number"], "03-3027858")
        self.assertEqual(set(lines[-1]), {"number", "name", "hours"})

    def test_the_footer_shows_the_plans_lines(self):
        """Core's context processor puts the plan's own line at the foot of every page."""
        taoyuan = load_preset("taoyuan-104")
        unit = orgunit_create(name="桃園市政府人事處", kind="agency", parent=taoyuan.authority)
        user = make_user("taoyuan-employee")
        make_employee(user, unit=unit, number="TY002", name="李小青")
        self.login(user)
        response = self.client.get("/")
        self.assertContains(response, "03-3027858")
