"""Periodic work (`anxin run-due`): a job runs when due, once, even with two copies of the
command started together; the kernel's own job prunes old finished jobs."""

import threading
import time
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anxin.core import due
from anxin.core.due import DueRegistry, Outcome, prune_jobs, run_due
from anxin.core.models import DueRun, Job
from tests.base import BaseTestCase, make_user


class RegistryTestCase(TestCase):
    def setUp(self):
        self.registry = DueRegistry()
        self.calls = []
        self.now = timezone.now()

        @self.registry.job("count_calls", every=timedelta(hours=1))
        def count_calls(*, now):
            self.calls.append(now)
            return f"call {len(self.calls)}"

    def statuses(self, at) -> list[tuple[str, str]]:
        return [(outcome.name, outcome.status) for outcome in self.registry.run(at)]

    def test_it_runs_a_due_job_once_and_again_after_its_interval(self):
        self.assertEqual(self.statuses(self.now), [("count_calls", Outcome.RAN)])
        self.assertEqual(self.statuses(self.now), [("count_calls", Outcome.NOT_DUE)])
        later = self.now + timedelta(minutes=50)
        self.assertEqual(self.statuses(later), [("count_calls", Outcome.NOT_DUE)])
        next_hour = self.now + timedelta(hours=1)
        self.assertEqual(self.statuses(next_hour), [("count_calls", Outcome.RAN)])
        self.assertEqual(self.calls, [self.now, next_hour])
        row = DueRun.objects.get(name="count_calls")
        self.assertEqual(row.last_run_at, next_hour)
        self.assertIsNone(row.running_since)

    def test_it_forgives_a_cron_start_a_few_seconds_early(self):
        """A job that ran at 02:00:03 is due at 02:00:01 an interval later, so that it does
        not slip by one cron period each time."""
        self.registry.run(self.now)
        self.assertEqual(
            self.statuses(self.now + timedelta(hours=1, seconds=-2)),
            [("count_calls", Outcome.RAN)],
        )

    def test_it_does_not_run_a_job_that_another_copy_is_running(self):
        """A second `run-due` starting while the first is still inside the job (here: from
        within the job itself) finds it running elsewhere and leaves it alone."""
        inner = []

        @self.registry.job("slow", every=timedelta(hours=1))
        def slow(*, now):
            inner.extend(self.statuses(now))

        self.registry.run(self.now)
        self.assertIn(("slow", Outcome.BUSY), inner)
        self.assertEqual(len(self.calls), 1)  # count_calls ran once, in the outer copy

    def test_it_takes_over_a_job_whose_runner_died(self):
        """A claim older than the job's timeout belongs to a run that was killed."""
        self.registry.run(self.now - timedelta(hours=3))
        DueRun.objects.filter(name="count_calls").update(
            running_since=self.now - timedelta(hours=2)
        )
        self.assertEqual(self.statuses(self.now), [("count_calls", Outcome.RAN)])
        DueRun.objects.filter(name="count_calls").update(
            running_since=self.now, last_run_at=self.now - timedelta(hours=3)
        )
        self.assertEqual(
            self.statuses(self.now + timedelta(minutes=5)), [("count_calls", Outcome.BUSY)]
        )

    def test_it_retries_a_failed_job_and_runs_the_others(self):
        attempts = []

        @self.registry.job("broken", every=timedelta(hours=1))
        def broken(*, now):
            attempts.append(now)
            raise RuntimeError("disk full")

        with self.assertLogs("anxin.core.due", "ERROR"):
            outcomes = self.registry.run(self.now)
        self.assertEqual(
            [(o.name, o.status) for o in outcomes],
            [("broken", Outcome.FAILED), ("count_calls", Outcome.RAN)],
        )
        self.assertEqual(outcomes[0].summary, "RuntimeError: disk full")
        self.assertIsNone(DueRun.objects.get(name="broken").last_run_at)
        with self.assertLogs("anxin.core.due", "ERROR"):
            self.registry.run(self.now + timedelta(minutes=1))
        self.assertEqual(len(attempts), 2)

    def test_it_refuses_two_jobs_of_one_name_and_bad_intervals(self):
        with self.assertRaises(ValueError):
            self.registry.job("count_calls", every=timedelta(hours=1))(lambda *, now: None)
        with self.assertRaises(ValueError):
            self.registry.job("never", every=timedelta(0))


@pytest.mark.postgres_only
class ConcurrentRunTestCase(TransactionTestCase):
    def test_it_runs_a_job_once_when_two_copies_start_together(self):
        """Two threads (two connections) race for the same due job: exactly one runs it;
        the other finds it running elsewhere, or already done."""
        registry = DueRegistry()
        ran = []
        gate = threading.Barrier(2)

        @registry.job("once", every=timedelta(hours=1))
        def once(*, now):
            ran.append(threading.get_ident())
            time.sleep(0.2)  # still running when the other copy looks

        now = timezone.now()
        DueRun.objects.create(name="once")
        outcomes, errors = [], []

        def copy():
            try:
                gate.wait(timeout=5)
                outcomes.extend(registry.run(now))
            except Exception as exc:  # reported below, in the test's own thread
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=copy) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(errors, [])
        self.assertEqual(len(ran), 1)
        statuses = sorted(outcome.status for outcome in outcomes)
        self.assertEqual(len(statuses), 2)
        self.assertEqual(statuses.count(Outcome.RAN), 1)
        other = statuses[0] if statuses[1] == Outcome.RAN else statuses[1]
        self.assertIn(other, {Outcome.BUSY, Outcome.NOT_DUE})


class RunDueCommandTestCase(BaseTestCase):
    def run_command(self, *args) -> str:
        out = StringIO()
        call_command("run_due", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_the_jobs_it_ran_and_then_nothing(self):
        """Every registered job runs once, a line each; the next run finds nothing due."""
        from anxin.core.due import registry

        first = self.run_command().splitlines()
        self.assertIn("prune_jobs: ran: deleted 0 job(s) and 0 task result(s)", first)
        self.assertEqual(sorted(line.split(":")[0] for line in first), sorted(registry.jobs))
        for line in first:
            self.assertRegex(line, r"^\w+: ran")
        self.assertEqual(self.run_command(), "nothing was due\n")
        verbose = self.run_command("-v", "2").splitlines()
        self.assertIn("prune_jobs: not due", verbose)
        self.assertEqual(verbose[-1], "nothing was due")

    def test_it_exits_with_an_error_when_a_job_fails(self):
        registry = DueRegistry()

        @registry.job("broken", every=timedelta(hours=1))
        def broken(*, now):
            raise RuntimeError("disk full")

        err = StringIO()
        with (
            mock.patch.object(due, "registry", registry),
            self.assertLogs("anxin.core.due", "ERROR"),
            self.assertRaisesMessage(CommandError, "1 periodic job(s) failed"),
        ):
            call_command("run_due", stdout=StringIO(), stderr=err)
        self.assertEqual(err.getvalue(), "broken: failed: RuntimeError: disk full\n")

    def test_it_is_the_anxin_run_due_command(self):
        from anxin.front import cli

        # run_from_argv closes every connection when it ends, as a command run from a
        # shell should; here that would close the test's own connection on PostgreSQL.
        with (
            mock.patch("sys.stdout", new=StringIO()) as out,
            mock.patch("django.core.management.base.connections.close_all"),
        ):
            cli.main(["run-due"])
        self.assertIn("prune_jobs: ran", out.getvalue())


class PruneJobsTestCase(BaseTestCase):
    def test_it_deletes_only_finished_jobs_older_than_thirty_days(self):
        now = timezone.now()
        owner = make_user("owner")

        def job(status, finished_days_ago):
            finished = None if finished_days_ago is None else now - timedelta(finished_days_ago)
            return Job.objects.create(
                kind="report", owner=owner, status=status, finished_at=finished
            )

        old_done = job(Job.Status.SUCCEEDED, 31)
        old_failed = job(Job.Status.FAILED, 45)
        recent_done = job(Job.Status.SUCCEEDED, 29)
        still_running = job(Job.Status.RUNNING, None)
        queued = job(Job.Status.QUEUED, None)
        Job.objects.filter(pk__in=[still_running.pk, queued.pk]).update(
            created_at=now - timedelta(days=90)
        )

        def result(status, finished_days_ago):
            finished = None if finished_days_ago is None else now - timedelta(finished_days_ago)
            return DBTaskResult.objects.create(
                task_path="anxin.core.notifications.notify_task",
                args_kwargs={"args": [], "kwargs": {}},
                backend_name="default",
                status=status,
                finished_at=finished,
                enqueued_at=now - timedelta(days=60),
            )

        old_result = result("SUCCESSFUL", 40)
        recent_result = result("SUCCESSFUL", 3)
        waiting = result("READY", None)

        summary = prune_jobs(now=now)

        self.assertEqual(summary, "deleted 2 job(s) and 1 task result(s)")
        self.assertEqual(
            set(Job.objects.values_list("pk", flat=True)),
            {recent_done.pk, still_running.pk, queued.pk},
        )
        self.assertFalse(Job.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists())
        self.assertEqual(
            set(DBTaskResult.objects.values_list("pk", flat=True)),
            {recent_result.pk, waiting.pk},
        )
        self.assertFalse(DBTaskResult.objects.filter(pk=old_result.pk).exists())

    def test_it_is_registered_to_run_daily(self):
        run_due()  # imports every app's due.py
        job = due.registry.jobs["prune_jobs"]
        self.assertEqual(job.every, timedelta(days=1))
