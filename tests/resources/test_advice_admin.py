"""The EAP administrator's advice services (made from the plan, advisers named, weekly
times added and removed) and the counts HR officers and the administrator see, through
the k rule."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from anxin.resources.advice.models import AdviceBooking, AdviceRule, AdviceService
from tests.base import make_employee, make_user
from tests.resources.advice_base import AdviceTestCase, at, make_slot


class ServicesPagesTests(AdviceTestCase):
    def setUp(self):
        self.login(self.eap_admin)

    def test_it_lists_the_services(self):
        response = self.client.get("/resources/advice/services/")
        self.assertContains(response, "法律扶助諮詢")
        self.assertContains(response, "counselor")

    def test_it_makes_the_services_and_times_from_the_plan(self):
        response = self.client.post("/resources/advice/services/")
        self.assertRedirects(response, "/resources/advice/services/")
        legal = AdviceService.objects.get(plan=self.plan, channel_key="legal_advice")
        self.assertTrue(legal.slots.exists())
        self.client.post("/resources/advice/services/")
        self.assertEqual(AdviceService.objects.filter(plan=self.plan).count(), 3)

    def test_it_names_the_advisers_and_saves_the_service(self):
        url = f"/resources/advice/services/{self.service.uuid}/"
        self.assertContains(self.client.get(url), "counselor2")
        response = self.client.post(
            url,
            {"name": "法律諮詢", "provider": "民政處", "slot_minutes": "20",
             "advisers": [str(self.counselor2.pk)], "active": "on"},
        )  # fmt: skip
        self.assertRedirects(response, url)
        self.service.refresh_from_db()
        self.assertEqual(self.service.slot_minutes, 20)
        self.assertEqual(list(self.service.advisers.all()), [self.counselor2])

    def test_only_counsellors_can_be_named(self):
        url = f"/resources/advice/services/{self.service.uuid}/"
        response = self.client.post(
            url, {"name": "x", "slot_minutes": "30", "advisers": [str(self.hr.pk)]}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.service.advisers.filter(pk=self.hr.pk).exists())

    def test_it_adds_and_removes_a_weekly_time(self):
        url = f"/resources/advice/services/{self.service.uuid}/rules/"
        self.client.post(
            url, {"weekday": "2", "start": "上午9:30", "end": "12:00", "place": "西區"}
        )
        rule = AdviceRule.objects.get(service=self.service, weekday=2)
        self.assertEqual(rule.place, "西區")
        response = self.client.post(
            url, {"weekday": "3", "start": "12:00", "end": "09:00", "place": "x"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(AdviceRule.objects.filter(service=self.service, weekday=3).exists())
        self.client.post(f"{url}{rule.pk}/remove/")
        self.assertFalse(AdviceRule.objects.filter(pk=rule.pk).exists())

    def test_the_wrong_method_and_other_roles_are_refused(self):
        url = f"/resources/advice/services/{self.service.uuid}/rules/"
        self.assertEqual(self.client.get(url).status_code, 405)
        self.login(self.hr)
        self.assertEqual(self.client.get("/resources/advice/services/").status_code, 403)


class CountsTests(AdviceTestCase):
    def book_people(self, n: int, unit) -> None:
        for i in range(n):
            user = make_user(f"p{unit.pk}-{i}")
            employee = make_employee(user, unit=unit, number=f"P{unit.pk}-{i}", name=f"同仁{i}")
            slot = make_slot(self.service, at(1, 13) + timedelta(minutes=30 * i + unit.pk))
            self.book(slot=slot, employee=employee)

    def counts(self, user):
        """The counts page, read late on the day of the sessions booked (tomorrow): the
        page lists the months up to today's, and on a month's last day tomorrow's is not
        yet among them."""
        with mock.patch("django.utils.timezone.now", return_value=at(1, 23)):
            self.login(user)
            return self.client.get("/resources/advice/counts/")

    def test_hr_sees_counts_of_the_agency_hidden_under_k(self):
        self.book_people(3, self.unit)
        response = self.counts(self.hr)
        self.assertContains(response, "法律扶助諮詢")
        self.assertContains(response, "kanon-hidden")
        self.assertNotContains(response, "王小美")

    def test_the_administrator_sees_a_count_of_k_or_more(self):
        self.book_people(6, self.unit)
        response = self.counts(self.eap_admin)
        self.assertNotContains(response, "kanon-hidden")
        self.assertContains(response, '<td class="text-end">6</td>')

    def test_hr_counts_only_the_agencys_people(self):
        self.book_people(6, self.other_agency)
        response = self.counts(self.hr)
        self.assertNotContains(response, '<td class="text-end">6</td>')

    def test_a_cancelled_booking_does_not_count(self):
        self.book_people(5, self.unit)
        AdviceBooking.objects.filter(employee__number=f"P{self.unit.pk}-0").update(
            status=AdviceBooking.Status.CANCELLED, cancelled_at=timezone.now()
        )
        self.assertContains(self.counts(self.eap_admin), "kanon-hidden")

    def test_employees_and_counsellors_are_refused(self):
        for user in (self.alice, self.counselor):
            self.login(user)
            self.assertEqual(self.client.get("/resources/advice/counts/").status_code, 403)
