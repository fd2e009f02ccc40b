"""Every booking list page runs the same number of queries at two sizes."""

from django.urls import reverse
from django.utils import timezone

from anxin.counseling.booking import services
from anxin.counseling.booking.models import Appointment, QuotaEntry, Room
from tests.base import make_employee, make_user
from tests.counseling.booking_base import BookingTestCase, at, fresh


class QueryCountTests(BookingTestCase):
    def grow(self, n: int, start: int) -> None:
        """n more booked appointments of Alice, rooms, ledger entries and over-quota
        requests of other employees."""
        case = fresh(self.make_case())
        for i in range(start, start + n):
            slot = self.make_slot(starts=at(2 + i, 9))
            services.appointment_book(case=case, slot=slot, actor=self.alice)
            Room.objects.create(authority=self.authority, name=f"R{i}", location="x")
            user = make_user(f"q{i}")
            employee = make_employee(user, unit=self.unit, number=f"Q{i:03d}", name=f"員工{i}")
            other = self.make_case(self.make_request(employee))
            Appointment.objects.create(
                slot=self.make_slot(starts=at(2 + i, 13)),
                case=other,
                employee=employee,
                status=Appointment.Status.AWAITING_APPROVAL,
            )
            services.quota_charge(
                employee=self.alice_employee, plan=self.plan, on=timezone.localdate(),
                hours=1, source_kind=QuotaEntry.SourceKind.CALL, source_uuid=None,
                label="call", actor=self.counselor,
            )  # fmt: skip
            self.make_slot(starts=at(2 + i, 16), mode="phone")

    def count(self, user, url) -> int:
        self.login(user)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_list_pages_run_a_fixed_number_of_queries(self):
        case = fresh(self.make_case())
        pages = [
            (self.alice, reverse("counseling:booking_home")),
            (self.alice, reverse("counseling:booking_book", args=[case.code])),
            (self.counselor, reverse("counseling:booking_timetable")),
            (self.intake, reverse("counseling:booking_rooms")),
            (self.intake, reverse("counseling:booking_approvals")),
        ]
        self.grow(1, 0)
        small = [self.count(user, url) for user, url in pages]
        self.grow(4, 1)
        for (user, url), expected in zip(pages, small, strict=True):
            self.login(user)
            with self.subTest(url=url), self.assertNumQueries(expected):
                self.assertEqual(self.client.get(url).status_code, 200)
