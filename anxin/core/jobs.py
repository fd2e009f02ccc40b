"""Progress records for background tasks (imports, reports, bulk mail).

A view creates the `Job` with `job_create()`, enqueues its django-tasks task with the job's
uuid, and sends the person to `job_status` (anxin.core.views), which polls with htmx. The
task reports with `job_progress()` and ends with `job_finish()`.
"""

import uuid

from django.db.models import F
from django.utils import timezone

from anxin.core.models import Job


def job_create(*, kind: str, owner, total: int = 0) -> Job:
    return Job.objects.create(kind=kind, owner=owner, total=total)


def job_start(job_uuid: uuid.UUID | str, *, total: int) -> None:
    Job.objects.filter(uuid=job_uuid).update(status=Job.Status.RUNNING, total=total, done=0)


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
