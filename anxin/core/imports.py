"""Importing a file, the one way every app does it (decision 0059): the upload form checks
the file as a whole (its kind, size and header row), the page stores it and starts a
background job, the task checks every row and, unless the person asked for a preview,
applies all the rows in one transaction or none (invariant 8), and the report lists the
problems row by row. The person follows the job's progress on `job_status`.

An app writes only its columns, its row checks and its apply step, and a task of three
lines (the task's path is what the queue keeps, so each import has its own):

    job = import_start(owner=..., kind=JOB_KIND, task=thing_import_task, data=..., filename=...,
                       args=(scope.pk,), preview=True)

    @task()
    def thing_import_task(job_uuid, stored_name, filename, scope_id, preview):
        return import_run(job_uuid, stored_name, filename, report="app:thing_report",
                          preview=preview, run=lambda data, progress: thing_import(...))

    @on_give_up(thing_import_task)
    def thing_import_given_up(job_uuid, stored_name, *_):
        import_given_up(job_uuid, stored_name, report="app:thing_report")

The run returns an outcome with `applied`, `errors` and `as_dict()` (the job's result,
which the report shows). The uploaded file lives under MEDIA_ROOT/imports/ (never served),
named by the job's uuid, until the import has ended: a roster carries birth dates.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any, Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import pgettext

from anxin.core import sheets
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

RECENT = 10  # imports listed on an import page


@dataclass(frozen=True)
class RowError:
    """One problem of an imported file: `line` is the row number the spreadsheet shows (0
    for the whole file), `column` a column key or "". Each kind of file names its
    columns and words its codes in a subclass, when the report is shown, so that a report
    reads in the language of whoever opens it."""

    line: int
    column: str
    code: str
    params: dict = field(default_factory=dict)

    @staticmethod
    def columns() -> dict:
        raise NotImplementedError

    @staticmethod
    def words(code: str, params: dict) -> str:
        raise NotImplementedError

    @property
    def message(self) -> str:
        return self.words(self.code, self.params)

    @property
    def column_label(self) -> str:
        column = self.columns().get(self.column)
        return str(column.label) if column else ""

    def as_dict(self) -> dict:
        return asdict(self)


def name_columns(values: dict, columns: dict) -> dict:
    """The `column` and `columns` parameters of a message in words (each key by its
    column's label; a key no column has stays as it is)."""
    if "column" in values and values["column"] in columns:
        values["column"] = str(columns[values["column"]].label)
    if "columns" in values:
        values["columns"] = pgettext("list separator", ", ").join(
            str(columns[key].label) if key in columns else key for key in values["columns"]
        )
    return values


class Outcome(Protocol):
    applied: bool
    errors: list

    def as_dict(self) -> dict: ...


class Progress:
    """What a run reports while it works: the number of rows, then the rows done."""

    def __init__(self, job_uuid: str) -> None:
        self.job_uuid = job_uuid

    def start(self, total: int) -> None:
        job_total(self.job_uuid, total=total)

    def done(self, done: int) -> None:
        job_progress(self.job_uuid, done=done)


def import_storage() -> FileSystemStorage:
    return FileSystemStorage(
        location=settings.MEDIA_ROOT / "imports",
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


# --- the template to download --------------------------------------------------------------


def template_bytes(
    fmt: str, sheet: str, table: list[list[str]], *, created: datetime, widths=()
) -> bytes:
    """An import's template with example rows: CSV (UTF-8 with a BOM, which spreadsheet
    programs need to show Chinese headers), XLSX (text cells, so that codes, numbers and
    dates keep their form: 0610920 stays 0610920) or ODS. `created` fixes the times in the
    archive, so that a template kept in the repository changes only with its content."""
    if fmt == "csv":
        return sheets.sheet_bytes("csv", sheet, table)
    if fmt == "xlsx":
        writer = sheets.sheet_writer("xlsx", created=created, text_format=True)
        writer.table(sheet, table, widths=widths, freeze_header=True)
    else:
        writer = sheets.sheet_writer("ods", created=created)
        writer.table(sheet, table)
    return writer.finish()


def template_download(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=sheets.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-template.{fmt}"'
    return response


# --- the page -------------------------------------------------------------------------------


def import_upload(
    request: HttpRequest, form, start: Callable[..., Job], *, previews: bool = True
) -> HttpResponse | None:
    """On a valid upload, `start(data=, filename=[, preview=])` the import and send the
    person to its progress; None to show the page (with the form's errors). Where the
    import `previews`, the "apply" button imports and any other submit previews."""
    if form is None or not form.is_valid():
        return None
    upload = form.cleaned_data["file"]
    upload.seek(0)  # the form read it to check it
    upload_data = {"data": upload.read(), "filename": PurePath(upload.name).name}
    if previews:
        upload_data["preview"] = request.POST.get("action") != "apply"
    job = start(**upload_data)
    return redirect("job_status", job.uuid)


def recent_imports(user, kind: str, /, **result) -> list[Job]:
    """The person's last imports of `kind` (with these values in their result)."""
    jobs = Job.objects.filter(owner=user, kind=kind)
    if not result:
        return list(jobs[:RECENT])
    wanted = result.items()
    return [job for job in jobs[: RECENT * 3] if wanted <= (job.result or {}).items()][:RECENT]


def import_report(request: HttpRequest, job_uuid, kind: str, error: type[RowError]) -> dict:
    """The context of an import's report, for the person who started it (404 to anyone
    else): the job, its result, its counts and its problems row by row."""
    job = Job.objects.filter(uuid=job_uuid, owner=request.user, kind=kind).first()
    if job is None:
        raise Http404
    result = job.result or {}
    errors = [
        error(e["line"], e["column"], e["code"], e.get("params") or {})
        for e in result.get("errors", [])
    ]
    return {
        "job": job,
        "result": result,
        "counts": result.get("counts") or {},
        "errors": errors,
        "hidden_errors": max(0, result.get("error_total", 0) - len(errors)),
    }


# --- the job ---------------------------------------------------------------------------------


def import_start(
    *,
    owner,
    kind: str,
    task,
    data: bytes,
    filename: str,
    preview: bool,
    args: tuple = (),
    result: dict | None = None,
) -> Job:
    """Store the upload, create its job and enqueue `task(job_uuid, stored_name, filename,
    *args, preview)`. The stored name is the job's uuid, never the name the person gave."""
    name = PurePath(filename).name
    extension = PurePath(name).suffix.lower().lstrip(".")
    with transaction.atomic():
        job = job_create(kind=kind, owner=owner)
        job.result = {"filename": name, "preview": preview, **(result or {})}
        job.save(update_fields=["result"])
    stored = import_storage().save(f"{job.uuid}.{extension}", ContentFile(data))
    job_enqueue(job, task, str(job.uuid), stored, name, *args, preview)
    return job


def import_run(
    job_uuid: str,
    stored_name: str,
    filename: str,
    *,
    report: str,
    preview: bool,
    run: Callable[[bytes, Progress], Any],
) -> dict:
    """Run one import (or its preview) and record its outcome on the job.

    Safe to run again: the import and its outcome on the job commit together, and a try
    that finds its job finished (its worker died just after the commit) does nothing but
    remove the file. An error is left to the worker, which tries again and, after the last
    try, gives the task up (`import_given_up`)."""
    storage = import_storage()
    if job_is_finished(job_uuid):
        storage.delete(stored_name)
        return {"applied": False, "error_total": 0}
    with storage.open(stored_name, "rb") as handle:
        data = handle.read()
    job_start(job_uuid, total=0)
    started = Job.objects.get(uuid=job_uuid).result or {}  # what import_start recorded
    with transaction.atomic():
        outcome: Outcome = run(data, Progress(job_uuid))
        result = {
            **started,
            "filename": filename,
            "next_url": reverse(report, args=[uuid.UUID(job_uuid)]),
            "preview": preview,
            **outcome.as_dict(),
        }
        ok = outcome.applied or (preview and not outcome.errors)
        job_finish(job_uuid, ok=ok, result=result)
    storage.delete(stored_name)
    return {"applied": outcome.applied, "error_total": len(outcome.errors)}


def import_given_up(job_uuid: str, stored_name: str, *, report: str) -> None:
    """The last try failed: the report says the import stopped (nothing was applied: the
    import is one transaction), and the file goes."""
    job = Job.objects.filter(uuid=job_uuid).first()
    if job is not None:
        next_url = reverse(report, args=[uuid.UUID(job_uuid)])
        job.result = {**(job.result or {}), "crashed": True, "next_url": next_url}
        job.save(update_fields=["result"])
    import_storage().delete(stored_name)
