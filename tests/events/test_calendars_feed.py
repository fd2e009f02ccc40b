"""The private calendar feed: a long random link kept as a hash, readable without
sign-in, replaced or stopped by its owner (the old link then 404), listing only the
owner's active registrations and facilitated events, in a fixed number of queries."""

import hashlib
import re
from datetime import timedelta

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from anxin.events import services
from anxin.events.calendars import services as calendars
from anxin.events.calendars.models import CalendarFeed
from anxin.events.models import Event
from anxin.people.services import declaration_save
from tests.base import give_role, make_employee, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


def feed_url(token: str) -> str:
    return reverse("events:calendar_feed", args=[token])


@override_settings(TASKS=IMMEDIATE_TASKS)
class FeedLinkTests(EventsTestCase):
    def make_link(self) -> str:
        """Make (or replace) Alice's link through her page; returns the link's path."""
        self.login(self.alice)
        response = self.client.post(reverse("events:calendar_reset"), follow=True)
        self.assertEqual(response.status_code, 200)
        link = response.context["link"]
        self.assertTrue(link.startswith("http"))
        return re.sub(r"^https?://[^/]+", "", link)

    def test_it_shows_the_link_once_and_keeps_only_its_hash(self):
        path = self.make_link()
        token = path.rsplit("/", 1)[1].removesuffix(".ics")
        self.assertGreaterEqual(len(token), 40)
        feed = CalendarFeed.objects.get(user=self.alice)
        self.assertEqual(feed.token_hash, hashlib.sha256(token.encode()).hexdigest())
        self.assertNotIn(token, str(CalendarFeed.objects.values().get()))
        again = self.client.get(reverse("events:calendar"))
        self.assertEqual(again.context["link"], "")
        self.assertNotContains(again, token)

    def test_it_works_without_signing_in(self):
        """A calendar client (not signed in) gets text/calendar, not kept by caches."""
        path = self.make_link()
        self.client.logout()
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        self.assertIn("no-store", response["Cache-Control"])
        Calendar.from_ical(response.content)

    def test_a_replaced_or_stopped_link_answers_404(self):
        old = self.make_link()
        new = self.make_link()
        self.client.logout()
        self.assertEqual(self.client.get(old).status_code, 404)
        self.assertEqual(self.client.get(new).status_code, 200)
        self.login(self.alice)
        self.assertRedirects(
            self.client.post(reverse("events:calendar_stop")), reverse("events:calendar")
        )
        self.client.logout()
        self.assertEqual(self.client.get(new).status_code, 404)
        self.assertFalse(CalendarFeed.objects.exists())

    def test_a_wrong_link_answers_404(self):
        self.make_link()
        self.client.logout()
        self.assertEqual(self.client.get(feed_url("x" * 43)).status_code, 404)
        self.assertEqual(self.client.get(feed_url("x" * 200)).status_code, 404)

    def test_a_deactivated_owner_link_answers_404(self):
        path = self.make_link()
        self.alice.is_active = False
        self.alice.save()
        self.client.logout()
        self.assertEqual(self.client.get(path).status_code, 404)

    def test_it_notes_the_last_fetch_at_most_hourly(self):
        path = self.make_link()
        self.client.logout()
        self.client.get(path)
        first = CalendarFeed.objects.get().last_used_at
        self.assertIsNotNone(first)
        self.client.get(path)
        self.assertEqual(CalendarFeed.objects.get().last_used_at, first)
        CalendarFeed.objects.update(last_used_at=first - timedelta(hours=2))
        self.client.get(path)
        self.assertGreater(CalendarFeed.objects.get().last_used_at, first - timedelta(hours=1))

    def test_the_pages_refuse_the_wrong_method(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(reverse("events:calendar_reset")).status_code, 405)
        self.assertEqual(self.client.get(reverse("events:calendar_stop")).status_code, 405)
        self.assertEqual(self.client.post(reverse("events:calendar")).status_code, 405)
        token = calendars.calendar_feed_reset(user=self.alice)
        self.assertEqual(self.client.post(feed_url(token)).status_code, 405)

    def test_the_page_asks_to_sign_in(self):
        response = self.client.get(reverse("events:calendar"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/account/sign-in/", response["Location"])


@override_settings(TASKS=IMMEDIATE_TASKS)
class FeedContentTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit, number="E0100", name="林小明")

    def register(self, event, employee):
        return services.registration_create(event=event, employee=employee, actor=employee.user)

    def fetch(self, user) -> Calendar:
        token = calendars.calendar_feed_reset(user=user)
        self.client.logout()
        response = self.client.get(feed_url(token))
        self.assertEqual(response.status_code, 200)
        return Calendar.from_ical(response.content)

    def summaries(self, calendar) -> dict[str, str]:
        return {str(v["SUMMARY"]): str(v["STATUS"]) for v in calendar.events}

    def test_it_lists_only_the_owners_active_registrations(self):
        """Registered: CONFIRMED; waiting list: TENTATIVE; cancelled by her: gone;
        someone else's registration: absent; an event called off: CANCELLED."""
        registered = make_event(self.eap_admin, self.authority, publish=True, title="甲")
        waiting = make_event(self.eap_admin, self.authority, publish=True, title="乙", capacity=1)
        cancelled = make_event(self.eap_admin, self.authority, publish=True, title="丙")
        others = make_event(self.eap_admin, self.authority, publish=True, title="丁")
        called_off = make_event(self.eap_admin, self.authority, publish=True, title="戊")
        self.register(registered, self.alice_employee)
        self.register(waiting, self.bob_employee)
        self.register(waiting, self.alice_employee)
        services.registration_cancel(registration=self.register(cancelled, self.alice_employee))
        self.register(others, self.bob_employee)
        self.register(called_off, self.alice_employee)
        Event.objects.filter(pk=called_off.pk).update(status=Event.Status.CANCELLED)
        self.assertEqual(
            self.summaries(self.fetch(self.alice)),
            {"甲": "CONFIRMED", "（候補）乙": "TENTATIVE", "戊": "CANCELLED"},
        )

    def test_it_keeps_sensitive_events_neutral(self):
        declaration_save(
            employee=self.alice_employee, attributes=["carer"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        event = make_event(
            self.eap_admin, self.authority, publish=True, title="照顧者支持團體",
            audience_declared=["carer"],
        )  # fmt: skip
        self.register(event, self.alice_employee)
        calendar = self.fetch(self.alice)
        self.assertEqual(self.summaries(calendar), {"安心活動": "CONFIRMED"})
        self.assertNotIn("照顧者", calendar.to_ical().decode().replace("\r\n ", ""))

    def test_it_lists_the_events_a_person_facilitates(self):
        facilitator = make_user("speaker")
        give_role(facilitator, "care_worker", self.authority)
        make_event(
            self.eap_admin, self.authority, publish=True, title="講座", facilitator=facilitator
        )
        make_event(self.eap_admin, self.authority, title="草稿", facilitator=facilitator)
        calendar = self.fetch(facilitator)
        self.assertEqual(self.summaries(calendar), {"講座": "CONFIRMED"})
        self.assertIn("/roster/", str(calendar.events[0]["URL"]))

    def test_it_leaves_out_sessions_long_past(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.register(event, self.alice_employee)
        old = timezone.now() - timedelta(days=400)
        services.session_add(event=event, starts_at=old, ends_at=old + timedelta(hours=1))
        self.assertEqual(len(self.fetch(self.alice).events), 1)

    def test_the_feed_runs_a_fixed_number_of_queries(self):
        """The same queries for 2 events as for 8, sensitive and facilitated ones too."""
        declaration_save(
            employee=self.alice_employee, attributes=["disability"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        token = calendars.calendar_feed_reset(user=self.alice)
        counts = []
        for size in (2, 8):
            while Event.objects.count() < size:
                plain = make_event(self.eap_admin, self.authority, publish=True)
                self.register(plain, self.alice_employee)
                sensitive = make_event(
                    self.eap_admin, self.authority, publish=True, audience_declared=["disability"]
                )
                self.register(sensitive, self.alice_employee)
                make_event(self.eap_admin, self.authority, publish=True, facilitator=self.alice)
            CalendarFeed.objects.update(last_used_at=None)
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(feed_url(token))
            self.assertEqual(
                len(Calendar.from_ical(response.content).events), Event.objects.count()
            )
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
