"""Two employees book the same advice time at the same moment, each on its own
connection (PostgreSQL): exactly one wins, the other is told the time was just taken."""

import threading

import pytest
from django.db import connection
from django.test import TransactionTestCase

from anxin.core.refusals import Refused
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan
from anxin.resources.advice.models import AdviceBooking, AdviceService
from anxin.resources.advice.services import advice_book
from tests.base import make_employee, make_user
from tests.resources.advice_base import at, make_slot

PEOPLE = 2


@pytest.mark.postgres_only
class AdviceRaceTests(TransactionTestCase):
    def setUp(self):
        authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        unit = orgunit_create(name="第一科", kind="unit", parent=authority)
        plan = ProgramPlan.objects.create(slug="race", name="race", authority=authority)
        service = AdviceService.objects.create(plan=plan, name="法律扶助諮詢", slot_minutes=30)
        self.slot = make_slot(service, at(1, 10))
        self.employees = [
            make_employee(make_user(f"e{n}"), unit=unit, number=f"E{n}", name=f"員工{n}")
            for n in range(PEOPLE)
        ]

    def test_two_employees_book_one_slot_at_once_one_wins(self):
        barrier = threading.Barrier(PEOPLE)
        results: list[str] = []
        lock = threading.Lock()

        def run(employee):
            try:
                barrier.wait()
                advice_book(slot=self.slot, employee=employee, topic="遺產", actor=employee.user)
                outcome = "booked"
            except Refused as refused:
                outcome = f"Refused {refused.code}"
            except Exception as exc:  # recorded, so that the assertion shows it
                outcome = type(exc).__name__
            finally:
                connection.close()
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=run, args=(e,)) for e in self.employees]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(results), ["Refused taken", "booked"], results)
        self.assertEqual(AdviceBooking.objects.filter(slot=self.slot, status="booked").count(), 1)
