"""A provider's administrator sees only his or her provider; its timetable shows case
codes, times and lengths, never a name or clinical text."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.base import give_role, make_user
from tests.counseling.providers_base import MONTH, YEAR, ProvidersTestCase, at


class ProviderScopeTestCase(ProvidersTestCase):
    def timetable(self, provider=None) -> str:
        provider = provider or self.provider
        return f"/counselling/providers/{provider.pk}/timetable/?month={YEAR}-{MONTH:02d}"

    def test_it_takes_the_provider_admin_to_his_provider(self):
        self.login(self.provider_admin)
        response = self.client.get("/counselling/providers/mine/")
        self.assertRedirects(response, self.provider.get_absolute_url())
        page = self.client.get(self.provider.get_absolute_url())
        self.assertContains(page, self.pcounselor.display_name)
        self.assertFalse(page.context["is_admin"])

    def test_it_answers_404_to_a_provider_admin_without_provider(self):
        lonely = make_user("lonely")
        give_role(lonely, "provider_admin", self.authority)
        self.login(lonely)
        self.assertEqual(self.client.get("/counselling/providers/mine/").status_code, 404)
        self.assertEqual(self.client.get(self.timetable()).status_code, 404)

    def test_it_hides_another_provider(self):
        """Another provider's page, timetable and statement answer 404."""
        self.login(self.provider_admin)
        for path in (
            self.other_provider.get_absolute_url(),
            self.timetable(self.other_provider),
            f"/counselling/providers/{self.other_provider.pk}/statement/",
        ):
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_it_shows_the_timetable_by_code_only(self):
        """The month's sessions of the provider's counsellors, by case code, with date
        and length; no employee name, no clinical text, no case of the counselling room."""
        self.login(self.provider_admin)
        response = self.client.get(self.timetable())
        self.assertEqual(response.status_code, 200)
        sessions = list(response.context["sessions"])
        self.assertEqual(len(sessions), 5)
        self.assertEqual({s.case.code for s in sessions}, {self.case_a.code, self.case_b.code})
        self.assertContains(response, self.case_a.code)
        self.assertNotContains(response, self.room_case.code)
        for name in self.names():
            self.assertNotContains(response, name)

    def test_it_shows_the_timetable_to_the_eap_admin(self):
        self.login(self.eap_admin)
        self.assertContains(self.client.get(self.timetable()), self.case_b.code)

    def test_it_refuses_the_wrong_method(self):
        self.login(self.provider_admin)
        self.assertEqual(self.client.post(self.timetable()).status_code, 405)

    def test_it_refuses_other_roles(self):
        for user in (self.pcounselor, self.hr, self.supervisor, self.alice, self.auditor):
            self.login(user)
            self.assertEqual(self.client.get(self.timetable()).status_code, 403, user)

    def test_it_falls_back_to_this_month_on_a_bad_month(self):
        self.login(self.provider_admin)
        response = self.client.get(f"/counselling/providers/{self.provider.pk}/timetable/?month=x")
        self.assertEqual(response.status_code, 200)

    def test_it_runs_a_fixed_number_of_queries(self):
        self.login(self.provider_admin)
        with CaptureQueriesContext(connection) as before:
            self.client.get(self.timetable())
        for i in range(10):
            self.add_session(self.case_a, at(2) + timedelta(hours=i), 50, "phone")
        with CaptureQueriesContext(connection) as after:
            self.client.get(self.timetable())
        self.assertEqual(len(after), len(before))
