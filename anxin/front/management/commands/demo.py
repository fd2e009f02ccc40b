import os
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.demo import DemoRun, demo_steps
from anxin.core.mailfiles import mail_dir
from anxin.front import cli
from anxin.people import demo

ADDRESS = "127.0.0.1:8000"


def shown_path(path: Path) -> str:
    """A path as a command run from the repository's root can use it."""
    path = Path(path).absolute()
    if path.is_relative_to(settings.BASE_DIR):
        return str(path.relative_to(settings.BASE_DIR)) or "."
    return str(path)


def anxin_command(*words: str) -> str:
    """An `anxin` command line that works as printed from the repository's root: the
    environment it needs (demo mode, a var folder other than the default) and the
    `anxin` of this interpreter's environment."""
    env = ["ANXIN_DEMO=1"]
    if Path(settings.VAR_DIR).resolve() != (Path(settings.BASE_DIR) / "var").resolve():
        env.append(f"ANXIN_VAR_DIR={shown_path(settings.VAR_DIR)}")
    # sys.executable is not resolved: a virtual environment's own bin/ is kept.
    program = Path(sys.executable).parent / "anxin"
    return " ".join([*env, shown_path(program), *words])


class Command(BaseCommand):
    """The shell's orchestration of the demo: the database, the organisation, the plans
    and a sign-in per role; then the steps each app declares in its demo.py
    (anxin/core/demo.py); then a few summary lines, the site served with a worker beside
    it, and the sign-ins printed last, once the site answers."""

    help = "Prepare the demo (範例市政府, 2,000 employees, a sign-in per role) and serve it."
    address = ADDRESS

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare, print, stop")
        parser.add_argument(
            "--code", metavar="USERNAME", help="print the current TOTP code of a demo account"
        )
        parser.add_argument(
            "--employees", type=int, default=demo.DEFAULT_EMPLOYEES, help="how many employees"
        )
        parser.add_argument("--steps", action="store_true", help="list the apps' demo steps")
        parser.add_argument("--address", default=ADDRESS, help=f"where to serve ({ADDRESS})")

    def handle(self, *args, no_serve, code, employees, steps, address, **options):
        if steps:
            for step in demo_steps():
                self.stdout.write(f"{step.order:>4}  {step.name}: {step.summary}")
            return
        try:
            demo.demo_require()
        except demo.DemoModeOff:
            raise CommandError(
                "The demo runs only in demo mode: set ANXIN_DEMO=1 (make demo does)."
            ) from None
        if code:
            try:
                self.stdout.write(demo.demo_code(code))
            except TOTPDevice.DoesNotExist:
                raise CommandError(f"{code} is not a demo account with a second factor.") from None
            return
        mail_before = self.mail_count()
        self.prepare()
        summary = demo.demo_generate(employees=employees)
        self.stdout.write(
            f"{demo.AUTHORITY_NAME}: {summary.agencies} agencies and schools, {summary.units} "
            f"units, {summary.employees_total} employees ({summary.employees_created} new)."
        )
        self.load_plans()
        accounts = demo.demo_accounts()
        # Each app's part of the demo (its own demo.py), in their order: one line each.
        # What the commands they call print (a line per instrument) is not shown.
        run = DemoRun(stdout=StringIO(), stderr=self.stderr, accounts=accounts)
        for step in demo_steps():
            if line := step.func(run):
                self.stdout.write(line)
        self.address = address
        self.print_summary(accounts, mail=self.mail_count() - mail_before, serve=not no_serve)
        if no_serve:
            self.print_sign_ins(accounts)
            return
        self.serve(accounts)

    def serve(self, accounts: list[demo.DemoAccount]) -> None:
        """Invitations, imports and exports run as background tasks: a worker beside the
        web server, stopped with it (Ctrl-C stops both). The sign-ins are printed once the
        server listens, so that they are the last lines on the screen."""
        with cli.worker_beside(quiet=True):
            cli.serve([self.address], quiet=True, when_ready=lambda: self.print_sign_ins(accounts))

    def prepare(self) -> None:
        """The database, the static files and the system checks (the server runs them
        again, silently); translations are compiled by `make`."""
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("check", stdout=StringIO())

    def load_plans(self) -> None:
        """The seed presets, then a plan for 範例市政府 made from one of them; one line."""
        out = StringIO()
        call_command("load_plan", "--all", stdout=out, stderr=self.stderr)
        if path := demo.demo_plan_file():
            call_command("load_plan", str(path), stdout=out, stderr=self.stderr)
        slugs = [
            line.split(":", 1)[0].split()[-1] for line in out.getvalue().splitlines() if ":" in line
        ]
        self.stdout.write(f"Plans: {', '.join(slugs)}.")

    def mail_count(self) -> int:
        folder = mail_dir()
        return sum(1 for _ in folder.glob("*.eml")) if folder.is_dir() else 0

    def print_summary(self, accounts: list[demo.DemoAccount], *, mail: int, serve: bool) -> None:
        links = self.write_otpauth_links(accounts)
        if settings.EMAIL_BACKEND == "anxin.core.mailfiles.EmailBackend":
            where = f"one .eml file each in {shown_path(mail_dir())}/"
        else:
            where = f"sent through {settings.EMAIL_BACKEND}"
        self.stdout.write(f"Mail: {mail} new messages, {where}; each person's 收件匣 has them too.")
        if serve:
            self.stdout.write(
                "A worker runs the background tasks beside the server; Ctrl-C stops both."
            )
        self.stdout.write(f"Authenticator links (otpauth://): {shown_path(links)}")
        self.stdout.write(
            f"A current code, from here: {anxin_command('demo', '--code', 'demo-counselor')}"
        )

    def write_otpauth_links(self, accounts: list[demo.DemoAccount]) -> Path:
        path = demo.credentials_path().with_name("otpauth.txt")
        lines = [f"{a.username}: {a.otpauth_url}" for a in accounts if a.otpauth_url]
        path.write_text("\n".join(lines) + "\n")
        os.chmod(path, 0o600)
        return path

    def print_sign_ins(self, accounts: list[demo.DemoAccount]) -> None:
        rows = [("role", "username", "password", "TOTP secret (base32)")]
        rows += [(a.role, a.username, a.password, a.totp_secret or "-") for a in accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write("")
        self.stdout.write(
            f"Demo sign-ins (http://{self.address}/), demo mode only; passwords kept in "
            f"{shown_path(demo.credentials_path())}:"
        )
        for row in rows:
            line = "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
        self.stdout.flush()
