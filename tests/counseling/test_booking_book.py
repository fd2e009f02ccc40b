"""The employee books a free time of his or her case's counsellor; a time taken a moment
ago is refused clearly, and two employees never hold one slot."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.counseling import services as counselling
from anxin.counseling.booking import services
from anxin.counseling.booking.models import Appointment, QuotaEntry, Slot
from anxin.counseling.models import Case
from tests.base import make_employee, make_user
from tests.counseling.booking_base import BookingTestCase, at, fresh, mid_year_clock

HOME = reverse("counseling:booking_home")


def book_url(case: Case) -> str:
    return reverse("counseling:booking_book", args=[case.code])


class BookTests(BookingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.case = cls.make_case()

    def test_it_lists_only_the_free_future_times_of_the_case_counsellor(self):
        """Free future times of her counsellor: not another counsellor's, not a taken
        one, not one in the past."""
        mine = self.make_slot(starts=at(2, 9))
        taken = self.make_slot(starts=at(2, 11))
        self.make_slot(counselor=self.counselor2, starts=at(2, 13))
        self.past_slot(counselor=self.counselor, starts=timezone.now() - timedelta(hours=2))
        other_case = self.make_case(self.make_request(self.outsider_employee))
        services.appointment_book(case=other_case, slot=taken, actor=self.outsider)
        self.login(self.alice)
        response = self.client.get(book_url(self.case))
        listed = list(response.context["form"].fields["slot"].queryset)
        self.assertEqual(listed, [mine])

    def test_it_books_a_time_and_charges_nothing_without_a_quota(self):
        """Booking makes an appointment; a plan without a quota still keeps a ledger."""
        slot = self.make_slot()
        self.login(self.alice)
        response = self.client.post(book_url(self.case), {"slot": str(slot.uuid)})
        self.assertRedirects(response, HOME)
        appointment = Appointment.objects.get()
        self.assertEqual(appointment.status, Appointment.Status.BOOKED)
        self.assertEqual(appointment.employee, self.alice_employee)
        entry = QuotaEntry.objects.get()
        self.assertEqual(entry.hours, Decimal("1.00"))
        self.assertEqual(entry.source_uuid, appointment.uuid)
        self.assertIn(self.case.code, entry.label)

    def test_it_refuses_a_time_taken_a_moment_ago(self):
        """The slot was free when the page was shown and taken before the employee sent
        the form: a clear refusal, nothing booked for her."""
        slot = self.make_slot()
        other_case = self.make_case(self.make_request(self.outsider_employee))
        self.login(self.alice)
        self.client.get(book_url(self.case))
        services.appointment_book(case=other_case, slot=slot, actor=self.outsider)
        response = self.client.post(book_url(self.case), {"slot": str(slot.uuid)})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("slot", "invalid_choice"))
        self.assertEqual(Appointment.objects.filter(employee=self.alice_employee).count(), 0)

    def test_the_service_refuses_a_taken_slot(self):
        """Under the lock, a second booking of one slot is refused with code "taken"."""
        slot = self.make_slot()
        services.appointment_book(case=self.case, slot=slot, actor=self.alice)
        other_case = self.make_case(self.make_request(self.outsider_employee))
        with self.assertRaises(Refused) as caught:
            services.appointment_book(case=other_case, slot=slot, actor=self.outsider)
        self.assertEqual(caught.exception.code, "taken")

    def test_a_cancelled_slot_can_be_booked_again(self):
        """A cancellation frees the slot."""
        slot = self.make_slot(starts=at(5))
        first = services.appointment_book(case=self.case, slot=slot, actor=self.alice)
        services.appointment_cancel(appointment=first, actor=self.alice)
        again = services.appointment_book(case=self.case, slot=slot, actor=self.alice)
        self.assertEqual(again.status, Appointment.Status.BOOKED)

    def test_it_refuses_another_counsellors_slot_and_a_past_one(self):
        """The service books only the case counsellor's future times."""
        other = self.make_slot(counselor=self.counselor2)
        past = self.past_slot(counselor=self.counselor, starts=timezone.now() - timedelta(hours=1))
        for slot, code in [(other, "counselor"), (past, "past")]:
            with self.subTest(code=code), self.assertRaises(Refused) as caught:
                services.appointment_book(case=self.case, slot=slot, actor=self.alice)
            self.assertEqual(caught.exception.code, code)

    def test_it_answers_404_for_another_employees_case_and_a_closed_one(self):
        """The outsider cannot open Alice's case's page; a closed case takes no booking."""
        self.login(self.outsider)
        self.assertEqual(self.client.get(book_url(self.case)).status_code, 404)
        counselling.case_close(
            case=self.case, outcome="resolved", closed_on=timezone.localdate(), expected_version=1
        )
        self.login(self.alice)
        self.assertEqual(self.client.get(book_url(self.case)).status_code, 404)

    def test_it_links_the_booking_page_from_the_request_list(self):
        """Her request list leads to the booking page of its case."""
        self.login(self.alice)
        response = self.client.get(reverse("counseling:my_requests"))
        self.assertContains(response, book_url(self.case))

    def test_it_answers_405_to_put_and_403_to_staff(self):
        self.login(self.alice)
        self.assertEqual(self.client.put(book_url(self.case)).status_code, 405)
        self.login(self.counselor)
        self.assertEqual(self.client.get(book_url(self.case)).status_code, 403)

    def test_the_home_page_lists_appointments_and_ledger(self):
        """The employee's page shows her appointment with its place and the ledger entry
        naming the case and date it came from (the ledger of today's plan year)."""
        with mid_year_clock():
            slot = self.make_slot()
            services.appointment_book(case=self.case, slot=slot, actor=self.alice)
            self.login(self.alice)
            response = self.client.get(HOME)
        self.assertContains(response, "協談室A")
        self.assertContains(response, self.case.code)
        self.assertEqual(len(response.context["entries"]), 1)


@pytest.mark.postgres_only
class ParallelBookingTests(TransactionTestCase):
    """Twenty employees try to book one slot at the same moment (PostgreSQL)."""

    ATTEMPTS = 20

    def test_it_gives_one_slot_to_exactly_one_of_twenty(self):
        """Twenty threads, each on its own connection, book the same slot at once:
        exactly one appointment, nineteen refusals with code "taken"."""
        from anxin.people.services import orgunit_create
        from anxin.plans.loader import load_preset
        from tests.base import give_role

        authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        unit = orgunit_create(name="第一科", kind="unit", parent=authority)
        plan = load_preset("taipei-114")
        counselor, intake = make_user("c"), make_user("i")
        give_role(counselor, "counselor", authority)
        give_role(intake, "intake", authority)
        cases = []
        for number in range(self.ATTEMPTS):
            employee = make_employee(
                make_user(f"e{number}"), unit=unit, number=f"P{number:03d}", name=f"員工{number}"
            )
            item = counselling.request_submit(
                employee=employee, plan=plan, concern="emotion", urgency="soon", mode="phone",
                gender_preference="any", contact_method="phone", contact_value="0912-345-678",
                details="", preferred_times="",
            )  # fmt: skip
            cases.append(counselling.case_open(item=item, counselor=counselor, actor=intake))
        slot = services.slot_publish(
            counselor=counselor, starts_at=at(3), ends_at=at(3, 11), mode="phone", room=None
        )
        barrier = threading.Barrier(self.ATTEMPTS)
        results: list[str] = []
        lock = threading.Lock()

        def attempt(case):
            try:
                barrier.wait()
                case = Case.objects.select_related("plan").get(pk=case.pk)
                services.appointment_book(
                    case=case, slot=Slot(pk=slot.pk), actor=case.employee.user
                )
                outcome = "booked"
            except Refused as exc:
                outcome = exc.code
            except Exception as exc:  # recorded, so that the assertion shows it
                outcome = f"error {type(exc).__name__}: {exc}"
            finally:
                connection.close()
            with lock:
                results.append(outcome)

        threads = [threading.Thread(target=attempt, args=(case,)) for case in cases]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(results), ["booked"] + ["taken"] * (self.ATTEMPTS - 1))
        self.assertEqual(Appointment.objects.filter(slot_id=slot.pk).count(), 1)
        self.assertEqual(QuotaEntry.objects.count(), 1)
        fresh(cases[0])  # the database is still usable
