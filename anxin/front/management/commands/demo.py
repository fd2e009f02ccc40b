from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.demo import DemoRun, demo_steps
from anxin.front import cli
from anxin.people import demo

ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    """The shell's orchestration of the demo: the database, the organisation, the plans
    and a sign-in per role; then the steps each app declares in its demo.py
    (anxin/core/demo.py); then the sign-ins printed and the site served."""

    help = "Prepare the demo (範例市政府, 2,000 employees, a sign-in per role) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare, print, stop")
        parser.add_argument(
            "--code", metavar="USERNAME", help="print the current TOTP code of a demo account"
        )
        parser.add_argument(
            "--employees", type=int, default=demo.DEFAULT_EMPLOYEES, help="how many employees"
        )
        parser.add_argument("--steps", action="store_true", help="list the apps' demo steps")

    def handle(self, *args, no_serve, code, employees, steps, **options):
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
        self.prepare()
        summary = demo.demo_generate(employees=employees)
        self.stdout.write(
            f"{demo.AUTHORITY_NAME}: {summary.agencies} agencies and schools, {summary.units} "
            f"units, {summary.employees_total} employees ({summary.employees_created} new)."
        )
        self.load_plans()
        accounts = demo.demo_accounts()
        # Each app's part of the demo (its own demo.py), in their order.
        run = DemoRun(stdout=self.stdout, stderr=self.stderr, accounts=accounts)
        for step in demo_steps():
            if line := step.func(run):
                self.stdout.write(line)
        self.print_sign_ins(accounts)
        if not no_serve:
            # Invitations, imports and exports run as background tasks: a worker beside
            # the web server, stopped with it.
            with cli.worker_beside():
                cli.serve([ADDRESS])

    def prepare(self) -> None:
        """The database and the static files; translations are compiled by `make`."""
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)

    def load_plans(self) -> None:
        """The seed presets, then a plan for 範例市政府 made from one of them."""
        call_command("load_plan", "--all", stdout=self.stdout, stderr=self.stderr)
        if path := demo.demo_plan_file():
            call_command("load_plan", str(path), stdout=self.stdout, stderr=self.stderr)

    def print_sign_ins(self, accounts: list[demo.DemoAccount]) -> None:
        rows = [("role", "username", "password", "TOTP secret (base32)")]
        rows += [(a.role, a.username, a.password, a.totp_secret or "-") for a in accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (http://{ADDRESS}/); demo mode only:")
        for row in rows:
            line = "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
        self.stdout.write("")
        self.stdout.write("Add a secret to an authenticator app, or open its otpauth link:")
        for account in accounts:
            if account.otpauth_url:
                self.stdout.write(f"  {account.username}: {account.otpauth_url}")
        self.stdout.write("Or print the current code: anxin demo --code demo-counselor")
        self.stdout.write(f"Passwords are kept in {demo.credentials_path()}.")
