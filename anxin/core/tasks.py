"""Background tasks that survive a crash: a lease on every running task, retries, and a
reason when a task is given up (invariant 13).

django-tasks-db claims a task by marking it RUNNING and never looks at it again, so a
worker killed in the middle of a task leaves it RUNNING for ever (upstream issue
RealOrangeOne/django-tasks-db#5, open). `anxin worker` runs the library's worker loop with
three additions, all in this module (decision 0021):

- **Heartbeat.** While it lives, a worker writes its `WorkerBeat` row every quarter of
  the lease (`ANXIN_TASK_LEASE_SECONDS`, 60 s), from a thread of its own, so that a long
  task does not stop the beat.
- **Reaper.** The same thread, in every worker, looks for RUNNING tasks whose worker has
  not beaten for the lease time: such a task is queued again, or given up once it has
  been tried `ANXIN_TASK_MAX_ATTEMPTS` times (the library appends one worker id to
  `worker_ids` per try, which is the count). A worker that starts runs the reaper first.
- **Retries.** A task that raises is queued again after `ANXIN_TASK_RETRY_SECONDS`
  (doubling with each try) and given up after the last try.

Giving up marks the task FAILED (the exception's class and traceback stay on its row for
the operators: `anxin tasks`), marks its `Job` FAILED with the reason its owner reads on
the job's page, logs one line (the exception's class only: a message may quote data),
and calls the task's give-up hook (`on_give_up`), which removes what the task kept for a
next try (an uploaded file, a list of people).

Each try is identified by its `started_at`: every change of a task's state is one
conditional UPDATE on (id, status RUNNING, started_at), so a worker and a reaper that
race over the same task never both act.

What this cannot give is "exactly once" for the task as a whole: a task may run again
after doing part or all of its work. Every task must therefore be safe to run again
(its effects happen once whatever the number of tries); see each task's docstring.
"""

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from traceback import format_exception
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.signals import task_finished, task_started
from django_tasks_db.compat import TaskContext, TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from anxin.core.jobs import job_give_up, job_requeued
from anxin.core.models import Job, WorkerBeat

logger = logging.getLogger(__name__)

# A task that returns a dict with this key set asks for its queue row to be deleted as
# soon as it has succeeded (its arguments must not outlive it); `prune_jobs` catches any
# left by another worker.
FORGET = "forget"

# The exception class recorded on a task whose worker died on its last try.
WORKER_LOST = "anxin.core.tasks.WorkerLost"


class WorkerLost(Exception):
    """The worker running a task stopped (killed, machine lost) before the task ended."""


def lease() -> timedelta:
    return timedelta(seconds=settings.ANXIN_TASK_LEASE_SECONDS)


def max_attempts() -> int:
    return max(1, settings.ANXIN_TASK_MAX_ATTEMPTS)


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: the base, doubling."""
    return timedelta(seconds=settings.ANXIN_TASK_RETRY_SECONDS * 2 ** max(0, attempts - 1))


# --- give-up hooks -----------------------------------------------------------------------

GIVE_UP_HOOKS: dict[str, Callable[..., None]] = {}


def on_give_up(task) -> Callable:
    """Register the decorated function, called with the task's own arguments, to run
    when `task` is given up: it removes what the task kept for its next try."""

    def decorator(func: Callable[..., None]) -> Callable[..., None]:
        GIVE_UP_HOOKS[task.module_path] = func
        return func

    return decorator


# --- changing a task's state -------------------------------------------------------------


def _this_try(result: DBTaskResult):
    return DBTaskResult.objects.filter(
        id=result.id, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )


def _describe(result: DBTaskResult) -> str:
    return f"task {result.id} ({result.task_path.rsplit('.', 1)[-1]})"


def task_requeue(result: DBTaskResult, *, delay: timedelta, why: str) -> bool:
    """Put this try's task back in the queue to run after `delay`. False when the task
    is no longer in this try (another worker or reaper acted first)."""
    now = timezone.now()
    with transaction.atomic():
        if not _this_try(result).update(status=TaskResultStatus.READY, run_after=now + delay):
            return False
        job_requeued(task_id=str(result.id))
    tries = len(result.worker_ids)
    logger.warning(
        "%s %s; queued again (try %d of %d)", _describe(result), why, tries + 1, max_attempts()
    )
    return True


def task_give_up(
    result: DBTaskResult, *, failure: str, error_class: str, traceback: str = ""
) -> bool:
    """Mark this try's task FAILED for good, its job FAILED with `failure` (a
    `Job.Failure`), and run the task's give-up hook."""
    now = timezone.now()
    with transaction.atomic():
        updated = _this_try(result).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=error_class,
            traceback=traceback,
        )
        if not updated:
            return False
        jobs = job_give_up(task_id=str(result.id), failure=failure)
    logger.error(
        "%s given up after %d tries: %s; job %s",
        _describe(result),
        len(result.worker_ids),
        error_class.rsplit(".", 1)[-1],
        ", ".join(jobs) or "none",
    )
    _run_hook(result)
    return True


def _run_hook(result: DBTaskResult) -> None:
    try:
        import_string(result.task_path)  # imports the task's module, which registers its hook
    except ImportError:
        logger.warning("%s: its module is gone, no give-up hook run", _describe(result))
        return
    hook = GIVE_UP_HOOKS.get(result.task_path)
    if hook is None:
        return
    try:
        hook(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    except Exception:
        logger.exception("%s: its give-up hook failed", _describe(result))


def task_failed(result: DBTaskResult, exc: BaseException) -> None:
    """A try raised: queue the task again after a delay, or give it up after the last."""
    error_class = f"{type(exc).__module__}.{type(exc).__qualname__}"
    tries = len(result.worker_ids)
    if tries < max_attempts():
        task_requeue(result, delay=retry_delay(tries), why=f"failed ({type(exc).__qualname__})")
        return
    task_give_up(
        result,
        failure=Job.Failure.ERROR,
        error_class=error_class,
        traceback="".join(format_exception(exc)),
    )


# --- the heartbeat and the reaper ----------------------------------------------------------


def worker_beat(*, worker_id: str, started_at: datetime, now: datetime | None = None) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "beat_at": now or timezone.now(),
        },
    )


def live_workers(now: datetime | None = None) -> set[str]:
    cutoff = (now or timezone.now()) - lease()
    return set(WorkerBeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))


def orphaned(now: datetime | None = None) -> list[DBTaskResult]:
    """RUNNING tasks whose last worker has not beaten for the lease time. Few tasks run
    at a time, so they are read whole and their `worker_ids` checked here."""
    now = now or timezone.now()
    alive = live_workers(now)
    running = DBTaskResult.objects.running().filter(started_at__lt=now - lease())
    return [r for r in running if not r.worker_ids or r.worker_ids[-1] not in alive]


def recover(now: datetime | None = None) -> tuple[int, int]:
    """Queue again, or give up, every orphaned task. Returns (queued again, given up).
    Safe to run from any number of workers at once."""
    requeued = given_up = 0
    for result in orphaned(now):
        why = "lost its worker"
        if len(result.worker_ids) < max_attempts():
            requeued += task_requeue(result, delay=timedelta(0), why=why)
        else:
            given_up += task_give_up(
                result,
                failure=Job.Failure.WORKER_LOST,
                error_class=WORKER_LOST,
                traceback=f"{WorkerLost.__doc__}\nWorkers: {', '.join(result.worker_ids)}\n",
            )
    WorkerBeat.objects.filter(beat_at__lt=(now or timezone.now()) - 10 * lease()).delete()
    return requeued, given_up


class Heartbeat(threading.Thread):
    """Beats for its worker and reaps orphaned tasks every quarter of the lease."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def tick(self) -> None:
        worker_beat(worker_id=self.worker_id, started_at=self.started_at)
        recover()

    def run(self) -> None:
        interval = max(0.2, lease().total_seconds() / 4)
        try:
            while not self.stopping.wait(interval):
                try:
                    self.tick()
                except Exception:  # a locked or lost database: beat again next time
                    logger.warning("worker heartbeat failed, will retry", exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=5)
        WorkerBeat.objects.filter(worker_id=self.worker_id).delete()


class Worker(db_worker.Worker):
    """django-tasks-db's worker loop, with the heartbeat, the reaper and retries."""

    def run(self) -> None:
        heartbeat = Heartbeat(self.worker_id)
        try:
            heartbeat.tick()  # beat before the first claim, and recover what a crash left
            heartbeat.start()
            super().run()
        finally:
            heartbeat.stop()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend = type(task.get_backend())
            task_started.send(sender=backend, task_result=task_result)
            args, kwargs = task_result.args, task_result.kwargs
            if task.takes_context:
                value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
            else:
                value = task.call(*args, **kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend, task_result=db_task_result.task_result)
            if isinstance(value, dict) and value.get(FORGET):
                DBTaskResult.objects.filter(id=db_task_result.id).delete()
        except (KeyboardInterrupt, SystemExit):
            # Stopped by the operator in the middle: the next worker takes it up.
            task_requeue(db_task_result, delay=timedelta(0), why="was interrupted")
            raise
        except Exception as exc:
            task_failed(db_task_result, exc)
        finally:
            self.running_task = False
            self._run_tasks += 1


# --- what operators see -------------------------------------------------------------------


def failed_tasks(*, since: datetime) -> list[dict[str, Any]]:
    """Tasks given up since `since`, newest first, with the job (and its owner) each
    belonged to."""
    results = list(
        DBTaskResult.objects.failed().filter(finished_at__gte=since).order_by("-finished_at")
    )
    jobs = {
        job.task_id: job
        for job in Job.objects.filter(task_id__in=[str(r.id) for r in results]).select_related(
            "owner"
        )
    }
    rows = []
    for result in results:
        job = jobs.get(str(result.id))
        rows.append(
            {
                "id": str(result.id),
                "task": result.task_path.rsplit(".", 1)[-1],
                "tries": len(result.worker_ids),
                "finished_at": result.finished_at,
                "error": result.exception_class_path.rsplit(".", 1)[-1],
                "job": str(job.uuid) if job else "",
                "owner": job.owner.get_username() if job else "",
            }
        )
    return rows
