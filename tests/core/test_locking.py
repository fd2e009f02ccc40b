"""Optimistic locking (DESIGN.md invariant 11): the second of two editors who opened the
same version is refused with a clear message, and the first one's work is kept."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from anxin.core.locking import StaleEdit, save_versioned
from anxin.people import services
from anxin.people.models import SensitiveDeclaration
from tests.base import BaseTestCase


class SaveVersionedTestCase(BaseTestCase):
    def setUp(self):
        self.declaration = services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )

    def test_it_bumps_the_version(self):
        version = self.declaration.version
        self.declaration.updated_at = timezone.now()
        save_versioned(self.declaration, expected_version=version, fields=["updated_at"])
        self.assertEqual(self.declaration.version, version + 1)
        self.declaration.refresh_from_db()
        self.assertEqual(self.declaration.version, version + 1)

    def test_it_refuses_the_second_of_two_editors_and_keeps_the_first(self):
        version = self.declaration.version
        first = SensitiveDeclaration.objects.get(pk=self.declaration.pk)
        second = SensitiveDeclaration.objects.get(pk=self.declaration.pk)
        first_time = timezone.now() - timedelta(days=1)
        second_time = timezone.now() - timedelta(days=2)

        first.updated_at = first_time
        save_versioned(first, expected_version=version, fields=["updated_at"])
        second.updated_at = second_time
        with self.assertRaises(StaleEdit):
            save_versioned(second, expected_version=version, fields=["updated_at"])

        stored = SensitiveDeclaration.objects.get(pk=self.declaration.pk)
        self.assertEqual(stored.updated_at, first_time)
        self.assertEqual(stored.version, version + 1)
        self.assertEqual(second.version, version)  # the refused copy is not bumped

    def test_it_refuses_a_version_from_the_future(self):
        version = self.declaration.version
        with self.assertRaises(StaleEdit):
            save_versioned(self.declaration, expected_version=version + 1, fields=["updated_at"])
        self.assertEqual(SensitiveDeclaration.objects.get().version, version)

    def test_its_message_is_clear_in_both_languages(self):
        with translation.override("en"):
            self.assertIn("Someone else saved this record", str(StaleEdit.message))
        with translation.override("zh-hant"):
            self.assertIn("已有其他人儲存變更", str(StaleEdit.message))


class ProfilePageLockingTestCase(BaseTestCase):
    """Alice opens her profile in two browser tabs and saves in both."""

    url = reverse("people:my_profile")

    def version_on_page(self) -> str:
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        match = re.search(r'name="version" value="(\d+)"', response.content.decode())
        self.assertIsNotNone(match, "the form carries the version it was opened at")
        return match.group(1)

    def declared(self) -> set[str]:
        return set(services.declaration_read(employee=self.alice_employee, actor=self.alice))

    def test_it_refuses_the_second_save_and_keeps_the_first(self):
        services.declaration_save(
            employee=self.alice_employee,
            attributes=["new_parent"],
            expected_version=None,
            actor=self.alice,
        )
        self.login(self.alice)
        first_tab = self.version_on_page()
        second_tab = self.version_on_page()
        self.assertEqual(first_tab, second_tab)

        saved = self.client.post(
            self.url, {"attributes": ["carer"], "consent": "on", "version": first_tab}
        )
        self.assertRedirects(saved, self.url, fetch_redirect_response=False)

        refused = self.client.post(
            self.url,
            {"attributes": ["disability"], "consent": "on", "version": second_tab},
        )
        self.assertEqual(refused.status_code, 200)
        with translation.override("zh-hant"):
            self.assertContains(refused, str(StaleEdit.message))
        self.assertEqual(self.declared(), {"carer"})
        declaration = SensitiveDeclaration.objects.get(employee=self.alice_employee)
        self.assertEqual(declaration.version, int(first_tab) + 1)

    def test_it_refuses_the_second_of_two_first_declarations(self):
        """With nothing declared yet, both tabs carry version 0: the first save creates
        the declaration, the second is refused rather than overwriting it."""
        self.login(self.alice)
        first_tab = self.version_on_page()
        second_tab = self.version_on_page()
        self.client.post(self.url, {"attributes": ["carer"], "consent": "on", "version": first_tab})
        refused = self.client.post(
            self.url, {"attributes": [], "consent": "", "version": second_tab}
        )
        self.assertEqual(refused.status_code, 200)
        with translation.override("zh-hant"):
            self.assertContains(refused, str(StaleEdit.message))
        self.assertEqual(self.declared(), {"carer"})
