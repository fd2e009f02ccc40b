"""A real `anxin worker` process killed with SIGKILL in the middle of a bulk send, three
times: each time a new worker takes the send up once the dead one's lease has run out,
and in the end every recipient has exactly one inbox item and one mail, and the job has
finished (issue 11, invariant 13).

The worker and the test share one database: on PostgreSQL the test database itself
(committed rows: a TransactionTestCase); on SQLite, whose test database lives in memory,
a file copied from it with `VACUUM INTO` once the send is queued.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase

from anxin.core.jobs import job_create
from anxin.core.notifications import notify_later
from anxin.front.cli import worker_beside
from anxin.people.models import User

RECIPIENTS = 300
KILLS = 3
# Small chunks with a pause between them make the send last about 6 s, long enough to
# kill it three times in the middle; the lease is short so that the test does not wait.
WORKER_ENV = {
    "ANXIN_NOTIFY_CHUNK": "5",
    "ANXIN_NOTIFY_PAUSE_MS": "100",
    "ANXIN_TASK_LEASE_SECONDS": "2",
    "ANXIN_TASK_MAX_ATTEMPTS": str(KILLS + 2),
    "ANXIN_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "ANXIN_LOG_LEVEL": "WARNING",
}
TIMEOUT = 120


class SharedDatabase:
    """What the worker process sees: its DATABASE_URL, and plain SQL to watch it."""

    def __init__(self, folder: Path) -> None:
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.path = folder / "anxin.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(self.path)])
            self.url = f"sqlite:///{self.path}"
        else:
            self.path = None
            user, host = settings["USER"], settings["HOST"] or "127.0.0.1"
            password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
            port = settings["PORT"] or 5432
            self.url = f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"

    def rows(self, sql: str) -> list[tuple]:
        if self.path is not None:
            with sqlite3.connect(self.path, timeout=20) as db:
                return db.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def value(self, sql: str):
        return self.rows(sql)[0][0]


class WorkerCrashTests(TransactionTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="anxin-worker-"))
        self.workers: list[subprocess.Popen] = []

    def tearDown(self):
        for worker in self.workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait(timeout=30)
            for stream in (worker.stdout, worker.stderr):
                stream.close()

    def start_worker(self, database: SharedDatabase) -> subprocess.Popen:
        env = {**os.environ, **WORKER_ENV, "DATABASE_URL": database.url}
        env.pop("PYTEST_CURRENT_TEST", None)
        worker = subprocess.Popen(
            [sys.executable, "-m", "anxin.front.cli", "worker", "--no-startup-delay", "--interval",
             "0.2", "-v", "0"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def wait_for(self, what: str, condition) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            if time.monotonic() > deadline:
                self.fail(f"timed out waiting for {what}")
            time.sleep(0.02)

    def test_it_notifies_everyone_exactly_once_across_three_kills(self):
        """Killed with SIGKILL three times in the middle of a send to 300 people, the
        task is taken up by the next worker each time; in the end each person has one
        inbox item and one mail, and the job's page shows it finished."""
        owner = User.objects.create_user("organiser")
        users = User.objects.bulk_create(
            User(username=f"person{n:03}", email=f"person{n:03}@example.gov.tw")
            for n in range(RECIPIENTS)
        )
        job = job_create(kind="bulk_mail", owner=owner)
        notify_later(
            user_ids=[user.pk for user in users],
            template="generic",
            context={"subject": "年度健康講座", "body": "歡迎參加"},
            job_uuid=str(job.uuid),
        )
        database = SharedDatabase(self.folder)
        # The organiser is told nothing: every inbox item is a recipient's.
        delivered_sql = "SELECT COUNT(*) FROM core_notification"

        kills = []
        for kill in range(1, KILLS + 1):
            worker = self.start_worker(database)
            target = RECIPIENTS * kill // (KILLS + 1)
            self.wait_for(
                f"{target} people notified", lambda t=target: database.value(delivered_sql) >= t
            )
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            delivered = database.value(delivered_sql)
            kills.append(delivered)
            # Killed in the middle: some people notified, not all, the task still RUNNING.
            self.assertLess(delivered, RECIPIENTS, f"kill {kill} came after the send ended")
            self.assertEqual(
                database.value("SELECT status FROM django_tasks_database_dbtaskresult"), "RUNNING"
            )

        self.start_worker(database)
        self.wait_for(
            "the job to finish",
            lambda: database.value("SELECT status FROM core_job") in ("succeeded", "failed"),
        )

        per_person = dict(
            database.rows(
                "SELECT recipient_id, COUNT(*) FROM core_notification GROUP BY recipient_id"
            )
        )
        mails = dict(
            database.rows("SELECT recipient, COUNT(*) FROM core_outgoingmail GROUP BY recipient")
        )
        once = sum(
            1 for user in users if per_person.get(user.pk) == 1 and mails.get(user.email) == 1
        )
        print(f"\n{once} of {RECIPIENTS} notified exactly once after {KILLS} kills at {kills}")
        self.assertEqual(once, RECIPIENTS)
        self.assertEqual(len(per_person), RECIPIENTS)
        self.assertEqual(sum(per_person.values()), RECIPIENTS)
        self.assertEqual(sum(mails.values()), RECIPIENTS)
        status, done, total, attempts = database.rows(
            "SELECT status, done, total, attempts FROM core_job"
        )[0]
        self.assertEqual((status, done, total), ("succeeded", RECIPIENTS, RECIPIENTS))
        self.assertEqual(attempts, KILLS + 1)
        task_status, worker_ids = database.rows(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
        )[0]
        self.assertEqual(task_status, "SUCCESSFUL")
        if isinstance(worker_ids, str):  # SQLite hands JSON back as text
            worker_ids = json.loads(worker_ids)
        self.assertEqual(len(worker_ids), KILLS + 1)  # one try per worker
        self.assertEqual(database.value("SELECT COUNT(*) FROM core_bulkrecipient"), 0)
        self.assertEqual(database.value("SELECT COUNT(*) FROM core_bulksend"), 0)

    def test_the_demo_runs_a_worker_beside_and_stops_it(self):
        """`anxin demo` serves inside `worker_beside()`: a worker beats while the block
        runs and is stopped, cleanly (its heartbeat row removed), when it ends."""
        database = SharedDatabase(self.folder)
        beats = "SELECT COUNT(*) FROM core_workerbeat"
        env = {**WORKER_ENV, "DATABASE_URL": database.url}
        with mock.patch.dict(os.environ, env), worker_beside() as worker:
            self.wait_for("the worker's heartbeat", lambda: database.value(beats) == 1)
            self.assertIsNone(worker.poll())
        self.assertIsNotNone(worker.poll())
        self.assertEqual(database.value(beats), 0)
