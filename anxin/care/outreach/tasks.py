"""The outreach imports in the background (anxin/core/imports.py): the task checks the
stored upload, applies it unless it is a preview, runs the outreach, and records the
outcome on the job."""

from django_tasks import task

from anxin.care.outreach.importing import outreach_import
from anxin.core.imports import import_given_up, import_run, import_start
from anxin.core.models import Job
from anxin.core.tasks import on_give_up
from anxin.people.models import OrgUnit, User

JOB_KIND = "outreach_import"
REPORT = "care:outreach_report"


def outreach_import_start(
    *, owner, scope: OrgUnit, kind: str, data: bytes, filename: str, preview: bool
) -> Job:
    return import_start(
        owner=owner,
        kind=JOB_KIND,
        task=outreach_import_task,
        data=data,
        filename=filename,
        preview=preview,
        args=(kind, scope.pk, owner.pk),
        result={"kind": kind},
    )


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
    """Run one outreach import (or its preview). Safe to run again: the import, its
    outreach and its outcome commit together."""
    scope = OrgUnit.objects.get(pk=scope_id)
    importer = User.objects.get(pk=owner_id)
    return import_run(
        job_uuid,
        stored_name,
        filename,
        report=REPORT,
        preview=preview,
        run=lambda data, progress: outreach_import(
            data=data,
            filename=filename,
            kind=kind,
            scope=scope,
            importer=importer,
            dry_run=preview,
            on_start=progress.start,
        ),
    )


@on_give_up(outreach_import_task)
def outreach_import_given_up(job_uuid: str, stored_name: str, *_) -> None:
    import_given_up(job_uuid, stored_name, report=REPORT)
