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
        for slug, prefix in (("taipei-114", "TAI"), ("taoyuan-104", "TAO"),
                             ("chiayi-105", "CHI"), ("pingtung", "PIN")):  # fmt: skip
            self.assertEqual(code_prefix(ProgramPlan(slug=slug)), prefix)

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
        self.assertEqual(first.code, "TAI114-0001")
        year = date.today().year - 1911
        expected = 2 if year == 114 else 1
        self.assertEqual(second.code, f"TAI{year}-{expected:04d}")


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
