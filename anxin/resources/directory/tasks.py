"""The directory's imports in the background (anxin/core/imports.py): the entries file
and the long-term-care facility list, checked whole, previewed or applied all or nothing."""

from django.utils import translation
from django_tasks import task

from anxin.core.imports import import_given_up, import_run, import_start
from anxin.core.models import Job
from anxin.core.tasks import on_give_up
from anxin.people.models import OrgUnit, User
from anxin.resources.directory.importing import directory_file_import
from anxin.resources.directory.policies import services_editable

JOB_KIND = "directory_import"
REPORT = "resources:directory_import_report"


def directory_import_start(
    *, owner, role: str, scope: OrgUnit, care: bool, data: bytes, filename: str, preview: bool
) -> Job:
    """The report's messages are worded in the language the importer reads now."""
    return import_start(
        owner=owner,
        kind=JOB_KIND,
        task=directory_import_task,
        data=data,
        filename=filename,
        preview=preview,
        args=(role, scope.pk, owner.pk, care, translation.get_language()),
        result={"care": care},
    )


@task()
def directory_import_task(
    job_uuid: str,
    stored_name: str,
    filename: str,
    role: str,
    scope_id: int,
    owner_id: int,
    care: bool,
    language: str,
    preview: bool,
) -> dict:
    """Run one directory import (or its preview). Safe to run again: the import and its
    outcome commit together."""
    scope = OrgUnit.objects.get(pk=scope_id)
    with translation.override(language):
        return import_run(
            job_uuid,
            stored_name,
            filename,
            report=REPORT,
            preview=preview,
            run=lambda data, progress: directory_file_import(
                data=data,
                filename=filename,
                scope=scope,
                editable=services_editable(role, scope),
                actor=User.objects.get(pk=owner_id),
                care=care,
                dry_run=preview,
                on_start=progress.start,
            ),
        )


@on_give_up(directory_import_task)
def directory_import_given_up(job_uuid: str, stored_name: str, *_) -> None:
    import_given_up(job_uuid, stored_name, report=REPORT)
