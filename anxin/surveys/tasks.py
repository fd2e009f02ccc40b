"""Background tasks of the surveys app: the exports of a survey, its anonymised answers
(`raw`), its results tables (`results`) or its PDF report (`report`).

The export page checks the survey (enough answers; closed, for results and the report),
creates a `Job` and enqueues `survey_export_task`; the person watches the job's page,
whose result links to the file. The file is kept in `SurveyExport` beside the job and goes
with it when finished jobs are pruned (core `prune_jobs`).
"""

import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from anxin.core.jobs import (
    job_create,
    job_enqueue,
    job_finish,
    job_is_finished,
    job_progress,
    job_start,
)
from anxin.core.models import Job
from anxin.core.refusals import Refused
from anxin.surveys import exports, report
from anxin.surveys.models import Survey, SurveyExport

JOB_KIND = "survey_export"
Kind = SurveyExport.Kind


def survey_export_start(
    *, owner, survey: Survey, fmt: str, include_text: bool, kind: str = Kind.RAW
) -> Job:
    """Refuse a survey with fewer than k answers, or results of a survey still open
    (Refused); otherwise create the job and enqueue the export. The report is
    always a PDF (`fmt` is ignored), and only the raw data may include free text."""
    if kind not in Kind.values:
        raise ValueError(f"unknown export kind {kind!r}")
    if kind == Kind.REPORT:
        fmt = "pdf"
    elif fmt not in exports.FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if kind == Kind.RAW:
        exports.refuse_unless_exportable(survey)
    else:
        report.refuse_unless_reportable(survey)
        include_text = False
    job = job_create(kind=JOB_KIND, owner=owner)
    job_enqueue(job, survey_export_task, str(job.uuid), survey.pk, fmt, include_text, str(kind))
    return job


def _write(survey: Survey, kind: str, fmt: str, include_text: bool, job_uuid: str):
    """The file, its number of rows (raw data only) and its name."""
    steps = {
        "on_start": lambda total: job_start(job_uuid, total=total),
        "progress": lambda done: job_progress(job_uuid, done=done),
    }
    if kind == Kind.RESULTS:
        return report.results_export(survey, fmt, **steps), 0, report.filename(survey, kind, fmt)
    if kind == Kind.REPORT:
        return report.report_pdf(survey, **steps), 0, report.filename(survey, kind, fmt)
    content, rows = exports.raw_export(survey, fmt, include_text=include_text, **steps)
    return content, rows, exports.export_filename(survey, fmt)


@task()
def survey_export_task(
    job_uuid: str, survey_id: int, fmt: str, include_text: bool, kind: str = Kind.RAW
) -> dict:
    """Write the export, store it beside its job and record the outcome.

    Safe to run again: writing reads only, the file and the job's outcome commit
    together, and a try that finds its job finished does nothing. An error is left to the
    worker, which tries again and, after the last try, marks the job failed."""
    if job_is_finished(job_uuid):
        return {"rows": 0}
    survey = Survey.objects.select_related("version", "owner").get(pk=survey_id)
    try:
        # A worker has no request: the file speaks the site's language (zh-Hant).
        with translation.override(settings.LANGUAGE_CODE):
            content, rows, filename = _write(survey, kind, fmt, include_text, job_uuid)
    except Refused as refused:
        job_finish(job_uuid, ok=False, result={"refused": [str(refused.message)]})
        return {"rows": 0}
    with transaction.atomic():
        SurveyExport.objects.create(
            job=Job.objects.get(uuid=job_uuid),
            survey=survey,
            kind=kind,
            format=fmt,
            include_text=include_text,
            filename=filename,
            rows=rows,
            content=content,
        )
        next_url = reverse("surveys:export_download", args=[uuid.UUID(job_uuid)])
        job_finish(job_uuid, ok=True, result={"rows": rows, "next_url": next_url})
    return {"rows": rows}
