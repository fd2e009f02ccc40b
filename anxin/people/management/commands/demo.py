from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.people import demo

ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    help = "Prepare the demo (範例市政府, 2,000 employees, a sign-in per role) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare, print, stop")
        parser.add_argument(
            "--code", metavar="USERNAME", help="print the current TOTP code of a demo account"
        )
        parser.add_argument(
            "--employees", type=int, default=demo.DEFAULT_EMPLOYEES, help="how many employees"
        )

    def handle(self, *args, no_serve, code, employees, **options):
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
        call_command("load_instruments", stdout=self.stdout, stderr=self.stderr)
        accounts = demo.demo_accounts()
        self.custody(accounts)
        self.counselling()
        self.self_tests()
        self.events()
        self.surveys()
        self.print_sign_ins(accounts)
        if not no_serve:
            from anxin.cli import serve, worker_beside

            # Invitations, imports and exports run as background tasks: a worker beside
            # the web server, stopped with it.
            with worker_beside():
                serve([ADDRESS])

    def prepare(self) -> None:
        """The database and the static files; translations are compiled by `make`."""
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)

    def load_plans(self) -> None:
        """The seed presets, then a plan for 範例市政府 made from one of them."""
        call_command("load_plan", "--all", stdout=self.stdout, stderr=self.stderr)
        if path := demo.demo_plan_file():
            call_command("load_plan", str(path), stdout=self.stdout, stderr=self.stderr)

    def custody(self, accounts: list[demo.DemoAccount]) -> None:
        """A completed reset and a grant waiting for approval (needs the accounts)."""
        from anxin.people.custody.demo import demo_custody

        summary = demo_custody(authority_code=demo.AUTHORITY_CODE, accounts=accounts)
        if summary.completed or summary.pending:
            self.stdout.write(
                f"Account custody: {summary.completed} reset completed, {summary.pending} "
                "role grant waiting for the auditor's approval."
            )

    def counselling(self) -> None:
        """Each plan's counselling service in use (needs the plans and the accounts)."""
        from django.apps import apps

        if not apps.is_installed("anxin.counseling"):
            return
        from anxin.counseling.demo import demo_counselling

        summary = demo_counselling()
        if summary.plans:
            self.stdout.write(
                f"Counselling: {summary.requests} requests, {summary.cases_open} open and "
                f"{summary.cases_closed} closed cases, {summary.threads} e-mail station "
                f"messages, {summary.calls} calls, {summary.appointments} appointments in "
                f"{', '.join(summary.plans)}."
            )

    def self_tests(self) -> None:
        """A self-test history for the demo employee, and others' results for the statistics."""
        from anxin.assessments.demo import demo_self_tests

        summary = demo_self_tests()
        if summary.own:
            self.stdout.write(
                f"Self-tests: {summary.own} results in the demo employee's history, "
                f"{summary.others} from other employees."
            )

    def events(self) -> None:
        """The demo authority's half-year season of events, published, with registrations."""
        from django.apps import apps

        if not apps.is_installed("anxin.events"):
            return
        from anxin.events.demo import demo_events

        summary = demo_events()
        if summary.events:
            self.stdout.write(
                f"Events: season {summary.season}, {summary.events} events "
                f"({summary.published} published), {summary.registrations} registrations, "
                f"{summary.waitlisted} on a waiting list; a past class with "
                f"{summary.attended} attendances and {summary.certificates} certificates."
            )

    def surveys(self) -> None:
        """Needs surveys to analyse, a satisfaction survey after counselling, new-hire
        questionnaires on schedule (needs the counselling and events demo data)."""
        from anxin.surveys.demo import demo_surveys

        summary = demo_surveys()
        if summary.surveys:
            self.stdout.write(
                f"Surveys: {summary.surveys} surveys, {summary.answers} answers, "
                f"{summary.invited} invitations sent."
            )

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
