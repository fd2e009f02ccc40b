from django.core.management.base import BaseCommand, CommandError

from anxin.core.due import Outcome, run_due


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (start it every few minutes from cron)."

    def handle(self, *args, **options):
        outcomes = run_due()
        failed = [outcome for outcome in outcomes if outcome.status == Outcome.FAILED]
        for outcome in outcomes:
            if outcome.status == Outcome.RAN:
                summary = f": {outcome.summary}" if outcome.summary else ""
                self.stdout.write(f"{outcome.name}: ran{summary}")
            elif outcome.status == Outcome.FAILED:
                self.stderr.write(f"{outcome.name}: failed: {outcome.summary}")
            elif options["verbosity"] >= 2:
                self.stdout.write(f"{outcome.name}: {outcome.status}")
        if not any(outcome.status == Outcome.RAN for outcome in outcomes) and not failed:
            self.stdout.write("nothing was due")
        if failed:
            raise CommandError(f"{len(failed)} periodic job(s) failed; see the log")
