"""`anxin demo` as a person runs it: the server and its worker in processes of their
own, the sign-ins printed last once the server answers, Ctrl-C (SIGINT to the whole
process group, as a terminal sends it) stopping every one of them; and the code command
it prints, run exactly as printed from the repository's root."""

import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase, override_settings

from anxin.front.management.commands.demo import Command, anxin_command
from anxin.people import demo
from tests.core.test_worker_crash import SharedDatabase

TIMEOUT = 90
SERVE = (
    "import django; django.setup(); "
    "from anxin.front.management.commands.demo import Command; "
    "command = Command(); command.address = {address!r}; command.serve([])"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@unittest.skipUnless(sys.platform == "linux", "reads /proc")
class DemoProcessesTests(TransactionTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="anxin-demo-"))
        self.process: subprocess.Popen | None = None

    def tearDown(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def start(self, env: dict) -> subprocess.Popen:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVE.format(address=self.address)],
            cwd=settings.BASE_DIR,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        return self.process

    def test_ctrl_c_stops_the_server_and_the_worker(self):
        database = SharedDatabase(self.folder)
        self.address = f"127.0.0.1:{free_port()}"
        env = {
            "DATABASE_URL": database.url,
            "ANXIN_VAR_DIR": str(self.folder),
            "ANXIN_DEMO": "1",
            "ANXIN_WEB_WORKERS": "1",
            "DJANGO_SETTINGS_MODULE": "anxin.settings",
        }
        process = self.start(env)
        lines = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("role"):
                break
        self.assertTrue(lines and lines[-1].startswith("role"), lines)
        # The table is printed once the server listens.
        host, port = self.address.split(":")
        socket.create_connection((host, int(port)), timeout=10).close()
        # The worker and gunicorn's web worker (spawned just after the table) at least.
        deadline = time.monotonic() + 30
        while len(children := descendants(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertGreaterEqual(len(children), 2, children)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=TIMEOUT)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertEqual([pid for pid in children if alive(pid)], [])
        # Nothing more on the screen after the sign-ins but the worker's goodbye.
        rest = process.stdout.read()
        self.assertNotIn("Traceback", rest)

    def test_the_code_command_works_as_printed(self):
        with override_settings(ANXIN_DEMO=True, VAR_DIR=self.folder):
            demo.demo_generate(employees=20)
            accounts = demo.demo_accounts()
            printed = anxin_command("demo", "--code", "demo-counselor")
        shared = SharedDatabase(self.folder)  # on SQLite: var/anxin.sqlite3 of that folder
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ANXIN_", "DATABASE_"))}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        if connection.vendor != "sqlite":
            # A demo run on PostgreSQL was started from a shell that names its database; the
            # printed command runs in that shell (it prints no password).
            env["DATABASE_URL"] = shared.url
        result = subprocess.run(
            ["/bin/sh", "-c", printed],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        self.assertEqual(result.returncode, 0, (printed, result.stderr))
        self.assertRegex(result.stdout.strip(), r"^\d{6}$")
        self.assertTrue(any(a.username == "demo-counselor" for a in accounts))
        self.assertIn(f"ANXIN_VAR_DIR={self.folder}", shlex.split(printed))
        self.assertIsInstance(Command().address, str)
