"""`anxin rotate-keys` over a database holding values that do not open: it re-seals the
rest, names where each bad one is (never what it holds), exits non-zero, and can be run
again safely, so that an old key can be retired once the list is resolved."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.test import override_settings

from anxin.core.sealed import key_id_of, new_key_spec
from anxin.people import services
from anxin.people.models import Employee, SensitiveDeclaration
from tests.base import BaseTestCase, make_employee

OLD = new_key_spec("old")
GONE = new_key_spec("gone")
NEW = new_key_spec("new")


class RotateKeysTestCase(BaseTestCase):
    def declare(self, employee: Employee, attribute: str) -> SensitiveDeclaration:
        return services.declaration_save(
            employee=employee, attributes=[attribute], expected_version=None, actor=employee.user
        )

    def setUp(self):
        people = [self.alice_employee, self.outsider_employee] + [
            make_employee(None, unit=self.unit, number=f"E01{n}", name=f"員工{n}") for n in range(5)
        ]
        with override_settings(ANXIN_DATA_KEYS=OLD):
            self.declarations = [self.declare(person, "carer") for person in people[:-1]]
        # One sealed under a key that has left the ring, one copied from another row.
        with override_settings(ANXIN_DATA_KEYS=GONE):
            self.lost = self.declare(people[-1], "disability")
        self.copied = self.declarations[1]
        SensitiveDeclaration.objects.filter(pk=self.copied.pk).update(
            payload=self.declarations[0].payload
        )
        self.good = [d for d in self.declarations if d.pk != self.copied.pk]

    def rotate(self) -> tuple[bool, str, str]:
        out, err = StringIO(), StringIO()
        with override_settings(ANXIN_DATA_KEYS=f"{NEW},{OLD}"):
            try:
                call_command("rotate_keys", "--batch-size", "2", stdout=out, stderr=err)
            except CommandError as exc:
                return False, out.getvalue(), err.getvalue() + str(exc)
        return True, out.getvalue(), err.getvalue()

    def key_ids(self) -> dict[int, str]:
        return {
            pk: key_id_of(payload)
            for pk, payload in SensitiveDeclaration.objects.values_list("pk", "payload")
        }

    def test_it_reseals_the_rest_lists_the_bad_ones_and_exits_non_zero(self):
        ok, out, err = self.rotate()
        self.assertFalse(ok)
        self.assertIn(
            f"people.sensitivedeclaration.payload: {len(self.good)} value(s) re-sealed", out
        )
        self.assertIn(f"people.sensitivedeclaration pk={self.copied.pk} field=payload", err)
        self.assertIn(f"people.sensitivedeclaration pk={self.lost.pk} field=payload", err)
        self.assertIn("2 value(s) did not open", err)
        keys = self.key_ids()
        self.assertEqual({keys[d.pk] for d in self.good}, {"new"})
        # The bad ones are left exactly as they were.
        self.assertEqual((keys[self.copied.pk], keys[self.lost.pk]), ("old", "gone"))
        with override_settings(ANXIN_DATA_KEYS=NEW):
            for declaration in self.good:
                value = services.declaration_read(employee=declaration.employee, actor=None)
                self.assertEqual(list(value), ["carer"])

    def test_it_never_prints_content(self):
        _ok, out, err = self.rotate()
        for text in (out, err):
            self.assertNotIn("carer", text)
            self.assertNotIn("disability", text)
            self.assertNotIn("anx1:", text)

    def test_a_rerun_is_safe_and_finishes_once_the_key_is_back(self):
        """Run twice: nothing re-sealed twice, the same list. With the lost key put back
        and the copied value resolved, the rotation finishes and exits 0."""
        self.rotate()
        payloads = dict(SensitiveDeclaration.objects.values_list("pk", "payload"))
        ok, out, err = self.rotate()
        self.assertFalse(ok)
        self.assertIn("people.sensitivedeclaration.payload: 0 value(s) re-sealed", out)
        self.assertEqual(dict(SensitiveDeclaration.objects.values_list("pk", "payload")), payloads)
        self.assertIn(f"pk={self.copied.pk}", err)
        # The operator restores the lost key and the auditor has the copied value cleared.
        SensitiveDeclaration.objects.filter(pk=self.copied.pk).update(payload="")
        out, err = StringIO(), StringIO()
        with override_settings(ANXIN_DATA_KEYS=f"{NEW},{OLD},{GONE}"):
            call_command("rotate_keys", stdout=out, stderr=err)
        self.assertIn("rotation finished", out.getvalue())
        self.assertEqual(self.key_ids()[self.lost.pk], "new")
