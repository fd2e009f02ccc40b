"""The worker's retries and give-ups (anxin.core.tasks): a task that raises is tried
again, a task that keeps failing ends FAILED with its reason on its job's page, in one
log line and in `anxin tasks`; a task whose worker died is queued again, and given up
after the last try; each give-up runs the task's hook."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from anxin.core import tasks
from anxin.core.jobs import job_create, job_enqueue, job_start
from anxin.core.models import Job, WorkerBeat
from tests.base import BaseTestCase

FAILURES: list[str] = []
GIVEN_UP: list[str] = []


@task()
def always_fails(job_uuid: str) -> None:
    job_start(job_uuid, total=1)
    FAILURES.append(job_uuid)
    raise RuntimeError("the mail server said no to 王小美")


@tasks.on_give_up(always_fails)
def always_fails_given_up(job_uuid: str) -> None:
    GIVEN_UP.append(job_uuid)


@task()
def succeeds_quietly() -> dict:
    return {"done": 1, tasks.FORGET: True}


def make_worker(worker_id: str = "worker-a") -> tasks.Worker:
    return tasks.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def claim_and_run(worker: tasks.Worker) -> DBTaskResult:
    result = DBTaskResult.objects.ready().get_locked()
    assert result is not None, "no task ready"
    result.claim(worker.worker_id)
    worker.run_task(result)
    result.refresh_from_db()
    return result


@override_settings(ANXIN_TASK_MAX_ATTEMPTS=3, ANXIN_TASK_RETRY_SECONDS=0)
class RetryTestCase(BaseTestCase):
    def setUp(self):
        FAILURES.clear()
        GIVEN_UP.clear()
        self.job = job_create(kind="bulk_mail", owner=self.hr)
        job_enqueue(self.job, always_fails, str(self.job.uuid))

    def test_it_retries_a_failing_task_then_gives_it_up_with_its_reason(self):
        """Tried three times; after the first two the job waits for another try and
        its page says so; after the third the task and the job are FAILED, the reason is
        on the page, the operators get one line without the error's message."""
        worker = make_worker()
        self.login(self.hr)
        url = reverse("job_status", args=[self.job.uuid])
        for attempt in (1, 2):
            result = claim_and_run(worker)
            self.assertEqual(result.status, "READY")
            self.job.refresh_from_db()
            self.assertEqual((self.job.status, self.job.attempts), (Job.Status.QUEUED, attempt))
            self.assertContains(self.client.get(url), 'data-job-note="restarting"')
        with self.assertLogs("anxin.core.tasks", "ERROR") as logs:
            result = claim_and_run(worker)
        self.assertEqual(len(FAILURES), 3)
        self.assertEqual(result.status, "FAILED")
        self.assertEqual(result.exception_class_path, "builtins.RuntimeError")
        self.assertIn("RuntimeError", result.traceback)  # kept for the operator's --show
        self.job.refresh_from_db()
        self.assertEqual(self.job.status, Job.Status.FAILED)
        self.assertEqual(self.job.failure, Job.Failure.ERROR)
        self.assertIsNotNone(self.job.finished_at)
        self.assertEqual(GIVEN_UP, [str(self.job.uuid)])
        [line] = logs.output
        self.assertIn("given up after 3 tries: RuntimeError", line)
        self.assertIn(str(self.job.uuid), line)
        self.assertNotIn("王小美", line)

        response = self.client.get(url)
        self.assertContains(response, 'data-job-failure="error"')
        self.assertContains(response, str(Job.Failure.ERROR.label))
        self.assertNotContains(response, "hx-trigger")  # stopped polling

    def test_operators_see_the_failed_task_and_its_error(self):
        """`anxin tasks` lists the task given up with its job and owner; `--show` prints
        its traceback."""
        worker = make_worker()
        for _ in range(3):
            claim_and_run(worker)
        out = StringIO()
        call_command("tasks", stdout=out)
        text = out.getvalue()
        self.assertIn("failed in the last 30 days: 1", text)
        self.assertIn("always_fails  tries 3  RuntimeError", text)
        self.assertIn(f"job {self.job.uuid} of hr", text)
        self.assertIn("no worker alive", text)
        task_id = DBTaskResult.objects.get().id
        out = StringIO()
        call_command("tasks", "--show", str(task_id), stdout=out)
        self.assertIn("Traceback", out.getvalue())


@override_settings(ANXIN_TASK_MAX_ATTEMPTS=2, ANXIN_TASK_LEASE_SECONDS=60)
class OrphanTestCase(BaseTestCase):
    def setUp(self):
        GIVEN_UP.clear()
        self.job = job_create(kind="bulk_mail", owner=self.hr)
        job_enqueue(self.job, always_fails, str(self.job.uuid))
        self.now = timezone.now()

    def crash(self, worker_id: str) -> DBTaskResult:
        """A worker claims the task, beats once, and dies."""
        result = DBTaskResult.objects.ready().get_locked()
        result.claim(worker_id)
        tasks.worker_beat(worker_id=worker_id, started_at=self.now, now=self.now)
        DBTaskResult.objects.filter(pk=result.pk).update(started_at=self.now)
        result.refresh_from_db()
        return result

    def test_it_leaves_a_task_alone_while_its_worker_beats(self):
        self.crash("worker-a")
        self.assertEqual(tasks.recover(self.now + timedelta(seconds=59)), (0, 0))
        self.assertEqual(DBTaskResult.objects.get().status, "RUNNING")

    def test_it_queues_again_then_gives_up_a_task_whose_worker_died(self):
        """The lease runs out: the task is queued again (the job's page says it waits
        for another try); a second death on the last try gives it up as WORKER_LOST."""
        self.crash("worker-a")
        with self.assertLogs("anxin.core.tasks", "WARNING"):
            self.assertEqual(tasks.recover(self.now + timedelta(seconds=61)), (1, 0))
        self.assertEqual(DBTaskResult.objects.get().status, "READY")
        self.assertEqual(Job.objects.get().status, Job.Status.QUEUED)

        self.now += timedelta(minutes=5)
        self.crash("worker-b")
        with self.assertLogs("anxin.core.tasks", "ERROR"):
            self.assertEqual(tasks.recover(self.now + timedelta(seconds=61)), (0, 1))
        result = DBTaskResult.objects.get()
        self.assertEqual(
            (result.status, result.exception_class_path), ("FAILED", tasks.WORKER_LOST)
        )
        job = Job.objects.get()
        self.assertEqual((job.status, job.failure), (Job.Status.FAILED, Job.Failure.WORKER_LOST))
        self.assertEqual(GIVEN_UP, [str(job.uuid)])

        self.login(self.hr)
        response = self.client.get(reverse("job_status", args=[job.uuid]))
        self.assertContains(response, 'data-job-failure="worker_lost"')

    def test_run_due_recovers_when_no_worker_runs(self):
        self.crash("worker-a")
        WorkerBeat.objects.update(beat_at=self.now - timedelta(minutes=5))
        DBTaskResult.objects.update(started_at=self.now - timedelta(minutes=5))
        from anxin.core.due import run_due

        with self.assertLogs("anxin.core.tasks", "WARNING"):
            outcomes = {o.name: o for o in run_due(self.now)}
        self.assertIn("1 task(s) queued again", outcomes["recover_tasks"].summary)


class ForgetTestCase(BaseTestCase):
    def test_a_task_that_asks_is_deleted_once_it_succeeds(self):
        succeeds_quietly.enqueue()
        result = DBTaskResult.objects.ready().get_locked()
        result.claim("worker-a")
        make_worker().run_task(result)
        self.assertFalse(DBTaskResult.objects.exists())

    def test_the_job_page_says_when_no_worker_runs(self):
        job = job_create(kind="bulk_mail", owner=self.hr)
        self.login(self.hr)
        url = reverse("job_status", args=[job.uuid])
        self.assertContains(self.client.get(url), 'data-job-note="no-worker"')
        tasks.worker_beat(worker_id="worker-a", started_at=timezone.now())
        self.assertNotContains(self.client.get(url), 'data-job-note="no-worker"')
