from django.db import connection
from django.test import override_settings

from anxin.core.audit import is_unavailable, read_sealed
from anxin.core.models import AccessLog
from anxin.core.sealed import SealError, associated_data, new_key_spec, seal_into, unseal
from anxin.core.services import sealed_rotate
from anxin.people import services
from anxin.people.models import SensitiveDeclaration
from tests.base import BaseTestCase

OLD = new_key_spec("old")
NEW = new_key_spec("new")


def raw_payload(declaration: SensitiveDeclaration) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT payload FROM people_sensitivedeclaration WHERE id = %s", [declaration.pk]
        )
        return cursor.fetchone()[0]


@override_settings(ANXIN_DATA_KEYS=OLD)
class SealedFieldTestCase(BaseTestCase):
    def declare(self, *attributes: str) -> SensitiveDeclaration:
        return services.declaration_save(
            employee=self.alice_employee,
            attributes=attributes,
            expected_version=None,
            actor=self.alice,
        )

    def test_it_keeps_only_ciphertext_in_the_database_row(self):
        """The raw column holds neither the attribute names nor anything readable."""
        self.declare("disability", "carer")
        raw = raw_payload(SensitiveDeclaration.objects.get())
        self.assertTrue(raw.startswith("anx1:old:"))
        for word in ("disability", "carer", "consented_at"):
            self.assertNotIn(word, raw)

    def test_it_reads_back_through_the_access_log(self):
        self.declare("carer")
        before = AccessLog.objects.count()
        value = services.declaration_read(employee=self.alice_employee, actor=self.alice)
        self.assertEqual(list(value), ["carer"])
        row = AccessLog.objects.order_by("-id").first()
        self.assertEqual(AccessLog.objects.count(), before + 1)
        self.assertEqual(row.actor, self.alice)
        self.assertEqual(row.subject_uuid, self.alice_employee.uuid)
        self.assertEqual(row.field, "payload")

    def test_it_refuses_a_ciphertext_copied_to_another_record(self):
        """The record's identity is bound in: Alice's value does not open as someone else's."""
        alice = self.declare("disability")
        other = SensitiveDeclaration.objects.create(employee=self.outsider_employee)
        with self.assertRaises(SealError):
            unseal(alice.payload, aad=associated_data(other, "payload"))
        with self.assertRaises(SealError):
            unseal(alice.payload, aad=associated_data(alice, "another_field"))

    def test_it_refuses_a_tampered_ciphertext(self):
        declaration = self.declare("disability")
        token = declaration.payload
        tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
        with self.assertRaises(SealError):
            unseal(tampered, aad=associated_data(declaration, "payload"))

    def test_it_reads_after_key_rotation(self):
        """rotate-keys re-seals under the new first key; the old key can then go."""
        self.declare("new_parent")
        with override_settings(ANXIN_DATA_KEYS=f"{NEW},{OLD}"):
            rotation = sealed_rotate()
            self.assertEqual(rotation.resealed["people.sensitivedeclaration.payload"], 1)
            self.assertTrue(raw_payload(SensitiveDeclaration.objects.get()).startswith("anx1:new:"))
            self.assertEqual(sealed_rotate().resealed["people.sensitivedeclaration.payload"], 0)
        with override_settings(ANXIN_DATA_KEYS=NEW):
            value = services.declaration_read(employee=self.alice_employee, actor=self.alice)
            self.assertEqual(list(value), ["new_parent"])
        # Without the new key nothing opens any more: the read comes back unavailable.
        declaration = SensitiveDeclaration.objects.get()
        value = read_sealed(
            declaration,
            "payload",
            actor=self.alice,
            purpose="self_view",
            subject_uuid=self.alice_employee.uuid,
        )
        self.assertTrue(is_unavailable(value))

    def test_it_seals_any_json_value(self):
        declaration = SensitiveDeclaration.objects.create(employee=self.outsider_employee)
        seal_into(declaration, "payload", {"note": "中文", "n": [1, 2]})
        self.assertEqual(
            unseal(declaration.payload, aad=associated_data(declaration, "payload")),
            {"note": "中文", "n": [1, 2]},
        )
