from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anxin.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a verified backup (database snapshot, uploads, signed manifest) to DEST."
    # A backup is most needed when something is wrong, a missing key included.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("dest", type=Path, help="a new directory for this backup")

    def handle(self, *args, dest: Path, **options):
        try:
            result = backup_create(dest=dest)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = result.manifest
        tables = manifest["tables"]
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(f"backup written to {result.path}")
        self.stdout.write(
            f"database: {manifest['vendor']} snapshot of {manifest['created_at']}, "
            f"{len(tables)} tables, {rows} rows"
        )
        audit = manifest["audit"]
        self.stdout.write(f"access log: {audit['rows']} rows, tip {audit['last_hash'] or '-'}")
        for key_id, needed in manifest["keys"].items():
            held = (
                f"fingerprint {needed['fingerprint']}"
                if needed["fingerprint"]
                else "a key this instance does NOT hold"
            )
            self.stdout.write(
                f"sealed values: {needed['values']} under key {key_id or '(none)'} ({held})"
            )
        self.stdout.write(f"media: {len(manifest['media'])} file(s)")
        if result.problems:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"the backup does not check out: {len(result.problems)} problem(s)")
        self.stdout.write(f"backup checked: {result.checked}")
        self.stdout.write(
            "The backup holds no key: keep ANXIN_DATA_KEYS and ANXIN_AUDIT_KEY apart from it."
        )
