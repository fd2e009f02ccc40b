from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from anxin.people.management.commands.import_roster import Command as RosterCommand
from anxin.people.organisation.services import organisation_import


class Command(BaseCommand):
    help = (
        "Import an authority's agencies, schools and units (CSV, XLSX or ODS): all rows or "
        "none; exit 1 on errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the organisation file (.csv, .xlsx or .ods)")
        parser.add_argument(
            "--authority",
            metavar="CODE",
            help="agency code of the authority (needed when there is more than one)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and list the changes only"
        )

    def handle(self, *args, file, authority, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        unit = RosterCommand._authority(self, authority)
        outcome = organisation_import(
            data=path.read_bytes(), filename=path.name, authority=unit, dry_run=dry_run
        )
        for error in outcome.errors:
            where = _("row %(line)s") % {"line": error.line} if error.line else _("file")
            column = f" [{error.column_label}]" if error.column_label else ""
            self.stdout.write(f"{where}{column}: {error.message}")
        if outcome.errors:
            raise CommandError(
                _("%(count)s problem(s) found; nothing was changed.")
                % {"count": len(outcome.errors)}
            )
        c = outcome.counts
        dry = " (dry run: nothing was changed)" if dry_run else ""
        self.stdout.write(
            f"{unit.name}: {c.created} added, {c.updated} updated, {c.reopened} re-opened, "
            f"{c.closed} closed, {c.unchanged} unchanged{dry}."
        )
