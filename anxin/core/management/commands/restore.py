from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anxin.core.backup import BackupError, restore_check, restore_load, restore_verify


class Command(BaseCommand):
    help = "Restore a backup into an empty database, then verify every table, the log and keys."
    # The point of a restore is to report what does not open, a missing key included.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("src", type=Path, help="a directory written by anxin backup")

    def handle(self, *args, src: Path, **options):
        try:
            manifest, problems = restore_check(src)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"nothing restored: {len(problems)} problem(s)")
        self.stdout.write(
            f"backup of {manifest['created_at']} ({manifest['vendor']}, "
            f"{len(manifest['tables'])} tables): signature and files check out"
        )
        try:
            media = restore_load(src, manifest)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"database loaded; media: {media} file(s) restored")

        result = restore_verify(manifest)
        total = len(manifest["tables"])
        self.stdout.write(f"tables: {result.tables_equal} of {total} equal to the manifest")
        if result.migrated:
            self.stdout.write(f"schema: {result.migrated} migration(s) of this release applied")
        audit = (
            f"{result.audit_faults} fault(s), listed below"
            if result.audit_faults
            else "chain intact, head as in the manifest"
        )
        self.stdout.write(f"access log: {result.audit_rows} rows, {audit}")
        self.stdout.write(f"sealed values: {result.sealed_opened} of {result.sealed_total} open")
        for line in result.unopened:
            self.stderr.write(f"not opened: {line}")
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.verified:
            raise CommandError(
                f"restore NOT verified: {len(result.problems)} problem(s), "
                f"{len(result.unopened)} sealed value(s) that do not open"
            )
        self.stdout.write("restore verified")
