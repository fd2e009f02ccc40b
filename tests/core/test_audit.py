from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from anxin.core.audit import access_log_append, read_sealed, verify_chain
from anxin.core.models import AccessLog
from anxin.people import services
from anxin.people.models import SensitiveDeclaration
from tests.base import BaseTestCase


class AccessLogTestCase(BaseTestCase):
    def setUp(self):
        self.declaration = services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )
        for _ in range(3):
            services.declaration_read(employee=self.alice_employee, actor=self.alice)

    def verify(self) -> str:
        out, err = StringIO(), StringIO()
        try:
            call_command("verify_audit", stdout=out, stderr=err)
        except CommandError:
            return "fault:" + err.getvalue()
        return "ok:" + out.getvalue()

    def raw(self, sql: str, params: list) -> None:
        """Tamper as someone with a database prompt would: with the trigger set aside."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_accesslog DISABLE TRIGGER USER")
                cursor.execute(sql, params)
                cursor.execute("ALTER TABLE core_accesslog ENABLE TRIGGER USER")
            else:
                cursor.execute("DROP TRIGGER core_accesslog_no_update")
                cursor.execute("DROP TRIGGER core_accesslog_no_delete")
                cursor.execute(sql, params)

    def test_it_logs_every_sealed_read(self):
        rows = AccessLog.objects.filter(subject_uuid=self.alice_employee.uuid)
        # the save reads nothing for a new declaration; three reads follow
        self.assertEqual(rows.count(), 3)
        self.assertTrue(all(row.outcome == "granted" for row in rows))

    def test_it_logs_a_refused_read_and_answers_404(self):
        with self.assertRaises(Http404):
            read_sealed(
                self.declaration,
                "payload",
                actor=self.hr,
                purpose="curiosity",
                subject_uuid=self.alice_employee.uuid,
                allowed=False,
            )
        row = AccessLog.objects.order_by("-id").first()
        self.assertEqual((row.actor, row.outcome), (self.hr, "denied"))

    def test_it_fails_the_read_when_the_log_cannot_be_written(self):
        """No log row, no read: the read runs in the log's transaction."""
        with self.assertRaises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE core_accesslog")
            read_sealed(
                self.declaration,
                "payload",
                actor=self.alice,
                purpose="self_view",
                subject_uuid=self.alice_employee.uuid,
            )

    def test_it_verifies_an_intact_chain(self):
        self.assertEqual(list(verify_chain()), [])
        self.assertTrue(self.verify().startswith("ok:"))

    def test_it_detects_an_edited_row(self):
        row = AccessLog.objects.order_by("id")[1]
        self.raw("UPDATE core_accesslog SET actor_label = %s WHERE id = %s", ["someone", row.pk])
        result = self.verify()
        self.assertTrue(result.startswith("fault:"))
        self.assertIn(f"row {row.pk}", result)

    def test_it_detects_a_deleted_row(self):
        row = AccessLog.objects.order_by("id")[1]
        self.raw("DELETE FROM core_accesslog WHERE id = %s", [row.pk])
        self.assertIn("does not link", self.verify())

    def test_it_detects_a_deleted_last_row(self):
        row = AccessLog.objects.order_by("id").last()
        self.raw("DELETE FROM core_accesslog WHERE id = %s", [row.pk])
        self.assertIn("tip", self.verify())

    def test_the_database_refuses_updates_and_deletes(self):
        row = AccessLog.objects.first()
        with pytest.raises(DatabaseError), transaction.atomic():
            AccessLog.objects.filter(pk=row.pk).update(purpose="x")
        with pytest.raises(DatabaseError), transaction.atomic():
            AccessLog.objects.filter(pk=row.pk).delete()
        self.assertEqual(AccessLog.objects.get(pk=row.pk).purpose, row.purpose)

    def test_system_reads_name_the_job(self):
        row = access_log_append(
            actor="targeting",
            record=self.declaration,
            field="payload",
            purpose="targeting",
            subject_uuid=self.alice_employee.uuid,
        )
        self.assertEqual((row.actor_id, row.actor_label), (None, "system:targeting"))

    def test_targeting_matches_without_showing(self):
        SensitiveDeclaration.objects.create(employee=self.outsider_employee)
        matched = services.employees_declaring(
            "carer", [self.alice_employee, self.outsider_employee]
        )
        self.assertEqual(matched, {self.alice_employee.pk})
        self.assertFalse(services.employees_declaring("disability", [self.alice_employee]))


class ReadSealedFieldsTestCase(BaseTestCase):
    def test_it_logs_one_row_per_field_read(self):
        declaration = services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )
        from anxin.core.audit import read_sealed_fields

        before = AccessLog.objects.count()
        values = read_sealed_fields(
            declaration,
            ["payload"],
            actor=self.alice,
            purpose="self_view",
            subject_uuid=self.alice_employee.uuid,
        )
        self.assertEqual(list(values["payload"]), ["carer"])
        self.assertEqual(AccessLog.objects.count(), before + 1)
