"""The HR officer's and the EAP administration's home pages (issue 13, item 1): the few
numbers each acts on, with links, at a fixed number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.events.models import Event
from tests.base import BaseTestCase
from tests.events.base import make_event


class AdminHomeTestCase(BaseTestCase):
    def home(self, user):
        self.login(user)
        return self.client.get("/")

    def test_it_counts_drafts_upcoming_events_and_closing_registrations(self):
        make_event(self.hr, self.agency)  # a draft
        make_event(self.hr, self.agency, publish=True, days_ahead=10)
        closing = make_event(self.hr, self.agency, publish=True, days_ahead=40)
        Event.objects.filter(pk=closing.pk).update(
            registration_closes_at=timezone.now() + timedelta(days=3)
        )
        make_event(self.eap_admin, self.other_agency, publish=True, days_ahead=5)
        response = self.home(self.hr)
        self.assertEqual(
            response.context["event_figures"], {"drafts": 1, "upcoming": 1, "closing": 1}
        )
        self.assertContains(response, "/events/manage/")
        self.assertContains(response, "一週內截止報名")
        # The EAP administration sees the whole authority.
        response = self.home(self.eap_admin)
        self.assertEqual(
            response.context["event_figures"], {"drafts": 1, "upcoming": 2, "closing": 1}
        )

    def test_an_empty_organisation_shows_zeros(self):
        response = self.home(self.hr)
        self.assertEqual(
            response.context["event_figures"], {"drafts": 0, "upcoming": 0, "closing": 0}
        )
        self.assertEqual(response.context["flow_steps"], {"total": 0, "overdue": 0})

    def test_it_keeps_the_query_count_fixed(self):
        def queries(user) -> int:
            self.home(user)
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get("/").status_code, 200)
            return len(context)

        make_event(self.hr, self.agency, publish=True, days_ahead=3)
        small = {user.pk: queries(user) for user in (self.hr, self.eap_admin)}
        for days in range(8):
            make_event(self.hr, self.agency, publish=days % 2 == 0, days_ahead=days + 1)
        self.assertEqual({user.pk: queries(user) for user in (self.hr, self.eap_admin)}, small)
