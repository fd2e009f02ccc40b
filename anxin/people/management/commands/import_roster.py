from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from anxin.people.models import OrgUnit
from anxin.people.roster import roster_import


class Command(BaseCommand):
    help = "Import a staff roster (CSV, XLSX or ODS): all rows or none; exit 1 on errors."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the roster file (.csv, .xlsx or .ods)")
        parser.add_argument(
            "--authority",
            metavar="CODE",
            help="agency code of the authority (needed when there is more than one)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row but change nothing"
        )

    def handle(self, *args, file, authority, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        scope = self._authority(authority)
        outcome = roster_import(
            data=path.read_bytes(), filename=path.name, scope=scope, dry_run=dry_run
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
        if dry_run:
            self.stdout.write(
                _("%(rows)s rows checked, no problem found; nothing was changed (dry run).")
                % {"rows": outcome.rows}
            )
            return
        counts = outcome.counts
        self.stdout.write(
            _(
                "%(authority)s: %(created)s added, %(updated)s updated, %(reactivated)s "
                "re-activated, %(deactivated)s deactivated, %(unchanged)s unchanged, "
                "%(units)s units added."
            )
            % {
                "authority": scope.name,
                "created": counts.created,
                "updated": counts.updated,
                "reactivated": counts.reactivated,
                "deactivated": counts.deactivated,
                "unchanged": counts.unchanged,
                "units": counts.units_created,
            }
        )

    def _authority(self, code: str | None) -> OrgUnit:
        authorities = OrgUnit.objects.filter(kind=OrgUnit.Kind.AUTHORITY)
        if code:
            authorities = authorities.filter(code__iexact=code.strip())
        found = list(authorities[:2])
        if len(found) == 1:
            return found[0]
        if not found and code:
            raise CommandError(_("No authority with agency code %(code)s.") % {"code": code})
        if not found:
            raise CommandError(_("There is no authority yet."))
        raise CommandError(_("There is more than one authority: name one with --authority CODE."))
