"""Periodic work: `anxin run-due`, meant to be started every few minutes by cron or a
systemd timer.

An app registers a job in its own `due.py` (found by `run_due()`):

    @due_job("purge_expired_records", every=timedelta(days=1))
    def purge_expired_records(*, now: datetime) -> str:
        ...
        return "purged 3 records"   # a short summary for the command's output

`run_due()` runs each job whose last successful run is at least `every` ago. A run first
claims the job's `DueRun` row with one conditional UPDATE (not running, or claimed so long
ago that the claimer must have died, and due); the database lets only one of two
simultaneous copies win it, so a job never runs twice at once, and a second `run-due`
right after the first finds nothing due. A job that fails is not marked as run: the next
`run-due` tries it again.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.models import DBTaskResult

from anxin.core.models import DueRun, Job
from anxin.core.notifications import notifications_expire, outbox_retry
from anxin.core.tasks import FORGET, recover

logger = logging.getLogger(__name__)

# A claim older than this is taken to belong to a run that died (killed, machine lost).
DEFAULT_TIMEOUT = timedelta(hours=1)
# Cron starts `run-due` a little late or early from one time to the next: a daily job
# that ran at 02:00:03 is due again at 02:00:01 the next day, not at the start after.
MAX_TOLERANCE = timedelta(minutes=1)


@dataclass(frozen=True)
class DueJob:
    name: str
    every: timedelta
    func: Callable[..., object]
    timeout: timedelta

    @property
    def tolerance(self) -> timedelta:
        return min(MAX_TOLERANCE, self.every / 10)


@dataclass(frozen=True)
class Outcome:
    RAN = "ran"
    FAILED = "failed"
    NOT_DUE = "not due"
    BUSY = "running elsewhere"

    name: str
    status: str
    summary: str = ""


class DueRegistry:
    def __init__(self) -> None:
        self.jobs: dict[str, DueJob] = {}

    def job(self, name: str, *, every: timedelta, timeout: timedelta = DEFAULT_TIMEOUT) -> Callable:
        """Register the decorated function, called as `func(now=...)`, to run every
        `every`. Its return value, if any, is printed as the run's summary."""
        if every <= timedelta(0) or timeout <= timedelta(0):
            raise ValueError("a periodic job needs a positive interval and timeout")

        def decorator(func: Callable) -> Callable:
            known = self.jobs.get(name)
            if known is not None and known.func is not func:
                raise ValueError(f"a periodic job named {name!r} is registered already")
            self.jobs[name] = DueJob(name, every, func, timeout)
            return func

        return decorator

    def run(self, now: datetime | None = None) -> list[Outcome]:
        """Run every job that is due at `now`, in name order; one job's failure is logged
        and does not stop the others."""
        now = now or timezone.now()
        DueRun.objects.bulk_create(
            [DueRun(name=name) for name in sorted(self.jobs)], ignore_conflicts=True
        )
        return [self._run_one(self.jobs[name], now) for name in sorted(self.jobs)]

    def _run_one(self, job: DueJob, now: datetime) -> Outcome:
        if not self._claim(job, now):
            row = DueRun.objects.get(name=job.name)
            busy = row.running_since is not None and row.running_since >= now - job.timeout
            return Outcome(job.name, Outcome.BUSY if busy else Outcome.NOT_DUE)
        mine = DueRun.objects.filter(name=job.name, running_since=now)
        try:
            summary = job.func(now=now)
        except Exception as exc:
            logger.exception("periodic job %s failed", job.name)
            mine.update(running_since=None)
            return Outcome(job.name, Outcome.FAILED, f"{type(exc).__name__}: {exc}")
        mine.update(last_run_at=now, running_since=None)
        return Outcome(job.name, Outcome.RAN, "" if summary is None else str(summary))

    @staticmethod
    def _claim(job: DueJob, now: datetime) -> bool:
        """One UPDATE, so that of two copies racing for the job exactly one wins: the
        database re-checks the conditions on the row it locks."""
        due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - job.every + job.tolerance)
        free = Q(running_since__isnull=True) | Q(running_since__lt=now - job.timeout)
        return DueRun.objects.filter(due, free, name=job.name).update(running_since=now) == 1


registry = DueRegistry()
due_job = registry.job


def run_due(now: datetime | None = None) -> list[Outcome]:
    """Run the due jobs of every installed app (each app's `due.py` registers its own)."""
    autodiscover_modules("due")
    return registry.run(now)


# --- the kernel's own jobs --------------------------------------------------------------

# How long the progress record of a finished import or report stays on its page.
JOB_RETENTION = timedelta(days=30)


@due_job("prune_jobs", every=timedelta(days=1))
def prune_jobs(*, now: datetime) -> str:
    """Delete finished background jobs (their progress records and the task queue's
    results) older than JOB_RETENTION; unfinished ones stay."""
    cutoff = now - JOB_RETENTION
    jobs, _ = Job.objects.filter(
        status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED], finished_at__lt=cutoff
    ).delete()
    finished = DBTaskResult.objects.finished()
    results, _ = finished.filter(finished_at__lt=cutoff).delete()
    # A task that asked to be forgotten (a sensitive send) and that a worker without
    # Anxin's loop ran: gone at once, whatever its age.
    forgotten, _ = finished.filter(**{f"return_value__{FORGET}": True}).delete()
    return f"deleted {jobs} job(s) and {results + forgotten} task result(s)"


@due_job("expire_notifications", every=timedelta(minutes=10))
def expire_notifications(*, now: datetime) -> str:
    """Delete the inbox items of sensitive sends whose time has come."""
    return f"deleted {notifications_expire(now=now)} expired notification(s)"


@due_job("recover_tasks", every=timedelta(minutes=1))
def recover_tasks(*, now: datetime) -> str:
    """Queue again (or give up) the tasks whose worker died, even when no worker runs
    (each worker does this too, every few seconds)."""
    requeued, given_up = recover(now)
    return f"{requeued} task(s) queued again, {given_up} given up"


@due_job("send_outbox", every=timedelta(minutes=1))
def send_outbox(*, now: datetime) -> str:
    """Retry the e-mails a mail server refused or could not take."""
    sent, failed = outbox_retry(now=now)
    return f"sent {sent}, {failed} still waiting"
