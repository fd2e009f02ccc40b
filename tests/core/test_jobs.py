"""Background-job progress: the helpers a task reports with, and the page that polls."""

import uuid

from django.urls import reverse
from django.utils import timezone

from anxin.core.jobs import job_create, job_finish, job_progress, job_start
from anxin.core.models import Job
from tests.base import BaseTestCase


class JobHelpersTestCase(BaseTestCase):
    def test_it_creates_a_queued_job_for_its_owner(self):
        job = job_create(kind="roster_import", owner=self.hr, total=10)
        self.assertEqual((job.status, job.owner, job.total, job.done), ("queued", self.hr, 10, 0))
        self.assertIsInstance(job.uuid, uuid.UUID)
        self.assertFalse(job.is_finished)
        self.assertEqual(job.percent, 0)

    def test_it_reports_start_progress_and_finish(self):
        job = job_create(kind="report", owner=self.hr)
        job_start(job.uuid, total=8)
        job.refresh_from_db()
        self.assertEqual((job.status, job.total, job.done), (Job.Status.RUNNING, 8, 0))

        job_progress(job.uuid, done=3)
        job_progress(str(job.uuid), step=3)  # a task receives the uuid as text
        job.refresh_from_db()
        self.assertEqual(job.done, 6)
        self.assertEqual(job.percent, 75)

        before = timezone.now()
        job_finish(job.uuid, ok=True, result={"rows": 8, "next_url": "/people/roster/"})
        job.refresh_from_db()
        self.assertEqual(job.status, Job.Status.SUCCEEDED)
        self.assertEqual(job.result, {"rows": 8, "next_url": "/people/roster/"})
        self.assertGreaterEqual(job.finished_at, before)
        self.assertTrue(job.is_finished)
        self.assertEqual(job.percent, 100)

    def test_it_records_a_failure(self):
        job = job_create(kind="report", owner=self.hr)
        job_start(job.uuid, total=4)
        job_progress(job.uuid, step=1)
        job_finish(job.uuid, ok=False, result={"crashed": True})
        job.refresh_from_db()
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertTrue(job.is_finished)
        self.assertEqual(job.percent, 25)  # how far it got
        self.assertIsNotNone(job.finished_at)


class JobPageTestCase(BaseTestCase):
    def setUp(self):
        self.job = job_create(kind="roster_import", owner=self.alice)
        job_start(self.job.uuid, total=4)
        job_progress(self.job.uuid, done=1)
        self.url = reverse("job_status", args=[self.job.uuid])

    def finish(self):
        job_finish(self.job.uuid, ok=True, result={"next_url": "/people/me/"})

    def test_it_shows_the_owner_the_progress(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1")
        self.assertContains(response, 'value="25"')
        self.assertContains(response, "1 / 4")
        self.assertContains(response, 'hx-trigger="every 1s"')

    def test_it_answers_404_to_anyone_else(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_answers_404_for_an_unknown_job(self):
        self.login(self.alice)
        response = self.client.get(reverse("job_status", args=[uuid.uuid4()]))
        self.assertEqual(response.status_code, 404)

    def test_it_gives_htmx_the_fragment_that_polls_while_running(self):
        self.login(self.alice)
        response = self.client.get(self.url, headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertNotIn("<html", content)
        self.assertNotIn("<h1", content)
        self.assertIn('id="job-progress"', content)
        self.assertIn(f'hx-get="{self.url}"', content)
        self.assertIn('hx-trigger="every 1s"', content)

    def test_it_stops_polling_once_finished_and_links_the_result(self):
        self.finish()
        self.login(self.alice)
        response = self.client.get(self.url, headers={"HX-Request": "true"})
        content = response.content.decode()
        self.assertIn('id="job-progress"', content)
        self.assertNotIn("hx-get", content)
        self.assertNotIn("hx-trigger", content)
        self.assertIn('value="100"', content)
        self.assertIn('href="/people/me/"', content)

    def test_it_refuses_post(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(self.url).status_code, 405)

    def test_it_sends_an_anonymous_visitor_to_sign_in(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))
