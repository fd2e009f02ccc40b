"""Someone with a database prompt and no audit key tries to cut the access log unseen.

Each case tampers with plain SQL, as the owner of the tables would (setting the append-only
triggers aside where they stand in the way), after `verify-audit` has written an anchor
outside the database, as the operator's cron does. Then `verify-audit` must report a fault.
The cases run on SQLite and on PostgreSQL (`make test` runs both legs).
"""

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from anxin.core.models import AccessLog, AccessLogHead
from anxin.people import services
from tests.base import BaseTestCase


class TamperTestCase(BaseTestCase):
    reads = 6

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.anchor_file = Path(directory.name) / "audit-anchor.jsonl"
        settings_override = override_settings(ANXIN_AUDIT_ANCHOR_FILE=str(self.anchor_file))
        settings_override.enable()
        self.addCleanup(settings_override.disable)
        services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )
        self.read(self.reads)
        # The head as it stands now: what an insider could copy before reading more.
        self.earlier_head = AccessLogHead.objects.values("last_hash", "count").get(pk=1)
        self.earlier_head_mac = self.head_mac()
        self.read(3)
        self.assertTrue(self.verify().startswith("ok:"), "the untouched log verifies")

    def read(self, times: int) -> None:
        for _ in range(times):
            services.declaration_read(employee=self.alice_employee, actor=self.alice)

    def head_mac(self) -> str:
        """The head's signature column, if it has one (it has none before issue 11)."""
        fields = {field.name for field in AccessLogHead._meta.fields}
        return AccessLogHead.objects.get(pk=1).mac if "mac" in fields else ""

    def verify(self) -> str:
        out, err = StringIO(), StringIO()
        try:
            call_command("verify_audit", stdout=out, stderr=err)
        except CommandError:
            return "fault:" + err.getvalue()
        return "ok:" + out.getvalue()

    def raw(self, *statements: tuple[str, list]) -> None:
        """Run SQL as the tables' owner would: with the append-only triggers set aside."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_accesslog DISABLE TRIGGER USER")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS core_accesslog_no_update")
                cursor.execute("DROP TRIGGER IF EXISTS core_accesslog_no_delete")
            for sql, params in statements:
                cursor.execute(sql, params)
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_accesslog ENABLE TRIGGER USER")

    def set_head(self, *, count: int, last_hash: str, mac: str | None = None) -> None:
        columns = {field.name for field in AccessLogHead._meta.fields}
        if "mac" in columns and mac is not None:
            self.raw(
                (
                    "UPDATE core_accessloghead SET count = %s, last_hash = %s, mac = %s",
                    [count, last_hash, mac],
                )
            )
        else:
            self.raw(
                ("UPDATE core_accessloghead SET count = %s, last_hash = %s", [count, last_hash])
            )

    def db_value(self, field: str, value):
        return AccessLog._meta.get_field(field).get_db_prep_value(value, connection)

    def rows(self) -> list[AccessLog]:
        return list(AccessLog.objects.order_by("id"))

    def assert_detected(self) -> None:
        result = self.verify()
        self.assertTrue(result.startswith("fault:"), f"tampering went unseen: {result}")


class EveryTamperCaseTests(TamperTestCase):
    def test_it_detects_an_edited_row(self):
        """A row's reader changed in place."""
        row = self.rows()[2]
        self.raw(("UPDATE core_accesslog SET actor_label = %s WHERE id = %s", ["bob", row.pk]))
        self.assert_detected()

    def test_it_detects_a_deleted_middle_row(self):
        """One row taken out of the middle."""
        row = self.rows()[3]
        self.raw(("DELETE FROM core_accesslog WHERE id = %s", [row.pk]))
        self.assert_detected()

    def test_it_detects_a_deleted_newest_row(self):
        """The newest row taken out, the head left alone."""
        self.raw(("DELETE FROM core_accesslog WHERE id = %s", [self.rows()[-1].pk]))
        self.assert_detected()

    def test_it_detects_deleted_newest_rows_with_the_head_moved_to_the_new_tip(self):
        """The newest rows taken out and the head set to the row that is now last, with
        the right count: the chain itself is whole, only the head's signature is wrong."""
        rows = self.rows()
        kept = rows[:-3]
        self.raw(("DELETE FROM core_accesslog WHERE id > %s", [kept[-1].pk]))
        self.set_head(count=len(kept), last_hash=kept[-1].hash, mac="0" * 64)
        self.assert_detected()

    def test_it_detects_deleted_newest_rows_with_an_earlier_head_put_back(self):
        """The insider copied the head (with its valid signature) before reading, read,
        then cut those reads and put the copy back: only the anchor can tell."""
        kept = self.earlier_head["count"]
        self.raw(("DELETE FROM core_accesslog WHERE id > %s", [self.rows()[kept - 1].pk]))
        self.set_head(
            count=kept, last_hash=self.earlier_head["last_hash"], mac=self.earlier_head_mac
        )
        self.assert_detected()

    def test_it_detects_an_emptied_table_with_the_head_reset(self):
        """Every row deleted and the head set back to a new install's."""
        self.raw(("DELETE FROM core_accesslog", []))
        self.set_head(count=0, last_hash="0" * 64, mac="")
        self.assert_detected()

    def test_it_detects_an_emptied_table_with_the_head_deleted(self):
        """Every row and the head deleted: the database looks freshly installed."""
        self.raw(("DELETE FROM core_accesslog", []), ("DELETE FROM core_accessloghead", []))
        self.assert_detected()

    def test_it_detects_reordered_rows(self):
        """Two rows' contents swapped, so that a read seems to have happened earlier."""
        rows = self.rows()
        first, second = rows[2], rows[4]
        statements = []
        for row, other in ((first, second), (second, first)):
            statements.append(
                (
                    "UPDATE core_accesslog SET actor_label = %s, at = %s, purpose = %s "
                    "WHERE id = %s",
                    [other.actor_label + "~", self.db_value("at", other.at), other.purpose, row.pk],
                )
            )
        # Swap hashes through a placeholder: the column is unique.
        statements += [
            ("UPDATE core_accesslog SET hash = %s WHERE id = %s", ["x" * 64, first.pk]),
            ("UPDATE core_accesslog SET hash = %s WHERE id = %s", [first.hash, second.pk]),
            ("UPDATE core_accesslog SET hash = %s WHERE id = %s", [second.hash, first.pk]),
        ]
        self.raw(*statements)
        self.assert_detected()

    def test_it_detects_a_forged_row(self):
        """A row invented and chained to the tip, with the head moved to it."""
        tip = self.rows()[-1]
        forged = "f" * 64
        self.raw(
            (
                "INSERT INTO core_accesslog (at, actor_label, actor_role, record_type, "
                "record_uuid, field, purpose, outcome, prev_hash, hash) "
                "VALUES (%s, %s, '', %s, %s, %s, %s, 'granted', %s, %s)",
                [
                    self.db_value("at", tip.at),
                    "alice",
                    tip.record_type,
                    self.db_value("record_uuid", tip.record_uuid),
                    tip.field,
                    tip.purpose,
                    tip.hash,
                    forged,
                ],
            )
        )
        self.set_head(count=len(self.rows()), last_hash=forged)
        self.assert_detected()

    def test_it_detects_a_changed_head(self):
        """The head alone pointed at an earlier row."""
        rows = self.rows()
        self.set_head(count=len(rows) - 1, last_hash=rows[-2].hash)
        self.assert_detected()

    @pytest.mark.postgres_only
    def test_it_detects_a_truncate_with_the_guard_set_aside(self):
        """TRUNCATE (which no row trigger sees) with the statement trigger disabled and the
        head reset: the anchor still holds the rows that were there."""
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_accesslog DISABLE TRIGGER USER")
            cursor.execute("TRUNCATE core_accesslog")
            cursor.execute("ALTER TABLE core_accesslog ENABLE TRIGGER USER")
        self.set_head(count=0, last_hash="0" * 64, mac="")
        self.assert_detected()


class TruncateRefusedTests(TamperTestCase):
    @pytest.mark.postgres_only
    def test_it_refuses_truncate_on_postgresql(self):
        """TRUNCATE through the application's own connection is refused and keeps every
        row; the log still verifies."""
        before = AccessLog.objects.count()
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE core_accesslog")
        self.assertEqual(AccessLog.objects.count(), before)
        self.assertTrue(self.verify().startswith("ok:"))
