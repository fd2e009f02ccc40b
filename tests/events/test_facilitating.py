"""The facilitator's own list: the events he or she leads, with the way to roster and
attendance, for a staff member without an employee record too."""

from django.urls import reverse

from anxin.events import services
from tests.events.base import EventsTestCase, make_event


class FacilitatingTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.led = make_event(
            cls.eap_admin, cls.authority, publish=True, facilitator=cls.counselor,
            title="正念減壓工作坊",
        )  # fmt: skip
        cls.draft = make_event(
            cls.eap_admin, cls.authority, facilitator=cls.counselor, title="尚未發布的講座"
        )
        cls.other = make_event(cls.eap_admin, cls.authority, publish=True, title="別人的講座")
        services.registration_create(event=cls.led, employee=cls.alice_employee, actor=cls.alice)

    def test_the_counsellor_finds_the_events_he_leads_with_roster_and_attendance(self):
        self.login(self.counselor)
        response = self.client.get(reverse("events:facilitating"))
        self.assertContains(response, "正念減壓工作坊")
        self.assertContains(response, reverse("events:roster", args=[self.led.uuid]))
        self.assertContains(response, reverse("events:attendance", args=[self.led.uuid]))
        self.assertEqual(response.context["rows"][0]["event"].registered, 1)
        # Drafts and others' events are not listed.
        self.assertNotContains(response, "尚未發布的講座")
        self.assertNotContains(response, "別人的講座")
        # The menu leads there.
        self.assertContains(response, f'href="{reverse("events:facilitating")}"')

    def test_someone_who_leads_nothing_is_told_so(self):
        self.login(self.hr)
        response = self.client.get(reverse("events:facilitating"))
        self.assertEqual(response.context["rows"], [])
        self.assertContains(response, "目前沒有由您帶領的活動")

    def test_the_list_costs_the_same_queries_for_more_events(self):
        self.login(self.counselor)
        url = reverse("events:facilitating")
        self.client.get(url)  # the session and caches warm
        before = self._queries(url)
        for _ in range(3):
            make_event(self.eap_admin, self.authority, publish=True, facilitator=self.counselor)
        self.assertEqual(self._queries(url), before)

    def _queries(self, url) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(context)
