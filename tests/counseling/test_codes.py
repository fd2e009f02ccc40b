"""Case codes: <PREFIX><ROC year>-<sequence>, unique and sequential per prefix and year."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import TransactionTestCase

from anxin.counseling.models import CaseCodeCounter
from anxin.counseling.services import case_code_allocate, code_prefix
from anxin.plans.models import ProgramPlan
from tests.counseling.base import CounselingTestCase


class CaseCodeTestCase(CounselingTestCase):
    def test_the_prefix_is_the_first_three_letters_of_the_slug(self):
        """A plan without `case_code_prefix` falls back to its slug's first letters."""
        for slug, prefix in (("taipei-114", "TAI"), ("taoyuan-104", "TAO"),
                             ("chiayi-105", "CHI"), ("pingtung", "PIN")):  # fmt: skip
            self.assertEqual(code_prefix(ProgramPlan(slug=slug)), prefix)

    def test_it_uses_the_plans_case_code_prefix(self):
        """A plan's `case_code_prefix` wins over the slug rule."""
        plan = ProgramPlan(slug="taipei-114", config={"case_code_prefix": "TPE"})
        self.assertEqual(code_prefix(plan), "TPE")

    def test_it_gives_each_preset_its_own_prefix(self):
        """The four presets carry TPE, TYC, CYC and PTC."""
        from anxin.plans.loader import load_preset

        for slug, prefix in (("taipei-114", "TPE"), ("taoyuan-104", "TYC"),
                             ("chiayi-105", "CYC"), ("pingtung", "PTC")):  # fmt: skip
            self.assertEqual(code_prefix(load_preset(slug)), prefix)

    def test_it_refuses_a_prefix_that_is_not_two_to_six_capitals(self):
        """`case_code_prefix` must be 2-6 capital letters; anything else fails validation."""
        from anxin.plans.loader import PlanFileError, parse_plan_text, validate_document
        from tests.plans.base import preset_text

        text = preset_text("taipei-114")
        for bad in ("tpe", "T", "TPE1", "TOOLONGX"):
            document = parse_plan_text(
                text.replace("case_code_prefix: TPE", f"case_code_prefix: {bad}"), "x.yaml"
            )
            with self.assertRaises(PlanFileError, msg=bad):
                validate_document(document)

    def test_codes_run_in_sequence_per_prefix_and_year(self):
        self.assertEqual(case_code_allocate(prefix="TAI", year=115), "TAI115-0001")
        self.assertEqual(case_code_allocate(prefix="TAI", year=115), "TAI115-0002")
        self.assertEqual(case_code_allocate(prefix="TAO", year=115), "TAO115-0001")
        self.assertEqual(case_code_allocate(prefix="TAI", year=116), "TAI116-0001")

    def test_opening_cases_uses_the_roc_year_of_the_day(self):
        from anxin.counseling import services

        first = services.case_open(
            item=self.make_request(), counselor=self.counselor, actor=self.intake,
            on=date(2025, 3, 1),
        )  # fmt: skip
        second = self.make_case()
        self.assertEqual(first.code, "TPE114-0001")
        year = date.today().year - 1911
        expected = 2 if year == 114 else 1
        self.assertEqual(second.code, f"TPE{year}-{expected:04d}")


@pytest.mark.postgres_only
class ConcurrentCaseCodeTestCase(TransactionTestCase):
    def test_parallel_allocations_give_distinct_sequential_codes(self):
        """Twenty transactions at once each get their own code, 0001 to 0020."""
        codes: list[str] = []
        errors: list[BaseException] = []
        barrier = threading.Barrier(20)

        def work():
            try:
                barrier.wait()
                codes.append(case_code_allocate(prefix="TAI", year=115))
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=work) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(codes), [f"TAI115-{n:04d}" for n in range(1, 21)])
        self.assertEqual(CaseCodeCounter.objects.get().last, 20)
