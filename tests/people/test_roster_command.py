"""`anxin import-roster FILE [--authority CODE] [--dry-run]`."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.utils import translation

from anxin.people.models import Employee
from anxin.people.services import orgunit_create
from tests.base import BaseTestCase
from tests.people.roster_files import GOOD_ROWS, csv_bytes, ods_bytes


class ImportRosterCommandTestCase(BaseTestCase):
    def write(self, data: bytes, name: str) -> str:
        folder = tempfile.mkdtemp()
        path = Path(folder) / name
        path.write_bytes(data)
        self.addCleanup(path.unlink)
        return str(path)

    def run_command(self, *args) -> str:
        out = StringIO()
        with translation.override("en"):
            call_command("import_roster", *args, stdout=out)
        return out.getvalue()

    def test_it_imports_and_prints_the_counts(self):
        output = self.run_command(self.write(ods_bytes(GOOD_ROWS), "roster.ods"))
        self.assertIn("範例市政府: 2 added, 0 updated, 0 re-activated, 1 deactivated", output)
        self.assertTrue(Employee.objects.filter(number="E0004").exists())

    def test_it_prints_each_row_and_fails_when_nothing_was_applied(self):
        rows = [*GOOD_ROWS, ["E0003", "重複", "379100000G", "", "教師", "女", "1990-01-01",
                             "2020-01-01", ""]]  # fmt: skip
        out = StringIO()
        with self.assertRaises(CommandError) as caught, translation.override("en"):
            call_command("import_roster", self.write(csv_bytes(rows), "r.csv"), stdout=out)
        self.assertEqual(caught.exception.returncode, 1)
        self.assertEqual(
            out.getvalue().strip(),
            "row 5 [Employee number]: Employee number E0003 also appears on row 3.",
        )
        self.assertIn("nothing was changed", str(caught.exception))
        self.assertFalse(Employee.objects.filter(number="E0004").exists())

    def test_it_changes_nothing_on_a_dry_run(self):
        output = self.run_command(self.write(csv_bytes(GOOD_ROWS), "r.csv"), "--dry-run")
        self.assertIn("3 rows checked", output)
        self.assertFalse(Employee.objects.filter(number="E0004").exists())
        self.assertTrue(Employee.objects.get(number="E0002").is_active)

    def test_it_needs_the_authority_when_there_are_several(self):
        orgunit_create(name="另一市政府", kind="authority", code="379800000A")
        path = self.write(csv_bytes(GOOD_ROWS), "r.csv")
        with self.assertRaises(CommandError):
            self.run_command(path)
        with self.assertRaises(CommandError):
            self.run_command(path, "--authority", "000000000X")
        self.run_command(path, "--authority", "379000000a")
        self.assertTrue(Employee.objects.filter(number="E0004").exists())

    def test_it_refuses_a_missing_file(self):
        with self.assertRaises(CommandError):
            self.run_command("/nonexistent/roster.csv")


class RosterTemplateCommandTestCase(BaseTestCase):
    def test_it_writes_the_three_templates(self):
        folder = Path(tempfile.mkdtemp())
        call_command("roster_template", "--output-dir", str(folder), stdout=StringIO())
        names = sorted(path.name for path in folder.iterdir())
        self.assertEqual(
            names, ["roster-template.csv", "roster-template.ods", "roster-template.xlsx"]
        )
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
