"""A registration's iCalendar file: it parses with the icalendar library, carries each
session's times in Asia/Taipei (TZID with its VTIMEZONE), a stable UID, the summary,
place, URL and DTSTAMP, and nothing that reveals a sensitive membership."""

from datetime import datetime, timedelta

from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from anxin.events import services
from anxin.events.calendars.services import session_uid
from anxin.people.services import declaration_save
from tests.base import make_employee, make_user
from tests.events.base import IMMEDIATE_TASKS, TAIPEI, EventsTestCase, make_event


def parse(response) -> Calendar:
    return Calendar.from_ical(response.content)


@override_settings(TASKS=IMMEDIATE_TASKS)
class RegistrationFileTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit, number="E0100", name="林小明")

    def register(self, event, employee):
        return services.registration_create(event=event, employee=employee, actor=employee.user)

    def ics(self, event):
        self.login(self.alice)
        return self.client.get(reverse("events:registration_ics", args=[event.uuid]))

    def test_it_writes_each_session_in_taipei_time_with_its_timezone(self):
        """Two sessions at 14:00 Taipei: two VEVENTs with TZID=Asia/Taipei, the VTIMEZONE,
        the title, place, the event's URL, a DTSTAMP and a UID that does not change."""
        event = make_event(
            self.eap_admin, self.authority, publish=True, description="放鬆與呼吸練習"
        )
        first = event.sessions.get()
        second_start = datetime(2099, 3, 4, 9, 30, tzinfo=TAIPEI)
        services.session_add(
            event=event,
            starts_at=second_start,
            ends_at=second_start + timedelta(hours=2),
            place="市府大樓 禮堂",
        )
        self.register(event, self.alice_employee)
        response = self.ics(event)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        self.assertIn("attachment", response["Content-Disposition"])
        calendar = parse(response)
        self.assertEqual([str(tz["TZID"]) for tz in calendar.timezones], ["Asia/Taipei"])
        vevents = sorted(calendar.events, key=lambda v: v.start)
        self.assertEqual(len(vevents), 2)
        for vevent in vevents:
            self.assertEqual(vevent["DTSTART"].params["TZID"], "Asia/Taipei")
            self.assertEqual(vevent["DTEND"].params["TZID"], "Asia/Taipei")
            self.assertEqual(str(vevent["SUMMARY"]), "舒壓工作坊")
            self.assertEqual(str(vevent["STATUS"]), "CONFIRMED")
            self.assertIn(f"/events/{event.uuid}/", str(vevent["URL"]))
            self.assertTrue(str(vevent["URL"]).startswith("http"))
            self.assertIn("DTSTAMP", vevent)
            self.assertIn("放鬆與呼吸練習", str(vevent["DESCRIPTION"]))
        self.assertEqual(vevents[0].start, first.starts_at)
        self.assertEqual((vevents[0].start.hour, vevents[0].start.minute), (14, 0))
        self.assertEqual(vevents[0].end - vevents[0].start, timedelta(hours=3))
        self.assertEqual(vevents[1].start, second_start)
        self.assertEqual(vevents[1].start.astimezone(TAIPEI).hour, 9)
        self.assertEqual(str(vevents[0]["LOCATION"]), first.place)
        self.assertEqual(str(vevents[1]["LOCATION"]), "市府大樓 禮堂")
        self.assertEqual(str(vevents[0]["UID"]), session_uid(first, event))
        again = sorted(parse(self.ics(event)).events, key=lambda v: v.start)
        self.assertEqual([str(v["UID"]) for v in again], [str(v["UID"]) for v in vevents])

    def test_it_keeps_a_sensitive_event_neutral(self):
        """An audience over sealed attributes: summary "安心活動", and neither the title,
        the description nor the place anywhere in the file."""
        declaration_save(
            employee=self.alice_employee, attributes=["disability"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        event = make_event(
            self.eap_admin,
            self.authority,
            publish=True,
            title="身心障礙同仁支持團體",
            description="身障同仁交流",
            audience_declared=["disability"],
        )
        self.register(event, self.alice_employee)
        response = self.ics(event)
        text = response.content.decode().replace("\r\n ", "")  # unfolded
        for secret in ("身心障礙", "身障", "1001 室", "市府大樓"):
            self.assertNotIn(secret, text)
        vevent = parse(response).events[0]
        self.assertEqual(str(vevent["SUMMARY"]), "安心活動")
        self.assertNotIn("LOCATION", vevent)
        self.assertIn(f"/events/{event.uuid}/", str(vevent["URL"]))
        self.assertEqual(str(vevent["CLASS"]), "PRIVATE")

    def test_it_marks_a_waiting_list_place_tentative_without_the_online_link(self):
        """On the waiting list: STATUS:TENTATIVE, the summary says so, no online link."""
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=1)
        session = event.sessions.get()
        session.online_link = "https://meet.example.gov.tw/abc"
        session.save()
        self.register(event, self.bob_employee)
        self.register(event, self.alice_employee)
        response = self.ics(event)
        self.assertNotIn("meet.example", response.content.decode().replace("\r\n ", ""))
        vevent = parse(response).events[0]
        self.assertEqual(str(vevent["STATUS"]), "TENTATIVE")
        self.assertEqual(str(vevent["SUMMARY"]), "（候補）舒壓工作坊")

    def test_it_gives_the_online_link_to_a_registered_person(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        event.sessions.update(place="", online_link="https://meet.example.gov.tw/abc")
        self.register(event, self.alice_employee)
        vevent = parse(self.ics(event)).events[0]
        self.assertEqual(str(vevent["LOCATION"]), "https://meet.example.gov.tw/abc")

    def test_it_answers_404_without_an_active_registration(self):
        """Not registered, or cancelled: no file."""
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.assertEqual(self.ics(event).status_code, 404)
        services.registration_cancel(registration=self.register(event, self.alice_employee))
        self.assertEqual(self.ics(event).status_code, 404)

    def test_it_refuses_the_wrong_method_and_other_roles(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.register(event, self.alice_employee)
        self.login(self.alice)
        url = reverse("events:registration_ics", args=[event.uuid])
        self.assertEqual(self.client.post(url).status_code, 405)
        self.login(self.hr)
        self.assertEqual(self.client.get(url).status_code, 403)
