from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from anxin.people.roster import TEMPLATE_WRITERS


class Command(BaseCommand):
    help = "Write the roster template (docs/roster-template.csv, .xlsx and .ods)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(Path(settings.BASE_DIR) / "docs"),
            help="folder to write the three files to (default: docs/)",
        )

    def handle(self, *args, output_dir, **options):
        folder = Path(output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for extension, writer in TEMPLATE_WRITERS.items():
            path = folder / f"roster-template.{extension}"
            path.write_bytes(writer())
            self.stdout.write(str(path))
