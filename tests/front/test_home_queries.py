from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.people.models import Employee
from tests.base import BaseTestCase


class HomeQueryCountTestCase(BaseTestCase):
    """A home page runs the same number of queries with 10 and with 1,000 employees."""

    def add_employees(self, count: int) -> None:
        start = Employee.objects.count()
        Employee.objects.bulk_create(
            Employee(
                authority=self.authority,
                unit=self.unit,
                number=f"Q{start + i:05d}",
                name=f"測試{i}",
                staff_category="civil_servant",
                gender="F",
                birth_date=date(1980, 1, 1),
                hire_date=date(2010, 1, 1),
            )
            for i in range(count)
        )

    def queries_for(self, user) -> int:
        self.login(user)
        self.client.get("/")  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as context:
            response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return len(context)

    def test_it_keeps_the_query_count_fixed(self):
        for user in (self.hr, self.eap_admin, self.alice, self.counselor):
            self.add_employees(10)
            small = self.queries_for(user)
            self.add_employees(990)
            large = self.queries_for(user)
            self.assertEqual(small, large, user.username)
