"""The organisation import in the background, as the roster's (anxin/people/tasks.py): the
upload is stored under MEDIA_ROOT/imports/ by the job's uuid, the task checks it (and
applies it, unless it is a preview) and records the outcome on the job, and the file goes."""

import uuid
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django_tasks import task

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
from anxin.people.models import OrgUnit
from anxin.people.organisation.services import organisation_import
from anxin.people.tasks import import_storage

JOB_KIND = "organisation_import"


def organisation_import_start(
    *, owner, authority: OrgUnit, data: bytes, filename: str, preview: bool
) -> Job:
    extension = PurePath(filename).suffix.lower().lstrip(".")
    name = PurePath(filename).name
    with transaction.atomic():
        job = job_create(kind=JOB_KIND, owner=owner)
        job.result = {"filename": name, "preview": preview}
        job.save(update_fields=["result"])
    stored = import_storage().save(f"{job.uuid}.{extension}", ContentFile(data))
    job_enqueue(job, organisation_import_task, str(job.uuid), stored, name, authority.pk, preview)
    return job


@task()
def organisation_import_task(
    job_uuid: str, stored_name: str, filename: str, authority_id: int, preview: bool
) -> dict:
    """Run one organisation import (or its preview) and record the outcome on the job.
    Safe to run again: the import and its outcome commit together."""
    storage = import_storage()
    if job_is_finished(job_uuid):
        storage.delete(stored_name)
        return {"applied": False, "error_total": 0}
    next_url = reverse("people:organisation_report", args=[uuid.UUID(job_uuid)])
    with storage.open(stored_name, "rb") as handle:
        data = handle.read()
    authority = OrgUnit.objects.get(pk=authority_id)
    job_start(job_uuid, total=0)
    with transaction.atomic():
        outcome = organisation_import(
            data=data,
            filename=filename,
            authority=authority,
            dry_run=preview,
            on_start=lambda total: job_total(job_uuid, total=total),
        )
        result = {"filename": filename, "next_url": next_url, **outcome.as_dict()}
        job_finish(job_uuid, ok=outcome.applied or (preview and not outcome.errors), result=result)
    storage.delete(stored_name)
    return {"applied": outcome.applied, "error_total": len(outcome.errors)}


@on_give_up(organisation_import_task)
def organisation_import_given_up(
    job_uuid: str, stored_name: str, filename: str, authority_id: int, preview: bool
) -> None:
    next_url = reverse("people:organisation_report", args=[uuid.UUID(job_uuid)])
    Job.objects.filter(uuid=job_uuid).update(
        result={"filename": filename, "crashed": True, "next_url": next_url, "preview": preview}
    )
    import_storage().delete(stored_name)
