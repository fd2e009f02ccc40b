"""Background tasks of the surveys app: the export of a survey's anonymised answers.

The export page checks the survey (enough answers), creates a `Job` and enqueues
`survey_export_task`; the person watches the job's page, whose result links to the file.
The file is kept in `SurveyExport` beside the job and goes with it when finished jobs are
pruned (core `prune_jobs`).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from anxin.core.jobs import job_create, job_finish, job_progress, job_start
from anxin.core.models import Job
from anxin.surveys import exports
from anxin.surveys.models import Survey, SurveyExport

JOB_KIND = "survey_export"


def survey_export_start(*, owner, survey: Survey, fmt: str, include_text: bool) -> Job:
    """Refuse a survey with fewer than k answers (ValidationError), otherwise create the
    job and enqueue the export."""
    if fmt not in exports.FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    exports.refuse_unless_exportable(survey)
    job = job_create(kind=JOB_KIND, owner=owner)
    survey_export_task.enqueue(str(job.uuid), survey.pk, fmt, include_text)
    return job


@task()
def survey_export_task(job_uuid: str, survey_id: int, fmt: str, include_text: bool) -> dict:
    """Write the export, store it beside its job and record the outcome."""
    survey = Survey.objects.select_related("version", "owner").get(pk=survey_id)
    try:
        # A worker has no request: the file speaks the site's language (zh-Hant).
        with translation.override(settings.LANGUAGE_CODE):
            content, rows = exports.raw_export(
                survey,
                fmt,
                include_text=include_text,
                on_start=lambda total: job_start(job_uuid, total=total),
                progress=lambda done: job_progress(job_uuid, done=done),
            )
            filename = exports.export_filename(survey, fmt)
    except ValidationError as refused:
        job_finish(job_uuid, ok=False, result={"refused": refused.messages})
        return {"rows": 0}
    except Exception:
        # The job's page must not poll forever; the worker logs the traceback.
        job_finish(job_uuid, ok=False, result={"crashed": True})
        raise
    with transaction.atomic():
        SurveyExport.objects.create(
            job=Job.objects.get(uuid=job_uuid),
            survey=survey,
            format=fmt,
            include_text=include_text,
            filename=filename,
            rows=rows,
            content=content,
        )
        next_url = reverse("surveys:export_download", args=[uuid.UUID(job_uuid)])
        job_finish(job_uuid, ok=True, result={"rows": rows, "next_url": next_url})
    return {"rows": rows}
