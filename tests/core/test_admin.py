from django.contrib import admin

from anxin.core.fields import SealedField
from anxin.core.sealed import sealed_fields
from anxin.people import services
from tests.base import BaseTestCase, give_role, make_user


class AdminSiteTestCase(BaseTestCase):
    """The sysadmin administers the system but reads no sealed content (invariant 1)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sysadmin = make_user("root", is_superuser=True, is_staff=True)
        give_role(cls.sysadmin, "sysadmin", cls.authority)

    def test_no_model_with_a_sealed_field_exposes_it(self):
        self.assertTrue(sealed_fields())
        for model, model_admin in admin.site._registry.items():
            sealed = {f.name for f in model._meta.get_fields() if isinstance(f, SealedField)}
            if not sealed:
                continue
            request = self.client.request().wsgi_request
            request.user = self.sysadmin
            shown = set(model_admin.get_fields(request)) | set(model_admin.list_display)
            self.assertFalse(sealed & shown, f"{model} shows {sealed & shown}")

    def test_the_admin_shows_no_declared_attribute(self):
        services.declaration_save(
            employee=self.alice_employee,
            attributes=["disability"],
            expected_version=None,
            actor=self.alice,
        )
        self.login(self.sysadmin)
        pages = ["/admin/", "/admin/people/employee/",
                 f"/admin/people/employee/{self.alice_employee.pk}/change/"]  # fmt: skip
        for page in pages:
            response = self.client.get(page)
            self.assertEqual(response.status_code, 200, page)
            self.assertNotContains(response, "disability")
            self.assertNotContains(response, "consented_at")
        self.assertEqual(self.client.get("/admin/people/sensitivedeclaration/").status_code, 404)

    def test_the_access_log_cannot_be_changed_from_the_admin(self):
        services.declaration_read(employee=self.alice_employee, actor=self.alice)
        self.login(self.sysadmin)
        self.assertEqual(self.client.get("/admin/core/accesslog/").status_code, 200)
        self.assertEqual(self.client.get("/admin/core/accesslog/1/delete/").status_code, 403)
