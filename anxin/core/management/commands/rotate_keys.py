from django.core.management.base import BaseCommand

from anxin.core.services import sealed_rotate


class Command(BaseCommand):
    help = "Re-seal every sealed value under the first key of ANXIN_DATA_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        for label, count in sealed_rotate(batch_size=batch_size).items():
            self.stdout.write(f"{label}: {count} value(s) re-sealed")
        self.stdout.write("rotation finished; old keys may be removed once backups age out")
