"""The survey export task is safe to run again (decision 0021): a try that finds its job
finished (its worker died after the commit) writes no second file."""

from anxin.core.jobs import job_create, job_finish
from anxin.surveys.models import SurveyExport
from anxin.surveys.tasks import JOB_KIND, survey_export_task
from tests.base import BaseTestCase


class ExportRerunTestCase(BaseTestCase):
    def test_a_try_after_the_job_finished_does_nothing(self):
        job = job_create(kind=JOB_KIND, owner=self.hr)
        job_finish(job.uuid, ok=True, result={"rows": 3, "next_url": "/x/"})
        self.assertEqual(survey_export_task.call(str(job.uuid), 0, "csv", False), {"rows": 0})
        self.assertFalse(SurveyExport.objects.exists())
        job.refresh_from_db()
        self.assertEqual(job.result, {"rows": 3, "next_url": "/x/"})
