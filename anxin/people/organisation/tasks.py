"""The organisation import in the background (anxin/core/imports.py): the task checks the
stored upload, applies it unless it is a preview, and records the outcome on the job."""

from django_tasks import task

from anxin.core.imports import import_given_up, import_run, import_start
from anxin.core.models import Job
from anxin.core.tasks import on_give_up
from anxin.people.models import OrgUnit
from anxin.people.organisation.services import organisation_import

JOB_KIND = "organisation_import"
REPORT = "people:organisation_report"


def organisation_import_start(
    *, owner, authority: OrgUnit, data: bytes, filename: str, preview: bool
) -> Job:
    return import_start(
        owner=owner,
        kind=JOB_KIND,
        task=organisation_import_task,
        data=data,
        filename=filename,
        preview=preview,
        args=(authority.pk,),
    )


@task()
def organisation_import_task(
    job_uuid: str, stored_name: str, filename: str, authority_id: int, preview: bool
) -> dict:
    """Run one organisation import (or its preview). Safe to run again: the import and
    its outcome commit together."""
    authority = OrgUnit.objects.get(pk=authority_id)
    return import_run(
        job_uuid,
        stored_name,
        filename,
        report=REPORT,
        preview=preview,
        run=lambda data, progress: organisation_import(
            data=data,
            filename=filename,
            authority=authority,
            dry_run=preview,
            on_start=progress.start,
        ),
    )


@on_give_up(organisation_import_task)
def organisation_import_given_up(job_uuid: str, stored_name: str, *_) -> None:
    import_given_up(job_uuid, stored_name, report=REPORT)
