"""The `anxin` console command.

    anxin demo                      prepare the demo database and serve it
    anxin serve [ADDRESS:PORT]      serve with gunicorn (production grade)
    anxin worker                    run background tasks (a crashed task runs again)
    anxin tasks                     the workers, the queue and the tasks given up
    anxin run-due                   periodic work (cron or a systemd timer)
    anxin load-plan PRESET-OR-FILE  load a plan preset or an authority's YAML
    anxin import-organisation FILE  import agencies, schools and units (CSV, XLSX, ODS)
    anxin import-roster FILE        import a staff roster (CSV, XLSX, ODS)
    anxin load-instruments [FILES]  load the built-in self-tests, or an authority's own
    anxin load-survey-presets       load the questionnaire presets (example wording)
    anxin rotate-keys               re-seal every sealed value under the first key
    anxin verify-audit              check the access log against its anchor, write a new one
    anxin backup DEST               write a verified backup (database, uploads, manifest)
    anxin restore SRC               restore a backup into an empty database and verify it

Every verb answers --help (or -h) with its usage. Any other word goes to Django's
management commands (`anxin migrate`, `anxin shell`).
"""

import argparse
import ctypes
import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, redirect_stdout, suppress

import django
from django.core.management import (
    BaseCommand,
    execute_from_command_line,
    get_commands,
    load_command_class,
)
from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication

# Words of this command that are spelled differently from the management command.
ALIASES: dict[str, str] = {}


SERVE_DESCRIPTION = """Serve Anxin with gunicorn (production grade), after Django's system checks.

environment:
  ANXIN_BIND                 the address when none is given (default 127.0.0.1:8000)
  ANXIN_WEB_WORKERS          worker processes (default 2 × CPUs + 1)
  ANXIN_FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-* headers are trusted
"""


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anxin serve",
        description=SERVE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "bind",
        nargs="?",
        metavar="ADDRESS:PORT",
        default=None,
        help="where to listen, e.g. 127.0.0.1:8000 or unix:/run/anxin.sock",
    )
    return parser


def serve(argv: list[str], *, quiet: bool = False, when_ready: Callable | None = None) -> None:
    """`quiet` (the demo): no access log, warnings only; `when_ready()` runs once the
    server listens."""
    # --help and -h print the usage and exit 0 here, before anything connects or binds.
    options = serve_parser().parse_args(argv)
    # gunicorn runs no system check: run them first, and refuse to start on an error (a
    # missing data key among them, anxin/core/checks.py) as the other commands do.
    with redirect_stdout(io.StringIO()) if quiet else nullcontext():
        execute_from_command_line(["anxin", "check"])

    bind = options.bind or os.environ.get("ANXIN_BIND", "127.0.0.1:8000")
    workers = int(os.environ.get("ANXIN_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1))

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")
            # Request lines only: no query strings or bodies reach the log.
            self.cfg.set("access_log_format", '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms')
            self.cfg.set("forwarded_allow_ips", os.environ.get("ANXIN_FORWARDED_ALLOW_IPS", ""))
            if quiet:
                self.cfg.set("accesslog", None)
                self.cfg.set("loglevel", "warning")
            if when_ready:
                self.cfg.set("when_ready", lambda _arbiter: when_ready())

        def load(self):
            # Django is set up here, in the worker, as anxin/wsgi.py does.
            return get_wsgi_application()

    Application().run()


def _die_with_parent() -> None:
    """In the worker's process: be sent SIGTERM when the process that started it dies,
    even by SIGKILL (Linux; elsewhere the `finally` below is all there is)."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextmanager
def worker_beside(*, quiet: bool = False) -> Iterator[subprocess.Popen]:
    """Run `anxin worker` in a child process for as long as the block runs (the demo
    serves pages and runs their background tasks together); stop it after. `quiet`: no
    line per task (failures are still logged)."""
    verbosity = "0" if quiet else "1"
    # Every argument is this module's own (S603 cannot tell a chosen word from input).
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "anxin.front.cli", "worker", "--no-startup-delay", "-v", verbosity],
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        # Out of the terminal's process group: Ctrl-C reaches this process, which stops
        # the worker below (a worker interrupted while it starts would print a traceback).
        start_new_session=True,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        return
    word, rest = argv[0], argv[1:]
    if word == "serve":
        serve(rest)
        return
    command = ALIASES.get(word, word.replace("-", "_"))
    if HELP_FLAGS & set(rest) and print_command_help(word, command):
        return
    execute_from_command_line(["anxin", command, *rest])


HELP_FLAGS = {"-h", "--help"}


def print_command_help(word: str, command: str) -> bool:
    """Print the usage of a management command under the word that was typed
    (`anxin run-due`, which works as printed, rather than Django's `anxin run_due`).
    False when no command has that name: Django answers then, as for any other word."""
    django.setup()
    app = get_commands().get(command)
    if app is None:
        return False
    handler = app if isinstance(app, BaseCommand) else load_command_class(app, command)
    handler.create_parser("anxin", word).print_help()
    return True


if __name__ == "__main__":
    main()
