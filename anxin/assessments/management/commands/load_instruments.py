"""Load self-test instruments: the built-in ones, or an authority's own files."""

from django.core.management.base import BaseCommand, CommandError

from anxin.assessments.definitions import InstrumentFileError
from anxin.assessments.services import instruments_load


class Command(BaseCommand):
    help = (
        "Load the built-in self-test instruments (BSRS-5, CBI, WHO-5), or the instrument "
        "YAML files given. Loading again changes nothing; a bad file is refused with "
        "every fault found and nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="instrument YAML files (default: built-in)")

    def handle(self, *args, files, **options):
        try:
            loads = instruments_load(paths=files or None)
        except InstrumentFileError as exc:
            raise CommandError("\n" + "\n".join(exc.errors)) from None
        for load in loads:
            self.stdout.write(f"{load.instrument.key} v{load.instrument.version}: {load.action}")
