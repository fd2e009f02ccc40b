"""`anxin verify-audit` writes the access log's signed head (an anchor) outside the
database, to a file, to syslog and to the auditors, and checks the log against it later."""

import json
import socket
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection

from anxin.core.audit import Anchor, access_log_append, verify_chain
from anxin.core.models import AccessLog, AccessLogHead, Notification, OutgoingMail
from anxin.people import services
from tests.base import BaseTestCase, give_role, make_user


class VerifyAuditTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.auditor = make_user("privacy", email="privacy@example.gov.tw")
        give_role(cls.auditor, "auditor", cls.authority)

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.directory = Path(directory.name)
        self.anchor_file = self.directory / "anchors.jsonl"
        self.declaration = services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )
        self.read(3)

    def read(self, times: int) -> None:
        for _ in range(times):
            services.declaration_read(employee=self.alice_employee, actor=self.alice)

    def run_command(self, *args: str) -> tuple[bool, str, str]:
        out, err = StringIO(), StringIO()
        try:
            call_command("verify_audit", *args, stdout=out, stderr=err)
        except CommandError as exc:
            return False, out.getvalue(), err.getvalue() + str(exc)
        return True, out.getvalue(), err.getvalue()

    def anchors(self, path: Path | None = None) -> list[Anchor]:
        lines = (path or self.anchor_file).read_text().splitlines()
        return [Anchor.parse(line[line.index("{") :]) for line in lines]

    def cut_newest_and_put_back(self, head: dict) -> None:
        """The insider's move: delete the rows after `head` and put that head back."""
        kept = AccessLog.objects.order_by("id")[head["count"] - 1]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_accesslog DISABLE TRIGGER USER")
            else:
                cursor.execute("DROP TRIGGER core_accesslog_no_delete")
            cursor.execute("DELETE FROM core_accesslog WHERE id > %s", [kept.pk])
        AccessLogHead.objects.filter(pk=1).update(**head)


class AnchorFileTests(VerifyAuditTestCase):
    def test_it_appends_a_signed_anchor_of_the_head(self):
        """Each run that finds the log intact appends one line: the head, signed."""
        ok, out, _ = self.run_command("--anchor-file", str(self.anchor_file))
        self.assertTrue(ok)
        self.assertIn("chain intact", out)
        self.read(2)
        ok, out, _ = self.run_command("--anchor-file", str(self.anchor_file))
        self.assertIn("extends the anchor", out)
        first, second = self.anchors()
        head = AccessLogHead.objects.get()
        self.assertEqual((second.count, second.hash), (head.count, head.last_hash))
        self.assertEqual(second.count, first.count + 2)
        self.assertTrue(first.is_signed and second.is_signed)

    def test_it_reads_the_file_from_the_setting(self):
        """ANXIN_AUDIT_ANCHOR_FILE is the default, so that cron needs no option."""
        with self.settings(ANXIN_AUDIT_ANCHOR_FILE=str(self.anchor_file)):
            self.assertTrue(self.run_command()[0])
        self.assertEqual(len(self.anchors()), 1)

    def test_it_refuses_an_anchor_line_changed_without_the_key(self):
        """Lowering the anchored count in the file (to hide a cut) breaks its signature."""
        self.run_command("--anchor-file", str(self.anchor_file))
        line = self.anchor_file.read_text()
        data = json.loads(line[line.index("{") :])
        data["count"] -= 1
        self.anchor_file.write_text("anxin-audit-anchor " + json.dumps(data) + "\n")
        ok, _, err = self.run_command("--anchor-file", str(self.anchor_file))
        self.assertFalse(ok)
        self.assertIn("not signed", err)

    def test_it_writes_no_anchor_over_a_faulty_log(self):
        """A tampered log is never anchored: the next run must still see the cut."""
        head = AccessLogHead.objects.values("count", "last_hash", "mac").get()
        self.read(2)
        self.run_command("--anchor-file", str(self.anchor_file))
        self.cut_newest_and_put_back(head)
        before = self.anchor_file.read_text()
        for _ in range(2):
            ok, _, err = self.run_command("--anchor-file", str(self.anchor_file))
            self.assertFalse(ok)
            self.assertIn("the log was cut", err)
        self.assertEqual(self.anchor_file.read_text(), before)

    def test_it_checks_against_a_copy_kept_elsewhere(self):
        """The local anchor file deleted with the cut: the copy shipped away still finds it."""
        head = AccessLogHead.objects.values("count", "last_hash", "mac").get()
        self.read(2)
        self.run_command("--anchor-file", str(self.anchor_file))
        shipped = self.directory / "shipped.jsonl"
        shipped.write_text("Dec  3 10:00:00 db anxin: " + self.anchor_file.read_text())
        self.anchor_file.unlink()
        self.cut_newest_and_put_back(head)
        ok, _, _ = self.run_command("--no-write")
        self.assertTrue(ok, "without an anchor the cut cannot be seen: hence the anchor")
        ok, _, err = self.run_command("--no-write", "--against", str(shipped))
        self.assertFalse(ok)
        self.assertIn("the log was cut", err)

    def test_it_names_a_missing_copy(self):
        ok, _, err = self.run_command("--against", str(self.directory / "nowhere.jsonl"))
        self.assertFalse(ok)
        self.assertIn("no anchor file", err)


class AnchorShippedTests(VerifyAuditTestCase):
    def listen(self) -> socket.socket:
        receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(5)
        self.addCleanup(receiver.close)
        return receiver

    def test_it_sends_the_anchor_to_syslog(self):
        """A real syslog datagram, facility authpriv, carrying the anchor line."""
        receiver = self.listen()
        port = receiver.getsockname()[1]
        self.assertTrue(self.run_command("--syslog", f"127.0.0.1:{port}")[0])
        message = receiver.recv(4096).decode()
        anchor = Anchor.parse(message[message.index("{") :].rstrip("\x00"))
        self.assertTrue(anchor.is_signed)
        self.assertEqual(anchor.count, AccessLogHead.objects.get().count)
        # authpriv (10) * 8 + info (6)
        self.assertTrue(message.startswith("<86>"), message)

    def test_it_sends_the_faults_to_syslog(self):
        receiver = self.listen()
        port = receiver.getsockname()[1]
        AccessLogHead.objects.update(count=1)
        self.assertFalse(self.run_command("--syslog", f"127.0.0.1:{port}")[0])
        message = receiver.recv(4096).decode()
        self.assertIn("fault(s) found", message)
        self.assertTrue(message.startswith("<83>"), message)  # authpriv, err

    def test_it_tells_the_auditors_the_anchor(self):
        """The auditor's e-mail carries the anchor, outside the database."""
        with self.captureOnCommitCallbacks(execute=True):
            self.assertTrue(self.run_command("--notify-auditors")[0])
        mail = OutgoingMail.objects.get(recipient=self.auditor.email)
        self.assertIn("anxin-audit-anchor {", mail.body)
        self.assertTrue(Notification.objects.filter(recipient=self.auditor).exists())
        self.assertFalse(Notification.objects.exclude(recipient=self.auditor).exists())

    def test_it_tells_the_auditors_of_faults(self):
        AccessLogHead.objects.update(count=1)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertFalse(self.run_command("--notify-auditors")[0])
        notification = Notification.objects.get(recipient=self.auditor)
        self.assertNotIn("carer", notification.body)
        self.assertTrue(OutgoingMail.objects.filter(recipient=self.auditor.email).exists())


class LiveLogTests(VerifyAuditTestCase):
    def test_rows_appended_during_the_walk_are_no_fault(self):
        """The head is read before the walk: rows appended meanwhile extend it."""
        head = AccessLogHead.objects.get()
        access_log_append(
            actor="job",
            record=self.declaration,
            field="payload",
            purpose="targeting",
            subject_uuid=self.alice_employee.uuid,
        )
        self.assertEqual(list(verify_chain(head=head)), [])

    def test_an_empty_new_log_verifies(self):
        """A fresh install (no head, no row) is intact; with rows, a missing head is not."""
        AccessLogHead.objects.all().delete()
        self.assertIn("the head row is missing", [f.problem for f in verify_chain()])
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE core_accesslog DISABLE TRIGGER USER")
            else:
                cursor.execute("DROP TRIGGER core_accesslog_no_delete")
            cursor.execute("DELETE FROM core_accesslog")
        self.assertEqual(list(verify_chain()), [])


class MigrationTests(VerifyAuditTestCase):
    def test_the_migration_signs_the_head_it_finds(self):
        """An install upgraded from before the signed head verifies at once (migration 0006
        signs the head as it stands; the first anchor vouches for the past)."""
        import importlib

        from django.apps import apps

        migration = importlib.import_module("anxin.core.migrations.0006_accesslog_signed_head")
        AccessLogHead.objects.update(mac="")
        faults = [fault.problem for fault in verify_chain()]
        self.assertIn("the head is not signed with the audit key", faults)
        migration.sign_head(apps, None)
        self.assertEqual(list(verify_chain()), [])
