"""The registration's .ics file and the feed follow one rule (issue 13 item 8): an
application still waiting for its lottery draw is on neither (not on the calendar until
drawn; decision 0040), and each calendar keeps one UID from fetch to fetch, so that a
client that subscribes sees one calendar, not a new one each hour."""

import re
from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from anxin.events import services
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


@override_settings(TASKS=IMMEDIATE_TASKS)
class CalendarsAgreeTests(EventsTestCase):
    def feed_path(self) -> str:
        self.login(self.alice)
        response = self.client.post(reverse("events:calendar_reset"), follow=True)
        return re.sub(r"^https?://[^/]+", "", response.context["link"])

    def lottery_application(self):
        event = make_event(
            self.eap_admin, self.authority, publish=True, capacity=3, allocation="lottery",
            registration_closes_at=timezone.now() + timedelta(days=5),
        )  # fmt: skip
        registration = services.registration_create(
            event=event, employee=self.alice_employee, actor=self.alice
        )
        self.assertEqual(registration.status, "applied")
        return event

    def test_an_application_waiting_for_its_draw_is_in_neither_calendar(self):
        event = self.lottery_application()
        path = self.feed_path()
        feed = Calendar.from_ical(self.client.get(path).content)
        self.assertEqual(feed.events, [])
        page = self.client.get(reverse("events:detail", args=[event.uuid]))
        ics_url = reverse("events:registration_ics", args=[event.uuid])
        self.assertNotContains(page, ics_url)
        self.assertEqual(self.client.get(ics_url).status_code, 404)

    def test_a_drawn_place_is_in_both(self):
        event = self.lottery_application()
        services.lottery_draw(event=event, now=event.registration_closes_at + timedelta(minutes=1))
        path = self.feed_path()
        feed = Calendar.from_ical(self.client.get(path).content)
        ics = Calendar.from_ical(
            self.client.get(reverse("events:registration_ics", args=[event.uuid])).content
        )
        self.assertEqual([str(e["UID"]) for e in feed.events], [str(e["UID"]) for e in ics.events])
        self.assertEqual([str(e["STATUS"]) for e in ics.events], ["CONFIRMED"])

    def test_the_feed_keeps_its_calendar_uid_from_fetch_to_fetch(self):
        make_event(self.eap_admin, self.authority, publish=True)
        path = self.feed_path()
        first = Calendar.from_ical(self.client.get(path).content)
        second = Calendar.from_ical(self.client.get(path).content)
        self.assertTrue(str(first["UID"]))
        self.assertEqual(str(first["UID"]), str(second["UID"]))
        # Another person's feed is another calendar.
        self.login(self.hr)
        response = self.client.post(reverse("events:calendar_reset"), follow=True)
        other = Calendar.from_ical(
            self.client.get(re.sub(r"^https?://[^/]+", "", response.context["link"])).content
        )
        self.assertNotEqual(str(other["UID"]), str(first["UID"]))

    def test_a_registrations_file_keeps_its_calendar_uid(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        self.login(self.alice)
        url = reverse("events:registration_ics", args=[event.uuid])
        first = Calendar.from_ical(self.client.get(url).content)
        second = Calendar.from_ical(self.client.get(url).content)
        self.assertEqual(str(first["UID"]), str(second["UID"]))
