"""The EAP administrator manages providers, their counsellors and administrators, and
contract rates; edits are refused when someone saved in between."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.counseling.providers import services
from anxin.counseling.providers.models import ContractRate, Provider, ProviderCounselor
from tests.base import give_role, make_user
from tests.counseling.providers_base import ProvidersTestCase

LIST = "/counselling/providers/"


class ProviderListTestCase(ProvidersTestCase):
    def test_it_lists_the_authoritys_providers(self):
        self.login(self.eap_admin)
        response = self.client.get(LIST)
        self.assertContains(response, self.provider.name)
        self.assertContains(response, self.other_provider.name)

    def test_it_refuses_the_wrong_method(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.post(LIST).status_code, 405)

    def test_it_refuses_other_roles(self):
        for user in (self.provider_admin, self.hr, self.intake, self.alice):
            self.login(user)
            self.assertEqual(self.client.get(LIST).status_code, 403, user)

    def test_it_runs_a_fixed_number_of_queries(self):
        """More providers, counsellors and rates add no query."""
        self.login(self.eap_admin)
        with CaptureQueriesContext(connection) as before:
            self.client.get(LIST)
        for i in range(5):
            provider = services.provider_create(
                authority=self.authority,
                name=f"provider {i}",
                contract_start=self.provider.contract_start,
                contract_end=self.provider.contract_end,
            )
            services.rate_create(
                provider=provider,
                mode="phone",
                hourly_rate=1000,
                valid_from=self.provider.contract_start,
                valid_to=None,
            )
        with CaptureQueriesContext(connection) as after:
            self.client.get(LIST)
        self.assertEqual(len(after), len(before))


class ProviderCreateEditTestCase(ProvidersTestCase):
    def test_it_creates_a_provider(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/counselling/providers/new/",
            {"name": "安心諮商中心", "contract_start": "114/01/01", "contract_end": "114/12/31"},
        )
        provider = Provider.objects.get(name="安心諮商中心")
        self.assertRedirects(response, provider.get_absolute_url())
        self.assertEqual(provider.authority, self.authority)

    def test_it_keeps_what_was_typed_on_a_bad_period(self):
        """A contract that ends before it starts is refused; the name stays in the form."""
        self.login(self.eap_admin)
        response = self.client.post(
            "/counselling/providers/new/",
            {"name": "安心諮商中心", "contract_start": "114/12/31", "contract_end": "114/01/01"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("contract_end", "order"))
        self.assertContains(response, "安心諮商中心")
        self.assertFalse(Provider.objects.filter(name="安心諮商中心").exists())

    def test_it_refuses_a_duplicate_name(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/counselling/providers/new/",
            {
                "name": self.provider.name,
                "contract_start": "114/01/01",
                "contract_end": "114/12/31",
            },
        )
        self.assertTrue(response.context["form"].has_error("name", "duplicate"))

    def test_it_refuses_a_stale_edit(self):
        """Two administrators open the provider; the second save is refused and keeps what
        was typed."""
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.provider.pk}/edit/"
        data = {"contract_start": "114/01/01", "contract_end": "114/12/31", "version": "1"}
        self.assertEqual(self.client.post(url, {**data, "name": "第一個名稱"}).status_code, 302)
        response = self.client.post(url, {**data, "name": "第二個名稱"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].non_field_errors())
        self.assertContains(response, "第二個名稱")
        self.provider.refresh_from_db()
        self.assertEqual((self.provider.name, self.provider.version), ("第一個名稱", 2))

    def test_it_hides_another_authoritys_provider(self):
        from anxin.people.services import orgunit_create

        elsewhere = orgunit_create(name="他市政府", kind="authority", code="376000000A")
        foreign = services.provider_create(
            authority=elsewhere, name="外縣市", contract_start="2025-01-01",
            contract_end="2025-12-31",
        )  # fmt: skip
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(foreign.get_absolute_url()).status_code, 404)
        self.assertEqual(
            self.client.get(f"/counselling/providers/{foreign.pk}/edit/").status_code, 404
        )

    def test_it_refuses_the_provider_admin_an_edit(self):
        self.login(self.provider_admin)
        url = f"/counselling/providers/{self.provider.pk}/edit/"
        self.assertEqual(self.client.get(url).status_code, 403)


class RateTestCase(ProvidersTestCase):
    def url(self, rate=None) -> str:
        base = f"/counselling/providers/{self.provider.pk}/rates/"
        return f"{base}{rate.pk}/" if rate else f"{base}new/"

    def test_it_adds_a_rate(self):
        self.login(self.eap_admin)
        response = self.client.post(
            self.url(), {"mode": "video", "hourly_rate": "1500", "valid_from": "114/01/01"}
        )
        self.assertRedirects(response, self.provider.get_absolute_url())
        rate = ContractRate.objects.get(provider=self.provider, mode="video")
        self.assertEqual((rate.hourly_rate, rate.valid_to), (1500, None))

    def test_it_refuses_an_overlapping_rate(self):
        """A second face-to-face rate in force on the same days is refused."""
        self.login(self.eap_admin)
        response = self.client.post(
            self.url(),
            {"mode": "face_to_face", "hourly_rate": "1800", "valid_from": "114/03/01",
             "valid_to": "114/04/30"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("__all__", "overlap"))
        self.assertContains(response, "1800")

    def test_it_refuses_a_zero_rate_and_a_reversed_period(self):
        self.login(self.eap_admin)
        response = self.client.post(
            self.url(),
            {"mode": "video", "hourly_rate": "0", "valid_from": "114/05/01",
             "valid_to": "114/04/01"},
        )  # fmt: skip
        form = response.context["form"]
        self.assertTrue(form.has_error("hourly_rate", "min_value"))

    def test_it_refuses_a_stale_rate_edit(self):
        self.login(self.eap_admin)
        data = {"mode": "face_to_face", "valid_from": "114/01/01", "valid_to": "114/03/15",
                "version": "1"}  # fmt: skip
        self.assertEqual(
            self.client.post(self.url(self.rate), {**data, "hourly_rate": "1650"}).status_code,
            302,
        )
        response = self.client.post(self.url(self.rate), {**data, "hourly_rate": "1700"})
        self.assertTrue(response.context["form"].non_field_errors())
        self.rate.refresh_from_db()
        self.assertEqual(self.rate.hourly_rate, 1650)

    def test_it_hides_a_rate_of_another_provider(self):
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.other_provider.pk}/rates/{self.rate.pk}/"
        self.assertEqual(self.client.get(url).status_code, 404)


class MemberTestCase(ProvidersTestCase):
    def test_it_adds_a_counsellor(self):
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.other_provider.pk}/counsellors/"
        response = self.client.post(url, {"user": self.counselor2.pk})
        self.assertRedirects(response, self.other_provider.get_absolute_url())
        self.assertTrue(
            ProviderCounselor.objects.filter(provider=self.other_provider, user=self.counselor2)
        )

    def test_it_offers_only_free_counsellors(self):
        """A counsellor of another provider, or a user without the counsellor role, cannot
        be added."""
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.other_provider.pk}/counsellors/"
        for user in (self.pcounselor, self.hr):
            self.client.post(url, {"user": user.pk})
        self.assertFalse(self.other_provider.counselors.exists())
        self.assertEqual(self.pcounselor.provider_counselor.provider, self.provider)

    def test_it_removes_a_counsellor(self):
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.provider.pk}/counsellors/{self.pcounselor.pk}/remove/"
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(self.provider.counselors.exists())

    def test_it_adds_a_provider_admin(self):
        new_admin = make_user("newadmin")
        give_role(new_admin, "provider_admin", self.authority)
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.provider.pk}/admins/"
        self.client.post(url, {"admin-user": new_admin.pk})
        self.assertEqual(new_admin.provider_admin.provider, self.provider)

    def test_it_refuses_the_wrong_method(self):
        self.login(self.eap_admin)
        url = f"/counselling/providers/{self.provider.pk}/counsellors/"
        self.assertEqual(self.client.get(url).status_code, 405)

    def test_it_refuses_the_provider_admin(self):
        """A provider administrator cannot change who works for the provider."""
        self.login(self.provider_admin)
        url = f"/counselling/providers/{self.provider.pk}/counsellors/"
        self.assertEqual(self.client.post(url, {"user": self.counselor2.pk}).status_code, 403)
