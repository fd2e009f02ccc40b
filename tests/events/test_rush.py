"""The registration rush on PostgreSQL: many people at once, never more than the places."""

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import TransactionTestCase

from anxin.events import services
from anxin.events.models import Registration
from anxin.people.models import Employee, User
from anxin.people.services import orgunit_create
from tests.events.base import make_event

ATTEMPTS = 300
PLACES = 35
# Threads (each with its own connection) at once: PostgreSQL allows 100 connections by
# default, shared with other test runs; each thread makes 10 attempts.
THREADS = 30


@pytest.mark.postgres_only
class RegistrationRushTests(TransactionTestCase):
    def test_it_gives_exactly_the_places_under_a_rush(self):
        """300 people trying for 35 places at once: 35 registered, 265 waiting, no error."""
        authority = orgunit_create(name="範例市政府", kind="authority")
        organiser = User.objects.create_user("organiser")
        users = User.objects.bulk_create([User(username=f"rush{n}") for n in range(ATTEMPTS)])
        person = {"staff_category": "civil_servant", "gender": "F",
                  "birth_date": date(1980, 1, 1), "hire_date": date(2010, 1, 1)}  # fmt: skip
        Employee.objects.bulk_create(
            Employee(
                user=user,
                authority=authority,
                unit=authority,
                number=f"R{n:04}",
                name=f"同仁{n}",
                **person,
            )
            for n, user in enumerate(users)
        )
        event = make_event(organiser, authority, publish=True, capacity=PLACES)
        employees = list(Employee.objects.select_related("unit", "user"))
        barrier = threading.Barrier(THREADS)
        errors: list[BaseException] = []

        def attempts(share: list[Employee]) -> None:
            try:
                barrier.wait(timeout=60)
                for employee in share:
                    services.registration_create(
                        event=event, employee=employee, actor=employee.user
                    )
            except BaseException as error:  # collected and asserted below
                errors.append(error)
            finally:
                connection.close()  # this thread's own connection

        threads = [
            threading.Thread(target=attempts, args=(employees[n::THREADS],)) for n in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(errors, [])
        statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
        self.assertEqual(statuses.count(Registration.Status.REGISTERED), PLACES)
        self.assertEqual(statuses.count(Registration.Status.WAITLISTED), ATTEMPTS - PLACES)
