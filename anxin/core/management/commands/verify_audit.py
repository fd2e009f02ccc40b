from django.core.management.base import BaseCommand, CommandError

from anxin.core.audit import verify_chain
from anxin.core.models import AccessLog


class Command(BaseCommand):
    help = "Check the access log's hash chain; exit 1 naming each edited or missing row."

    def handle(self, *args, **options):
        faults = list(verify_chain())
        for fault in faults:
            self.stderr.write(f"row {fault.row_id}: {fault.problem}")
        if faults:
            raise CommandError(f"access log: {len(faults)} fault(s) found")
        self.stdout.write(f"access log: {AccessLog.objects.count()} rows, chain intact")
