"""Sessions and places: one place cannot hold two sessions at once, an event's sessions
do not overlap, and the other bad inputs are answered in zh-Hant with nothing saved."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.models import EventSession
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


@override_settings(TASKS=IMMEDIATE_TASKS)
class RoomTests(EventsTestCase):
    def setUp(self):
        self.first = make_event(self.hr, self.agency, place="市府大樓 1001 室")
        self.session = self.first.sessions.get()

    def add(self, event, starts, hours=2, place="市府大樓 1001 室"):
        return services.session_add(
            event=event, starts_at=starts, ends_at=starts + timedelta(hours=hours), place=place
        )

    def assertRefused(self, code, call, *args, **kwargs):
        with self.assertRaises(Refused) as raised:
            call(*args, **kwargs)
        self.assertEqual(raised.exception.code, code)
        return raised.exception

    def test_it_normalises_the_place(self):
        self.assertEqual(
            services.place_key("市府大樓 1001 室"), services.place_key("市府大樓１００１室")
        )
        self.assertEqual(services.place_key("Room A-1"), services.place_key("room a1"))
        self.assertNotEqual(services.place_key("1001室"), services.place_key("1002室"))

    def test_it_refuses_another_events_session_in_the_same_place_at_the_same_time(self):
        """Even written differently (full-width digits, no spaces), and in zh-Hant."""
        other = make_event(self.eap_admin, self.authority, days_ahead=40)
        with translation.override("zh-hant"):
            error = self.assertRefused(
                "place_taken", self.add, other, self.session.starts_at + timedelta(hours=1),
                place="市府大樓１００１室",
            )  # fmt: skip
            self.assertIn("已有其他活動", str(error.message))
        self.assertEqual(other.sessions.count(), 1)

    def test_it_allows_back_to_back_sessions_other_places_and_cancelled_events(self):
        other = make_event(self.eap_admin, self.authority, days_ahead=40)
        self.add(other, self.session.ends_at)  # starts when the first ends
        self.add(other, self.session.starts_at - timedelta(days=1))
        self.add(other, self.session.starts_at, place="市府大樓 1002 室")
        self.assertEqual(other.sessions.count(), 4)
        services.event_cancel(event=self.first, reason="停辦")
        third = make_event(self.eap_admin, self.authority, days_ahead=50)
        self.add(third, self.session.starts_at + timedelta(minutes=30), hours=1)
        self.assertEqual(third.sessions.count(), 2)

    def test_it_refuses_overlapping_sessions_of_one_event_even_elsewhere(self):
        self.assertRefused(
            "sessions_overlap", self.add, self.first, self.session.starts_at + timedelta(hours=1),
            place="線上",
        )  # fmt: skip
        self.assertEqual(self.first.sessions.count(), 1)

    def test_the_session_form_answers_a_clash_and_keeps_what_was_typed(self):
        other = make_event(self.hr, self.agency, days_ahead=40)
        self.login(self.hr)
        response = self.client.post(
            reverse("events:session_add", args=[other.uuid]),
            {"starts_at": _local(self.session.starts_at), "ends_at": _local(self.session.ends_at),
             "place": "市府大樓1001室"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        form = response.context["session_form"]
        self.assertEqual(form.non_field_errors().as_data()[0].code, "place_taken")
        self.assertContains(response, 'value="市府大樓1001室"')
        self.assertContains(response, "已有其他活動")
        self.assertEqual(other.sessions.count(), 1)

    def test_a_published_events_sessions_cannot_be_changed_or_removed(self):
        event = make_event(self.hr, self.agency, publish=True)
        session = event.sessions.get()
        self.assertRefused(
            "not_draft", services.session_update, session=session,
            starts_at=session.starts_at, ends_at=session.ends_at + timedelta(hours=1),
        )  # fmt: skip
        self.assertRefused("not_draft", services.session_remove, session=session)
        self.assertTrue(EventSession.objects.filter(pk=session.pk).exists())

    def test_a_draft_session_is_removed(self):
        self.login(self.hr)
        response = self.client.post(
            reverse("events:session_remove", args=[self.first.uuid, self.session.pk])
        )
        self.assertRedirects(response, reverse("events:manage_detail", args=[self.first.uuid]))
        self.assertFalse(self.first.sessions.exists())

    def test_the_session_pages_hide_another_subtrees_events(self):
        event = make_event(self.eap_admin, self.authority)
        session = event.sessions.get()
        self.login(self.hr)
        url = reverse("events:session_edit", args=[event.uuid, session.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        # A session id of another event under this event's address: 404 too.
        url = reverse("events:session_edit", args=[self.first.uuid, session.pk])
        self.assertEqual(self.client.get(url).status_code, 404)


@override_settings(TASKS=IMMEDIATE_TASKS)
class BadInputTests(EventsTestCase):
    """The refusals the issue names, each in zh-Hant with nothing saved (several are also
    covered in test_registration.py and test_views.py)."""

    def test_each_refusal_reads_in_zh_hant(self):
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=1)
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        start = timezone.now() + timedelta(days=3)
        cases = [
            (lambda: services.session_add(event=event, starts_at=start, ends_at=start), "結束"),
            (lambda: services.registration_create(
                event=event, employee=self.alice_employee, actor=self.alice), "已報名"),
            (lambda: services.event_update(
                event=event, data={"capacity": 0}, expected_version=event.version), "已報名"),
            (lambda: services.registration_create(
                event=event, employee=self.outsider_employee, actor=self.outsider,
                now=event.sessions.get().starts_at), "截止"),
        ]  # fmt: skip
        with translation.override("zh-hant"):
            for call, words in cases:
                with self.subTest(words=words), self.assertRaises(Refused) as raised:
                    call()
                self.assertIn(words, str(raised.exception.message))
        event.refresh_from_db()
        self.assertEqual(
            (event.capacity, event.sessions.count(), event.registrations.count()), (1, 1, 1)
        )
