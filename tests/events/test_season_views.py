"""The season pages: eap_admin generates, sees and publishes a half-year; hr is refused;
the page runs a fixed number of queries."""

from datetime import date

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anxin.events.models import Event, Season
from anxin.events.season import HalfYear
from anxin.plans.services import plans_load
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase
from tests.events.test_season import taipei_document


@override_settings(TASKS=IMMEDIATE_TASKS)
class SeasonViewTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        document = taipei_document()
        document.data["authority"] = {"name": cls.authority.name, "code": cls.authority.code}
        year = timezone.localdate().year
        document.data["period"] = {"start": f"{year}-01-01", "end": f"{year + 1}-12-31"}
        plans_load(documents=[document])

    def next_half(self) -> HalfYear:
        return HalfYear.of(timezone.localdate()).next()

    def generate(self):
        return self.client.post(
            reverse("events:season_generate"),
            {"half_year": self.next_half().key, "place": "員工協談室團體室"},
        )

    def test_it_generates_a_draft_season_and_shows_it(self):
        self.login(self.eap_admin)
        response = self.generate()
        season = Season.objects.get()
        self.assertRedirects(response, reverse("events:season_detail", args=[season.pk]))
        page = self.client.get(reverse("events:season_detail", args=[season.pk]))
        self.assertContains(page, "藝術減壓支持性團體")
        self.assertContains(page, "客製化心理健康促進課程")  # not scheduled, listed
        self.assertEqual(len(page.context["events"]), 26)
        self.assertContains(self.client.get(reverse("events:season_list")), season.label)

    def test_generating_twice_shows_the_existing_season(self):
        self.login(self.eap_admin)
        self.generate()
        response = self.generate()
        season = Season.objects.get()
        self.assertRedirects(response, reverse("events:season_detail", args=[season.pk]))
        self.assertEqual(Event.objects.count(), 26)

    def test_it_keeps_what_was_typed_when_the_place_is_missing(self):
        self.login(self.eap_admin)
        response = self.client.post(
            reverse("events:season_generate"), {"half_year": self.next_half().key}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors.as_data()["place"][0].code, "required")
        self.assertFalse(Season.objects.exists())

    def test_it_publishes_all_and_reports_the_empty_audiences(self):
        self.login(self.eap_admin)
        self.generate()
        season = Season.objects.get()
        url = reverse("events:season_publish", args=[season.pk])
        response = self.client.post(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["left"]), 23)
        self.assertEqual(season.events.filter(status="published").count(), 3)
        response = self.client.post(url, {"confirm_empty": "on"})
        self.assertRedirects(response, reverse("events:season_detail", args=[season.pk]))
        self.assertFalse(season.events.filter(status="draft").exists())

    def test_hr_and_the_wrong_method_are_refused(self):
        self.login(self.eap_admin)
        self.generate()
        season = Season.objects.get()
        self.assertEqual(
            self.client.get(reverse("events:season_publish", args=[season.pk])).status_code, 405
        )
        self.login(self.hr)
        self.assertEqual(self.client.get(reverse("events:season_list")).status_code, 403)
        self.assertEqual(self.generate().status_code, 403)
        self.assertEqual(
            self.client.get(reverse("events:season_detail", args=[season.pk])).status_code, 403
        )

    def test_the_season_page_runs_a_fixed_number_of_queries(self):
        """26 events cost the same queries as 2."""
        self.login(self.eap_admin)
        self.generate()
        season = Season.objects.get()
        url = reverse("events:season_detail", args=[season.pk])
        counts = []
        for keep in (2, 26):
            ids = list(season.events.order_by("pk").values_list("pk", flat=True)[:keep])
            Event.objects.filter(season=season).exclude(pk__in=ids).update(season=None)
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertEqual(len(response.context["events"]), keep)
            counts.append(len(queries))
            Event.objects.filter(owner_unit=self.authority).update(season=season)
        self.assertEqual(counts[0], counts[1])

    def test_it_moves_a_generated_session_and_refuses_a_clash(self):
        """The eap_admin edits a proposed date; a date that overlaps another session in the
        same room is refused with a message and nothing changes."""
        self.login(self.eap_admin)
        self.generate()
        first, second = Event.objects.filter(season__isnull=False).order_by("pk")[:2]
        session = first.sessions.first()
        other = second.sessions.first()
        url = reverse("events:session_edit", args=[first.uuid, session.pk])
        self.assertEqual(self.client.get(url).status_code, 200)

        def local(value):
            return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")

        response = self.client.post(
            url, {"starts_at": local(other.starts_at), "ends_at": local(other.ends_at),
                  "place": "員工協談室團體室"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].non_field_errors().as_data()[0].code, "place_taken"
        )
        self.assertContains(response, 'value="員工協談室團體室"')
        moved = timezone.make_aware(timezone.datetime(date.today().year + 2, 3, 3, 10))
        response = self.client.post(
            url, {"starts_at": local(moved),
                  "ends_at": local(moved + (session.ends_at - session.starts_at)),
                  "place": "員工協談室團體室"},
        )  # fmt: skip
        self.assertRedirects(response, reverse("events:manage_detail", args=[first.uuid]))
        session.refresh_from_db()
        self.assertEqual(session.starts_at, moved)
