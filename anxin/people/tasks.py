"""Background tasks of the people app: the roster import.

The page stores the upload under MEDIA_ROOT/imports/ (never served), creates a `Job` and
enqueues `roster_import_task`; the person watches the job's page, whose result links to
the report (people:roster_report). The stored file is kept until the import has ended
(applied, refused, or given up after its last try: anxin.core.tasks), then removed: a
roster carries birth dates, and nothing needs it afterwards.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from anxin.core.jobs import (
    job_create,
    job_enqueue,
    job_finish,
    job_is_finished,
    job_progress,
    job_start,
    job_total,
)
from anxin.core.models import Job
from anxin.core.tasks import on_give_up
from anxin.people import roster
from anxin.people.models import OrgUnit

JOB_KIND = "roster_import"


def import_storage() -> FileSystemStorage:
    return FileSystemStorage(
        location=settings.MEDIA_ROOT / "imports",
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def roster_import_start(*, owner, scope: OrgUnit, data: bytes, filename: str) -> Job:
    """Store the upload, create its job and enqueue the import. The stored name is the
    job's uuid, never the name the person gave."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    with transaction.atomic():
        job = job_create(kind=JOB_KIND, owner=owner)
        job.result = {"filename": PurePath(filename).name}
        job.save(update_fields=["result"])
    stored = import_storage().save(f"{job.uuid}.{extension}", ContentFile(data))
    job_enqueue(job, roster_import_task, str(job.uuid), stored, PurePath(filename).name, scope.pk)
    return job


@task()
def roster_import_task(job_uuid: str, stored_name: str, filename: str, scope_id: int) -> dict:
    """Run one roster import and record its outcome on the job.

    Safe to run again: the import and its outcome on the job commit together, and a try
    that finds its job finished (its worker died just after the commit) does nothing but
    remove the file. An error is left to the worker, which tries again and, after the last
    try, marks the job failed (`roster_import_given_up`)."""
    storage = import_storage()
    if job_is_finished(job_uuid):
        storage.delete(stored_name)
        return {"applied": False, "error_total": 0}
    next_url = reverse("people:roster_report", args=[uuid.UUID(job_uuid)])
    with storage.open(stored_name, "rb") as handle:
        data = handle.read()
    scope = OrgUnit.objects.get(pk=scope_id)
    job_start(job_uuid, total=0)
    with transaction.atomic():
        outcome = roster.roster_import(
            data=data,
            filename=filename,
            scope=scope,
            on_start=lambda total: job_total(job_uuid, total=total),
            progress=lambda done: job_progress(job_uuid, done=done),
        )
        result = {"filename": filename, "next_url": next_url, **outcome.as_dict()}
        job_finish(job_uuid, ok=outcome.applied, result=result)
    storage.delete(stored_name)
    return {"applied": outcome.applied, "error_total": len(outcome.errors)}


@on_give_up(roster_import_task)
def roster_import_given_up(job_uuid: str, stored_name: str, filename: str, scope_id: int) -> None:
    """The last try failed: the report says the import stopped (nothing was applied: the
    import is one transaction), and the file goes."""
    next_url = reverse("people:roster_report", args=[uuid.UUID(job_uuid)])
    Job.objects.filter(uuid=job_uuid).update(
        result={"filename": filename, "crashed": True, "next_url": next_url}
    )
    import_storage().delete(stored_name)
