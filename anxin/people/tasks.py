"""Background tasks of the people app: the roster import (anxin/core/imports.py).

The page stores the upload and enqueues `roster_import_task`; the person watches the job's
page, whose result links to the report (people:roster_report). The stored file is removed
once the import has ended (applied, refused, or given up after its last try).
"""

from django_tasks import task

from anxin.core.imports import import_given_up, import_run, import_start
from anxin.core.models import Job
from anxin.core.tasks import on_give_up
from anxin.people import roster
from anxin.people.models import OrgUnit

JOB_KIND = "roster_import"
REPORT = "people:roster_report"


def roster_import_start(*, owner, scope: OrgUnit, data: bytes, filename: str) -> Job:
    """Store the upload, create its job and enqueue the import (a roster has no preview:
    its report lists the problems, or what it changed)."""
    return import_start(
        owner=owner,
        kind=JOB_KIND,
        task=roster_import_task,
        data=data,
        filename=filename,
        preview=False,
        args=(scope.pk,),
    )


@task()
def roster_import_task(
    job_uuid: str, stored_name: str, filename: str, scope_id: int, preview: bool = False
) -> dict:
    """Run one roster import and record its outcome on the job; safe to run again
    (`import_run`)."""
    scope = OrgUnit.objects.get(pk=scope_id)
    return import_run(
        job_uuid,
        stored_name,
        filename,
        report=REPORT,
        preview=False,
        run=lambda data, progress: roster.roster_import(
            data=data,
            filename=filename,
            scope=scope,
            on_start=progress.start,
            progress=progress.done,
        ),
    )


@on_give_up(roster_import_task)
def roster_import_given_up(job_uuid: str, stored_name: str, *_) -> None:
    import_given_up(job_uuid, stored_name, report=REPORT)
