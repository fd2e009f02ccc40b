"""The outreach imports in the background, as the organisation import's
(anxin/people/organisation/tasks.py): the upload is stored under MEDIA_ROOT/imports/ by
the job's uuid, the task checks it (and applies it, unless it is a preview), records the
outcome on the job, and the file goes."""

import uuid
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from anxin.care.outreach.importing import outreach_import
from anxin.core.jobs import (
    job_create,
    job_enqueue,
    job_finish,
    job_is_finished,
    job_start,
    job_total,
)
from anxin.core.models import Job
from anxin.core.tasks import on_give_up
from anxin.people.models import OrgUnit, User
from anxin.people.tasks import import_storage

JOB_KIND = "outreach_import"


def outreach_import_start(
    *, owner, scope: OrgUnit, kind: str, data: bytes, filename: str, preview: bool
) -> Job:
    extension = PurePath(filename).suffix.lower().lstrip(".")
    name = PurePath(filename).name
    with transaction.atomic():
        job = job_create(kind=JOB_KIND, owner=owner)
        job.result = {"filename": name, "preview": preview, "kind": kind}
        job.save(update_fields=["result"])
    stored = import_storage().save(f"{job.uuid}.{extension}", ContentFile(data))
    job_enqueue(
        job, outreach_import_task, str(job.uuid), stored, name, kind, scope.pk, owner.pk, preview
    )
    return job


@task()
def outreach_import_task(
    job_uuid: str,
    stored_name: str,
    filename: str,
    kind: str,
    scope_id: int,
    owner_id: int,
    preview: bool,
) -> dict:
    """Run one outreach import (or its preview) and record the outcome on the job. Safe
    to run again: the import, its outreach and its outcome commit together."""
    storage = import_storage()
    if job_is_finished(job_uuid):
        storage.delete(stored_name)
        return {"applied": False, "error_total": 0}
    next_url = reverse("care:outreach_report", args=[uuid.UUID(job_uuid)])
    with storage.open(stored_name, "rb") as handle:
        data = handle.read()
    scope = OrgUnit.objects.get(pk=scope_id)
    job_start(job_uuid, total=0)
    with transaction.atomic():
        outcome = outreach_import(
            data=data,
            filename=filename,
            kind=kind,
            scope=scope,
            importer=User.objects.get(pk=owner_id),
            dry_run=preview,
            on_start=lambda total: job_total(job_uuid, total=total),
        )
        result = {"filename": filename, "next_url": next_url, **outcome.as_dict()}
        job_finish(job_uuid, ok=outcome.applied or (preview and not outcome.errors), result=result)
    storage.delete(stored_name)
    return {"applied": outcome.applied, "error_total": len(outcome.errors)}


@on_give_up(outreach_import_task)
def outreach_import_given_up(
    job_uuid: str,
    stored_name: str,
    filename: str,
    kind: str,
    scope_id: int,
    owner_id: int,
    preview: bool,
) -> None:
    next_url = reverse("care:outreach_report", args=[uuid.UUID(job_uuid)])
    Job.objects.filter(uuid=job_uuid).update(
        result={
            "filename": filename,
            "crashed": True,
            "next_url": next_url,
            "preview": preview,
            "kind": kind,
        }
    )
    import_storage().delete(stored_name)
