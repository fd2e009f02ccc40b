"""The roster import task is safe to run again (decision 0021): a try after the import
committed changes nothing and removes the file; the upload stays for a next try while
the import has not ended; the give-up hook reports the stop and removes the file."""

from django.test import override_settings

from anxin.core.models import Job
from anxin.people.models import Employee
from anxin.people.tasks import JOB_KIND, roster_import_given_up, roster_import_task
from tests.people.roster_files import GOOD_ROWS, csv_bytes
from tests.people.test_roster_views import DUMMY, RosterPageTestCase


class RosterRerunTestCase(RosterPageTestCase):
    def setUp(self):
        super().setUp()
        queue_only = override_settings(TASKS=DUMMY)  # the test runs the task itself
        queue_only.enable()
        self.addCleanup(queue_only.disable)

    def queue(self) -> tuple[Job, list]:
        self.login(self.eap_admin)
        self.upload(csv_bytes(GOOD_ROWS))
        job = Job.objects.get(kind=JOB_KIND)
        (stored,) = self.stored_files()
        return job, [str(job.uuid), stored.name, "名冊.csv", self.authority.pk]

    def test_it_records_the_task_on_the_job(self):
        job, _args = self.queue()
        self.assertTrue(job.task_id)

    def test_a_try_after_the_import_committed_changes_nothing(self):
        """The worker died after the import's commit and before removing the file: the
        next try finds the job finished, removes the file, imports nothing twice."""
        job, args = self.queue()
        stored = self.stored_files()[0]
        stored_copy = stored.read_bytes()
        roster_import_task.call(*args)
        job.refresh_from_db()
        result, employees = job.result, Employee.objects.count()
        self.assertEqual(job.status, Job.Status.SUCCEEDED)
        self.assertEqual(self.stored_files(), [])
        stored.write_bytes(stored_copy)  # as if the worker had died before deleting it

        roster_import_task.call(*args)

        job.refresh_from_db()
        self.assertEqual((job.result, job.attempts), (result, 1))
        self.assertEqual(Employee.objects.count(), employees)
        self.assertEqual(self.stored_files(), [])

    def test_giving_up_reports_the_stop_and_removes_the_file(self):
        job, args = self.queue()
        roster_import_given_up(*args)
        job.refresh_from_db()
        self.assertTrue(job.result["crashed"])
        self.assertEqual(self.stored_files(), [])
        report = self.client.get(f"/people/roster/{job.uuid}/")
        self.assertEqual(report.status_code, 200)
