from django.test import override_settings

from anxin.core.checks import check_sealed_keys
from anxin.core.sealed import new_key_spec
from anxin.people import services
from tests.base import BaseTestCase

OLD = new_key_spec("old")
NEW = new_key_spec("new")


class SealedKeyCheckTestCase(BaseTestCase):
    """The start-up check behind `anxin serve`, `anxin worker` and every checked command
    (the processes themselves are run in tests/core/test_backup.py)."""

    def setUp(self):
        with override_settings(ANXIN_DATA_KEYS=OLD):
            services.declaration_save(
                employee=self.alice_employee,
                attributes=["carer"],
                expected_version=None,
                actor=self.alice,
            )

    def test_it_passes_when_the_ring_holds_the_key(self):
        with override_settings(ANXIN_DATA_KEYS=f"{NEW},{OLD}"):
            self.assertEqual(check_sealed_keys(), [])

    def test_it_names_a_missing_key_id(self):
        with override_settings(ANXIN_DATA_KEYS=NEW):
            errors = check_sealed_keys()
        self.assertEqual([error.id for error in errors], ["core.E001"])
        self.assertIn("1 sealed value(s) under key id 'old'", errors[0].msg)
        self.assertTrue(errors[0].is_serious())

    def test_it_finds_another_key_under_the_same_id(self):
        """The old failure: a fresh key generated under the id of the lost one."""
        with override_settings(ANXIN_DATA_KEYS=new_key_spec("old")):
            errors = check_sealed_keys()
        self.assertEqual([error.id for error in errors], ["core.E002"])
        self.assertIn("'old'", errors[0].msg)

    def test_it_leaves_production_to_its_given_keys(self):
        """Production never generates a key; the restore drill lists what does not open."""
        with override_settings(ANXIN_DATA_KEYS=NEW, PRODUCTION=True):
            self.assertEqual(check_sealed_keys(), [])

    def test_it_ignores_values_that_are_no_sealed_token(self):
        """One damaged value fails on its own page, not the whole service."""
        declaration = self.alice_employee.declaration
        type(declaration).objects.filter(pk=declaration.pk).update(payload="garbage")
        with override_settings(ANXIN_DATA_KEYS=NEW):
            self.assertEqual(check_sealed_keys(), [])
