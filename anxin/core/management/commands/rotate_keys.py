from django.core.management.base import BaseCommand, CommandError

from anxin.core.services import sealed_rotate


class Command(BaseCommand):
    help = "Re-seal every sealed value under the first key of ANXIN_DATA_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        rotation = sealed_rotate(batch_size=batch_size)
        for label, count in rotation.resealed.items():
            self.stdout.write(f"{label}: {count} value(s) re-sealed")
        if rotation.unopenable:
            # Where each one is, never what it holds.
            for item in rotation.unopenable:
                self.stderr.write(f"does not open: {item}")
            raise CommandError(
                f"{len(rotation.unopenable)} value(s) did not open and were left as they are; "
                "keep their old key until they are resolved (docs/operators.md)"
            )
        self.stdout.write("rotation finished; old keys may be removed once backups age out")
