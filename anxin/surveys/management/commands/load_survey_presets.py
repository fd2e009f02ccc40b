"""Load the questionnaire presets (example wording for an authority to review)."""

from django.core.management.base import BaseCommand, CommandError

from anxin.surveys.services import PresetFileError, presets_load


class Command(BaseCommand):
    help = (
        "Load the questionnaire presets (needs survey, 附表三 satisfaction, event feedback, "
        "new-hire care), or the preset YAML files given; all or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="preset YAML files (default: built-in)")

    def handle(self, *args, files, **options):
        try:
            loads = presets_load(paths=files or None)
        except PresetFileError as exc:
            raise CommandError("\n" + "\n".join(exc.errors)) from None
        for load in loads:
            self.stdout.write(f"{load.preset.key}: {load.action}")
