"""The job page in Debian's Chromium while no worker runs, while a job waits for another
try, and once it has been given up: each state says so in words, and passes axe-core."""

import pytest
from playwright.sync_api import expect

from anxin.core.jobs import job_create, job_give_up
from anxin.core.models import Job
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text


@pytest.mark.browser
def test_it_tells_the_owner_what_became_of_the_job(page, watch, base_url, people):
    admin = people["eap_admin"]
    job = job_create(kind="bulk_mail", owner=admin.user, total=10)
    Job.objects.filter(pk=job.pk).update(task_id="t-1", attempts=1, done=4)
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)

    page.goto(f"{base_url}/jobs/{job.uuid}/")
    expect(page.locator("[data-job-note=restarting]")).to_be_visible()
    expect(page.locator("[data-job-note=no-worker]")).to_be_visible()
    audit(page, watch)

    job_give_up(task_id="t-1", failure=Job.Failure.WORKER_LOST)
    # The page polls: the failure replaces the progress without a reload.
    expect(page.get_by_role("alert")).to_have_text(text(Job.Failure.WORKER_LOST.label))
    audit(page, watch)
