"""Progress records for background tasks (imports, reports, bulk mail).

A view creates the `Job` with `job_create()`, enqueues its django-tasks task with
`job_enqueue()` (which records the task's id on the job), and sends the person to
`job_status` (anxin.core.views), which polls with htmx. The task reports with
`job_start()` and `job_progress()` and ends with `job_finish()`.

A task may be tried more than once (anxin.core.tasks): its worker died, or it raised. The
worker then puts the job back to QUEUED (`job_requeued`), and after the last try marks it
FAILED with the reason its owner reads (`job_give_up`). A task does not mark its own job
failed when it raises: it may still be tried again.
"""

import uuid

from django.db.models import F
from django.utils import timezone

from anxin.core.models import Job

UNFINISHED = (Job.Status.QUEUED, Job.Status.RUNNING)


def job_create(*, kind: str, owner, total: int = 0) -> Job:
    return Job.objects.create(kind=kind, owner=owner, total=total)


def job_enqueue(job: Job, task, *args, **kwargs):
    """Enqueue `task` for `job` and record the task's id on the job, so that the worker
    can find the job when the task has to be tried again or given up."""
    result = task.enqueue(*args, **kwargs)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return result


def job_is_finished(job_uuid: uuid.UUID | str) -> bool:
    """A task tried again after its job was finished (its worker died just after) does
    nothing a second time."""
    return not Job.objects.filter(uuid=job_uuid, status__in=UNFINISHED).exists()


def job_start(job_uuid: uuid.UUID | str, *, total: int) -> None:
    """A try of the task has started (a restart counts one more try)."""
    Job.objects.filter(uuid=job_uuid).update(
        status=Job.Status.RUNNING, total=total, done=0, attempts=F("attempts") + 1
    )


def job_total(job_uuid: uuid.UUID | str, *, total: int) -> None:
    """The number of steps, once the task knows it."""
    Job.objects.filter(uuid=job_uuid).update(total=total)


def job_progress(job_uuid: uuid.UUID | str, *, done: int | None = None, step: int = 0) -> None:
    """Record progress: either the absolute count `done` or an increment `step`."""
    value = done if done is not None else F("done") + step
    Job.objects.filter(uuid=job_uuid).update(done=value)


def job_finish(job_uuid: uuid.UUID | str, *, ok: bool, result: dict) -> None:
    """`result` is shown on the job's page: plain counts, messages and `next_url`, never
    clinical content."""
    Job.objects.filter(uuid=job_uuid).update(
        status=Job.Status.SUCCEEDED if ok else Job.Status.FAILED,
        result=result,
        finished_at=timezone.now(),
    )


def job_requeued(*, task_id: str) -> None:
    """The job's task waits in the queue for another try; the page says so."""
    Job.objects.filter(task_id=task_id, status__in=UNFINISHED).update(status=Job.Status.QUEUED)


def job_give_up(*, task_id: str, failure: str) -> list[str]:
    """The job's task was given up: FAILED with the reason (a `Job.Failure`), keeping
    what the task had recorded (its progress, partial counts). Returns the jobs' uuids."""
    jobs = Job.objects.filter(task_id=task_id, status__in=UNFINISHED)
    uuids = [str(u) for u in jobs.values_list("uuid", flat=True)]
    jobs.update(status=Job.Status.FAILED, failure=failure, finished_at=timezone.now())
    return uuids
