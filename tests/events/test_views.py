"""The events pages: each works for its role, refuses the wrong method and the outsider,
and runs a fixed number of queries whatever the number of events."""

from datetime import timedelta

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anxin.events import services
from anxin.events.models import Event, Registration
from anxin.people.services import declaration_save
from tests.base import give_role, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


@override_settings(TASKS=IMMEDIATE_TASKS)
class OrganiserViewTests(EventsTestCase):
    def test_it_creates_a_draft_event(self):
        """An organiser's form creates a draft owned by his or her scope."""
        self.login(self.hr)
        response = self.client.post(
            reverse("events:create"),
            {"kind": "talk", "title": "新進人員職場講座", "capacity": 35, "learning_hours": "2",
             "audience_unit": self.agency.pk, "audience_months_hired_max": 12},
        )  # fmt: skip
        event = Event.objects.get()
        self.assertRedirects(response, reverse("events:manage_detail", args=[event.uuid]))
        self.assertEqual((event.owner_unit, event.status), (self.agency, "draft"))

    def test_it_keeps_the_audience_inside_the_organisers_scope(self):
        """hr cannot aim an event at another agency: the choice is refused, nothing saved."""
        self.login(self.hr)
        response = self.client.post(
            reverse("events:create"),
            {"kind": "talk", "title": "x", "capacity": 5, "learning_hours": "1",
             "audience_unit": self.other_agency.pk},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.as_data()
        self.assertEqual(errors["audience_unit"][0].code, "invalid_choice")
        self.assertFalse(Event.objects.exists())

    def test_it_refuses_a_session_ending_before_it_starts_and_keeps_what_was_typed(self):
        """The session form answers with its error code and the typed values."""
        event = make_event(self.hr, self.agency)
        self.login(self.hr)
        start = timezone.now() + timedelta(days=3)
        response = self.client.post(
            reverse("events:session_add", args=[event.uuid]),
            {"starts_at": _local(start), "ends_at": _local(start - timedelta(hours=1)),
             "place": "會議室"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        form = response.context["session_form"]
        self.assertEqual(form.errors.as_data()["ends_at"][0].code, "session_ends_before_start")
        self.assertContains(response, 'value="會議室"')
        self.assertEqual(event.sessions.count(), 1)

    def test_it_adds_a_session(self):
        event = make_event(self.hr, self.agency)
        self.login(self.hr)
        start = timezone.now() + timedelta(days=3)
        response = self.client.post(
            reverse("events:session_add", args=[event.uuid]),
            {"starts_at": _local(start), "ends_at": _local(start + timedelta(hours=2)),
             "online_link": "https://meet.example.gov.tw/abc"},
        )  # fmt: skip
        self.assertRedirects(response, reverse("events:manage_detail", args=[event.uuid]))
        self.assertEqual(event.sessions.count(), 2)

    def test_it_warns_and_refuses_publishing_an_empty_audience(self):
        """The page warns; publishing without confirmation is refused and the event stays a
        draft; with confirmation it is published."""
        event = make_event(self.hr, self.agency, audience_age_min=99)
        self.login(self.hr)
        detail = self.client.get(reverse("events:manage_detail", args=[event.uuid]))
        self.assertEqual(detail.context["matched"], 0)
        response = self.client.post(reverse("events:publish", args=[event.uuid]))
        self.assertEqual(response.context["publish_error"].code, "audience_empty")
        event.refresh_from_db()
        self.assertEqual(event.status, "draft")
        self.client.post(reverse("events:publish", args=[event.uuid]), {"confirm_empty": "on"})
        event.refresh_from_db()
        self.assertEqual(event.status, "published")

    def test_it_refuses_a_stale_edit_with_a_message(self):
        """An edit from an old version is refused with the form's stale error."""
        event = make_event(self.hr, self.agency)
        services.event_update(
            event=event,
            data={**{f: getattr(event, f) for f in services.EDITABLE_FIELDS}, "title": "新"},
            expected_version=event.version,
        )
        self.login(self.hr)
        response = self.client.post(
            reverse("events:edit", args=[event.uuid]),
            {"kind": "talk", "title": "舊", "capacity": 5, "learning_hours": "1",
             "audience_unit": self.agency.pk, "version": 1},
        )  # fmt: skip
        self.assertEqual(response.context["form"].non_field_errors().as_data()[0].code, "stale")
        self.assertEqual(Event.objects.get(pk=event.pk).title, "新")

    def test_it_hides_events_of_another_subtree(self):
        """hr of 社會局 gets 404 for an event organised at the authority."""
        event = make_event(self.eap_admin, self.authority)
        self.login(self.hr)
        for name in ("events:manage_detail", "events:edit"):
            self.assertEqual(self.client.get(reverse(name, args=[event.uuid])).status_code, 404)

    def test_the_list_runs_a_fixed_number_of_queries(self):
        """The organiser's list costs the same queries for 2 events as for 6."""
        self.login(self.eap_admin)
        counts = []
        for size in (2, 6):
            while Event.objects.count() < size:
                event = make_event(self.eap_admin, self.authority, publish=True)
                services.registration_create(
                    event=event, employee=self.alice_employee, actor=self.alice
                )
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(reverse("events:manage_list")).status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        with self.assertNumQueries(counts[1]):
            self.client.get(reverse("events:manage_list"))


@override_settings(TASKS=IMMEDIATE_TASKS)
class EmployeeViewTests(EventsTestCase):
    def test_it_registers_and_cancels(self):
        """Alice registers from the event page, then cancels."""
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.login(self.alice)
        url = reverse("events:detail", args=[event.uuid])
        self.assertRedirects(self.client.post(reverse("events:register", args=[event.uuid])), url)
        self.assertEqual(Registration.objects.get().status, "registered")
        self.assertRedirects(self.client.post(reverse("events:cancel", args=[event.uuid])), url)
        self.assertEqual(Registration.objects.get().status, "cancelled")

    def test_it_refuses_registering_twice_with_a_message(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.login(self.alice)
        self.client.post(reverse("events:register", args=[event.uuid]))
        response = self.client.post(reverse("events:register", args=[event.uuid]), follow=True)
        self.assertContains(response, "已報名")
        self.assertEqual(Registration.objects.count(), 1)

    def test_it_refuses_the_wrong_method(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.login(self.alice)
        self.assertEqual(
            self.client.get(reverse("events:register", args=[event.uuid])).status_code, 405
        )
        self.assertEqual(self.client.post(reverse("events:mine")).status_code, 405)

    def test_it_answers_404_for_a_draft_or_another_authority(self):
        draft = make_event(self.eap_admin, self.authority)
        self.login(self.alice)
        self.assertEqual(
            self.client.get(reverse("events:detail", args=[draft.uuid])).status_code, 404
        )

    def test_the_list_runs_a_fixed_number_of_queries(self):
        """The employee's list costs the same for 2 events as for 6, sensitive ones too."""
        declaration_save(
            employee=self.alice_employee, attributes=["disability"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        self.login(self.alice)
        counts = []
        for size in (2, 6):
            while Event.objects.count() < size:
                make_event(self.eap_admin, self.authority, publish=True)
                make_event(
                    self.eap_admin, self.authority, publish=True, audience_declared=["disability"]
                )
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(reverse("events:mine"))
            self.assertEqual(len(response.context["rows"]), size)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        with self.assertNumQueries(counts[1]):
            self.client.get(reverse("events:mine"))


@override_settings(TASKS=IMMEDIATE_TASKS)
class RosterPrivacyTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.facilitator = make_user("facilitator")
        give_role(cls.facilitator, "care_worker", cls.authority)
        declaration_save(
            employee=cls.alice_employee, attributes=["disability"], expected_version=None,
            actor=cls.alice,
        )  # fmt: skip

    def test_a_sensitive_roster_is_the_facilitators_only(self):
        """The facilitator sees the members; organisers and the outsider get 404; the
        member sees only her own registration; hr sees counts."""
        event = make_event(
            self.hr, self.agency, publish=True, kind="support_group",
            facilitator=self.facilitator, audience_declared=["disability"],
        )  # fmt: skip
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        roster = reverse("events:roster", args=[event.uuid])
        self.login(self.facilitator)
        self.assertContains(self.client.get(roster), "王小美")
        for person in (self.hr, self.eap_admin, self.outsider, self.alice):
            self.login(person)
            self.assertEqual(self.client.get(roster).status_code, 404, person)
        self.login(self.alice)
        page = self.client.get(reverse("events:detail", args=[event.uuid]))
        self.assertEqual(page.context["registration"].employee, self.alice_employee)
        self.assertEqual(page.context["roster_url"], "")
        self.login(self.hr)
        detail = self.client.get(reverse("events:manage_detail", args=[event.uuid]))
        self.assertNotContains(detail, "王小美")
        self.assertIsNone(detail.context["counts"]["registered"])  # "fewer than 5"

    def test_an_open_roster_is_also_the_organisers(self):
        """For an event without sealed attributes, organisers in scope see the roster."""
        event = make_event(self.hr, self.agency, publish=True, facilitator=self.facilitator)
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        self.login(self.hr)
        self.assertContains(self.client.get(reverse("events:roster", args=[event.uuid])), "王小美")
        self.assertEqual(self.client.post(reverse("events:roster", args=[event.uuid])).status_code,
                         405)  # fmt: skip
