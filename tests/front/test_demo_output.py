"""What `anxin demo` prints: a few summary lines, then the sign-ins last; the mail in
files, not on the screen; a command that works as printed."""

import shlex
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.core import mailfiles
from anxin.core.demo import demo_steps
from anxin.front.management.commands.demo import anxin_command
from anxin.people.models import RoleAssignment

COMMAND = "anxin.front.management.commands.demo.Command"


class DemoOutputTestCase(TestCase):
    def setUp(self):
        self.var = Path(tempfile.mkdtemp())
        override = override_settings(ANXIN_DEMO=True, VAR_DIR=self.var)
        override.enable()
        self.addCleanup(override.disable)

    def run_demo(self, *args) -> list[str]:
        out = StringIO()
        with mock.patch(f"{COMMAND}.prepare"), mock.patch(f"{COMMAND}.load_plans"), \
                mock.patch("anxin.front.cli.serve") as serve, \
                mock.patch("anxin.front.cli.worker_beside") as worker:  # fmt: skip
            call_command("demo", "--employees", "100", *args, stdout=out)
        self.serve, self.worker = serve, worker
        return out.getvalue().rstrip("\n").splitlines()

    def test_the_sign_ins_are_the_last_lines(self):
        lines = self.run_demo("--no-serve")
        roles = RoleAssignment.Role.values
        table = lines[-len(roles) - 1 :]
        self.assertEqual(table[0].split()[:2], ["role", "username"])
        self.assertEqual([row.split()[0] for row in table[1:]], list(roles))
        # Each app's step prints one line at most, around a few lines of the shell's own,
        # so that the whole fits on one screen however many apps there are.
        summary = lines[: -len(roles) - 2]
        self.assertLessEqual(len(summary), len(demo_steps()) + 6, lines)
        self.assertLess(len(lines), 45, lines)
        self.assertFalse(any(line.startswith("otpauth://") for line in lines))

    def test_serving_prints_the_sign_ins_once_the_server_listens_with_a_worker_beside(self):
        lines = self.run_demo()
        self.worker.assert_called_once_with(quiet=True)
        _args, kwargs = self.serve.call_args
        self.assertTrue(kwargs["quiet"])
        self.assertFalse(any(line.startswith("demo-") for line in lines))
        self.assertIn("Ctrl-C", "\n".join(lines))

    def test_the_code_command_names_the_environment_it_needs(self):
        words = shlex.split(anxin_command("demo", "--code", "demo-counselor"))
        self.assertEqual(words[0], "ANXIN_DEMO=1")
        self.assertEqual(words[1], f"ANXIN_VAR_DIR={self.var}")
        self.assertTrue(Path(words[2]).is_absolute() or (Path.cwd() / words[2]).exists())
        self.assertEqual(words[3:], ["demo", "--code", "demo-counselor"])

    def test_the_demo_mail_goes_to_eml_files(self):
        folder = self.var / "mail"
        with override_settings(
            EMAIL_BACKEND="anxin.core.mailfiles.EmailBackend", ANXIN_MAIL_DIR=folder
        ):
            mail.send_mail("主旨", "內文", "anxin@localhost", ["someone@example.gov.tw"])
            self.assertEqual(mailfiles.mail_dir(), folder)
        (written,) = folder.glob("*.eml")
        self.assertIn(b"someone@example.gov.tw", written.read_bytes())
