from django.utils import translation

from anxin.core.locking import StaleEdit
from anxin.core.models import AccessLog
from anxin.people import services
from anxin.people.access_terms import AccessPurpose
from anxin.people.models import SensitiveDeclaration
from tests.base import BaseTestCase


class MyProfileTestCase(BaseTestCase):
    url = "/people/me/"

    def test_it_shows_the_record_with_a_roc_hire_date(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "E0001")
        self.assertContains(response, "民國104年8月1日")

    def test_it_saves_declared_attributes_sealed_with_consent(self):
        self.login(self.alice)
        response = self.client.post(
            self.url, {"attributes": ["carer", "new_parent"], "consent": "on", "version": "0"}
        )
        self.assertRedirects(response, self.url)
        value = services.declaration_read(employee=self.alice_employee, actor=self.alice)
        self.assertEqual(sorted(value), ["carer", "new_parent"])
        self.assertIn("consented_at", value["carer"])
        page = self.client.get(self.url)
        self.assertEqual(
            sorted(page.context["form"].initial["attributes"]), ["carer", "new_parent"]
        )

    def test_it_keeps_the_first_consent_time_of_a_kept_attribute(self):
        self.login(self.alice)
        self.client.post(self.url, {"attributes": ["carer"], "consent": "on", "version": "0"})
        first = services.declaration_read(employee=self.alice_employee, actor=self.alice)
        version = SensitiveDeclaration.objects.get().version
        self.client.post(
            self.url,
            {"attributes": ["carer", "disability"], "consent": "on", "version": str(version)},
        )
        second = services.declaration_read(employee=self.alice_employee, actor=self.alice)
        self.assertEqual(first["carer"], second["carer"])
        self.assertIn("disability", second)

    def test_it_withdraws_everything(self):
        self.login(self.alice)
        self.client.post(self.url, {"attributes": ["carer"], "consent": "on", "version": "0"})
        version = SensitiveDeclaration.objects.get().version
        self.client.post(self.url, {"version": str(version)})
        self.assertEqual(
            services.declaration_read(employee=self.alice_employee, actor=self.alice), {}
        )

    def test_it_asks_for_consent_and_keeps_what_was_ticked(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"attributes": ["disability"], "version": "0"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors.as_data()["consent"][0].code, "consent_required"
        )
        self.assertEqual(response.context["form"]["attributes"].value(), ["disability"])
        self.assertFalse(SensitiveDeclaration.objects.exists())

    def test_it_refuses_a_stale_second_save(self):
        self.login(self.alice)
        self.client.post(self.url, {"attributes": ["carer"], "consent": "on", "version": "0"})
        stale = SensitiveDeclaration.objects.get().version
        self.client.post(
            self.url, {"attributes": ["disability"], "consent": "on", "version": str(stale)}
        )
        response = self.client.post(
            self.url, {"attributes": ["new_parent"], "consent": "on", "version": str(stale)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].non_field_errors(), [str(StaleEdit.message)])
        value = services.declaration_read(employee=self.alice_employee, actor=self.alice)
        self.assertEqual(list(value), ["disability"])

    def test_it_refuses_other_roles_and_wrong_methods(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.put(self.url).status_code, 405)
        self.client.logout()
        self.assertEqual(self.client.get(self.url).status_code, 302)


class MyAccessLogTestCase(BaseTestCase):
    url = "/people/me/access-log/"

    def test_it_lists_every_read_of_my_file_and_nobody_elses(self):
        services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )
        services.declaration_save(
            employee=self.outsider_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.outsider,
        )
        services.employees_declaring("carer", [self.alice_employee, self.outsider_employee])
        self.login(self.alice)
        response = self.client.get(self.url)
        # Her own reads are behind the switch; with it, every row about her file is on the
        # page, in looks, and none about the outsider's.
        response = self.client.get(self.url, {"own": "1"})
        looks = response.context["log"].looks
        self.assertEqual(
            sum(look.rows for look in looks),
            AccessLog.objects.filter(subject_uuid=self.alice_employee.uuid).count(),
        )
        self.assertEqual(
            sum(look.rows for look in looks if not look.own),
            AccessLog.objects.filter(subject_uuid=self.alice_employee.uuid)
            .exclude(actor=self.alice)
            .count(),
        )
        # The matching read is there, in words, not as its code.
        with translation.override(response.context["LANGUAGE_CODE"]):
            self.assertContains(response, str(AccessPurpose.TARGETING.label))
        self.assertNotContains(response, "outsider")

    def test_it_refuses_other_roles(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url).status_code, 405)


class OrgTreeTestCase(BaseTestCase):
    url = "/people/organisation/"

    def test_it_shows_only_the_hr_scope(self):
        self.login(self.hr)
        response = self.client.get(self.url)
        self.assertContains(response, "第一科")
        self.assertNotContains(response, "教育局")

    def test_the_eap_admin_sees_the_whole_authority(self):
        self.login(self.eap_admin)
        self.assertContains(self.client.get(self.url), "教育局")

    def test_it_refuses_an_employee(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(self.url).status_code, 403)
