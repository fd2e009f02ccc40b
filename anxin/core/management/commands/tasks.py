from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anxin.core import tasks
from anxin.core.models import WorkerBeat


class Command(BaseCommand):
    help = "Show the workers, the queue, and the tasks given up (with --show ID, one's error)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="failed tasks of how many days")
        parser.add_argument("--show", metavar="ID", help="print the traceback of one task")

    def handle(self, *args, days: int, show: str | None, **options):
        if show:
            result = DBTaskResult.objects.filter(id=show).first()
            if result is None:
                raise CommandError(f"no task {show}")
            self.stdout.write(f"{result.task_path} {result.status}, tries {len(result.worker_ids)}")
            self.stdout.write(result.traceback or "(no error recorded)")
            return
        now = timezone.now()
        alive = tasks.live_workers(now)
        for beat in WorkerBeat.objects.order_by("started_at"):
            state = "alive" if beat.worker_id in alive else "silent"
            self.stdout.write(
                f"worker {beat.worker_id} on {beat.host} pid {beat.pid}: {state}, "
                f"last beat {timezone.localtime(beat.beat_at):%Y-%m-%d %H:%M:%S}"
            )
        if not alive:
            self.stdout.write("no worker alive: start `anxin worker`")
        queued = DBTaskResult.objects.filter(status="READY").count()
        running = DBTaskResult.objects.running().count()
        orphaned = len(tasks.orphaned(now))
        self.stdout.write(f"queued {queued}, running {running} (of which orphaned {orphaned})")
        failed = tasks.failed_tasks(since=now - timedelta(days=days))
        self.stdout.write(f"failed in the last {days} days: {len(failed)}")
        for row in failed:
            self.stdout.write(
                f"  {row['id']}  {timezone.localtime(row['finished_at']):%Y-%m-%d %H:%M}  "
                f"{row['task']}  tries {row['tries']}  {row['error']}  "
                f"job {row['job'] or '-'} of {row['owner'] or '-'}"
            )
