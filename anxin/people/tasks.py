"""Background tasks of the people app: the roster import.

The page stores the upload under MEDIA_ROOT/imports/ (never served), creates a `Job` and
enqueues `roster_import_task`; the person watches the job's page, whose result links to
the report (people:roster_report). The stored file is removed once the task has read it:
a roster carries birth dates, and nothing needs it afterwards.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from anxin.core.jobs import job_create, job_finish, job_progress, job_start
from anxin.core.models import Job
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
    roster_import_task.enqueue(str(job.uuid), stored, PurePath(filename).name, scope.pk)
    return job


@task()
def roster_import_task(job_uuid: str, stored_name: str, filename: str, scope_id: int) -> dict:
    """Run one roster import and record its outcome on the job."""
    storage = import_storage()
    next_url = reverse("people:roster_report", args=[uuid.UUID(job_uuid)])
    try:
        with storage.open(stored_name, "rb") as handle:
            data = handle.read()
        scope = OrgUnit.objects.get(pk=scope_id)
        outcome = roster.roster_import(
            data=data,
            filename=filename,
            scope=scope,
            on_start=lambda total: job_start(job_uuid, total=total),
            progress=lambda done: job_progress(job_uuid, done=done),
        )
    except Exception:
        # The job's page must not poll forever; the worker logs the traceback.
        job_finish(
            job_uuid,
            ok=False,
            result={"filename": filename, "crashed": True, "next_url": next_url},
        )
        raise
    finally:
        storage.delete(stored_name)
    result = {"filename": filename, "next_url": next_url, **outcome.as_dict()}
    job_finish(job_uuid, ok=outcome.applied, result=result)
    return {"applied": outcome.applied, "error_total": len(outcome.errors)}
