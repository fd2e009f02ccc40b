"""The advice pages: the employee books (a time taken a moment ago or begun is refused
on the page with what was typed kept) and cancels; the adviser sees the day and reads a
topic, the read logged; others get 404."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.people.services import orgunit_create
from anxin.resources.advice.models import AdviceBooking
from anxin.resources.advice.services import advice_cancel
from tests.base import make_employee, make_user
from tests.resources.advice_base import AdviceTestCase, at, make_slot

TOPIC = "離婚後子女扶養費"


class EmployeePagesTests(AdviceTestCase):
    def setUp(self):
        self.login(self.alice)

    def test_it_lists_the_services_and_their_free_times(self):
        self.book(slot=self.slot2, employee=self.outsider_employee)
        response = self.client.get("/resources/advice/")
        self.assertContains(response, "法律扶助諮詢")
        self.assertContains(response, f"?time={self.slot.uuid}")
        self.assertNotContains(response, f"?time={self.slot2.uuid}")  # taken
        self.assertNotContains(response, f"?time={self.past_slot.uuid}")

    def test_the_list_runs_a_fixed_number_of_queries(self):
        self.client.get("/resources/advice/")
        with CaptureQueriesContext(connection) as small:
            self.client.get("/resources/advice/")
        self.allow()
        for n in range(20):
            self.book(slot=make_slot(self.service, at(5 + n, 11)))
            make_slot(self.service, at(5 + n, 9))
        with self.assertNumQueries(len(small.captured_queries)):
            self.client.get("/resources/advice/")

    def test_it_books_a_time(self):
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/",
            {"slot": str(self.slot.uuid), "topic": TOPIC},
        )
        self.assertRedirects(response, "/resources/advice/")
        booking = AdviceBooking.objects.get(slot=self.slot)
        self.assertEqual(booking.employee, self.alice_employee)
        self.assertNotIn(TOPIC, booking.topic)

    def test_a_time_taken_a_moment_ago_is_refused_and_the_topic_kept(self):
        self.book(employee=self.outsider_employee)
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/",
            {"slot": str(self.slot.uuid), "topic": TOPIC},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "剛剛已有人預約")
        self.assertContains(response, TOPIC)
        self.assertContains(response, str(self.slot2.uuid))  # another time to choose

    def test_a_time_begun_is_refused_and_the_topic_kept(self):
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/",
            {"slot": str(self.past_slot.uuid), "topic": TOPIC},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "這個時段已經開始或已過")
        self.assertContains(response, TOPIC)
        self.assertFalse(AdviceBooking.objects.exists())

    def test_the_page_answers_in_zh_hant(self):
        self.book(employee=self.outsider_employee)
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/",
            {"slot": str(self.slot.uuid), "topic": TOPIC},
            HTTP_ACCEPT_LANGUAGE="zh-hant",
        )
        self.assertContains(response, "剛剛已有人預約")
        self.assertContains(response, TOPIC)

    def test_no_time_chosen_keeps_the_topic(self):
        response = self.client.post(
            f"/resources/advice/{self.service.uuid}/book/", {"topic": TOPIC}
        )
        self.assertContains(response, "請選擇一個時段。")
        self.assertContains(response, TOPIC)

    def test_another_authoritys_service_is_404(self):
        elsewhere = orgunit_create(name="他市政府", kind="authority", code="380000000A")
        stranger = make_user("stranger")
        make_employee(stranger, unit=elsewhere, number="X1", name="路人")
        self.login(stranger)
        response = self.client.get(f"/resources/advice/{self.service.uuid}/book/")
        self.assertEqual(response.status_code, 404)

    def test_the_wrong_method_is_refused(self):
        response = self.client.put(f"/resources/advice/{self.service.uuid}/book/")
        self.assertEqual(response.status_code, 405)
        booking = self.book()
        response = self.client.get(f"/resources/advice/bookings/{booking.uuid}/cancel/")
        self.assertEqual(response.status_code, 405)

    def test_it_cancels_her_own_booking(self):
        booking = self.book()
        response = self.client.post(f"/resources/advice/bookings/{booking.uuid}/cancel/")
        self.assertRedirects(response, "/resources/advice/")
        booking.refresh_from_db()
        self.assertEqual(booking.status, AdviceBooking.Status.CANCELLED)

    def test_another_persons_booking_is_404(self):
        booking = self.book(employee=self.outsider_employee)
        response = self.client.post(f"/resources/advice/bookings/{booking.uuid}/cancel/")
        self.assertEqual(response.status_code, 404)
        booking.refresh_from_db()
        self.assertTrue(booking.is_booked)

    def test_staff_roles_cannot_book(self):
        self.login(self.hr)
        response = self.client.get(f"/resources/advice/{self.service.uuid}/book/")
        self.assertEqual(response.status_code, 403)


class AdviserPagesTests(AdviceTestCase):
    def test_the_adviser_sees_the_days_bookings_without_topics(self):
        booking = self.book(topic=TOPIC)
        self.login(self.counselor)
        day = timezone.localtime(self.slot.starts_at).date()
        response = self.client.get(f"/resources/advice/day/?day={day.isoformat()}")
        self.assertContains(response, "王小美")
        self.assertContains(response, str(booking.uuid))
        self.assertNotContains(response, TOPIC)
        self.assertFalse(AccessLog.objects.filter(record_uuid=booking.uuid).exists())

    def test_the_day_accepts_a_roc_date(self):
        self.book()
        self.login(self.counselor)
        day = timezone.localtime(self.slot.starts_at).date()
        roc = f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"
        self.assertContains(self.client.get(f"/resources/advice/day/?day={roc}"), "王小美")

    def test_the_day_list_runs_a_fixed_number_of_queries(self):
        self.login(self.counselor)
        url = f"/resources/advice/day/?day={timezone.localtime(self.slot.starts_at).date()}"
        self.book()
        self.client.get(url)
        with CaptureQueriesContext(connection) as small:
            self.client.get(url)
        self.allow()
        for minutes in range(30, 300, 30):
            self.book(
                slot=make_slot(self.service, self.slot.starts_at + timedelta(minutes=minutes))
            )
        with self.assertNumQueries(len(small.captured_queries)):
            self.client.get(url)

    def test_the_adviser_reads_the_topic_and_the_read_is_logged(self):
        booking = self.book(topic=TOPIC)
        self.login(self.counselor)
        response = self.client.get(f"/resources/advice/day/{booking.uuid}/")
        self.assertContains(response, TOPIC)
        log = AccessLog.objects.get(record_uuid=booking.uuid)
        self.assertEqual(log.purpose, "advice")
        self.assertEqual(log.actor, self.counselor)
        self.assertEqual(log.subject_uuid, self.alice_employee.uuid)
        self.assertEqual(log.field, "topic")

    def test_another_counsellor_gets_404_and_reads_nothing(self):
        booking = self.book(topic=TOPIC)
        self.login(self.counselor2)
        self.assertEqual(self.client.get(f"/resources/advice/day/{booking.uuid}/").status_code, 404)
        response = self.client.get("/resources/advice/day/")
        self.assertContains(response, "尚未被指定為任何諮詢服務的諮詢人員")
        self.assertFalse(AccessLog.objects.filter(record_uuid=booking.uuid).exists())

    def test_the_adviser_cancels_with_a_reason(self):
        booking = self.book(topic=TOPIC)
        self.login(self.counselor)
        url = f"/resources/advice/day/{booking.uuid}/"
        response = self.client.post(url, {"reason": ""})
        self.assertContains(response, "請填寫給同仁的取消原因")
        response = self.client.post(url, {"reason": "律師請假"})
        self.assertEqual(response.status_code, 302)
        booking.refresh_from_db()
        self.assertEqual(booking.status, AdviceBooking.Status.CANCELLED_BY_ADVISER)
        self.login(self.alice)
        self.assertContains(self.client.get("/resources/advice/"), "律師請假")

    def test_a_cancelled_booking_has_no_cancel_form(self):
        booking = advice_cancel(booking=self.book(), actor=self.alice)
        self.login(self.counselor)
        response = self.client.get(f"/resources/advice/day/{booking.uuid}/")
        self.assertNotContains(response, 'name="reason"')

    def test_employees_and_hr_cannot_open_the_day(self):
        for user, code in ((self.alice, 403), (self.hr, 403)):
            self.login(user)
            self.assertEqual(self.client.get("/resources/advice/day/").status_code, code)

    def test_the_employee_sees_the_read_in_her_access_log(self):
        booking = self.book(topic=TOPIC)
        self.login(self.counselor)
        self.client.get(f"/resources/advice/day/{booking.uuid}/")
        self.login(self.alice)
        response = self.client.get("/people/me/access-log/")
        self.assertContains(response, "您預約諮詢時段的諮詢人員，為該次諮詢作準備")
        self.assertContains(response, "諮詢預約")
        self.assertNotContains(response, TOPIC)
