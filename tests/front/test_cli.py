from io import StringIO
from unittest import mock

from anxin.front import cli
from tests.base import BaseTestCase


class CliTestCase(BaseTestCase):
    def test_it_prints_help_without_arguments(self):
        with mock.patch("sys.stdout", new=StringIO()) as out:
            cli.main([])
        self.assertIn("anxin verify-audit", out.getvalue())

    def test_it_maps_dashed_words_to_management_commands(self):
        with mock.patch("sys.stdout", new=StringIO()) as out:
            cli.main(["verify-audit"])
        self.assertIn("chain intact", out.getvalue())

    def test_it_passes_other_words_to_django(self):
        with mock.patch("sys.stdout", new=StringIO()) as out:
            cli.main(["check"])
        self.assertIn("System check identified no issues", out.getvalue())

    def test_it_runs_anxins_own_task_worker(self):
        """`anxin worker` is Anxin's worker (leases, retries), not the library's bare one."""
        with mock.patch("anxin.front.cli.execute_from_command_line") as run:
            cli.main(["worker", "--batch"])
        run.assert_called_once_with(["anxin", "worker", "--batch"])


VERBS = [
    line.split()[1]
    for line in cli.__doc__.splitlines()
    if line.strip().startswith("anxin ") and not line.strip().startswith("anxin <")
]


class CliHelpTestCase(BaseTestCase):
    """Every verb answers --help and -h with its usage and exits 0, doing nothing else
    (issue 13: `anxin serve --help` tried to connect to a host named `--help`)."""

    def run_help(self, *argv: str) -> str:
        with (
            mock.patch("sys.stdout", new=StringIO()) as out,
            mock.patch("anxin.front.cli.execute_from_command_line") as django,
            mock.patch("gunicorn.app.base.BaseApplication.run") as serve_app,
        ):
            try:
                cli.main(list(argv))
            except SystemExit as exc:
                self.assertIn(exc.code, (0, None), argv)
        serve_app.assert_not_called()
        django.assert_not_called()  # no check, no command run: only the usage
        return out.getvalue()

    def test_the_docstring_lists_every_verb(self):
        self.assertEqual(len(VERBS), 14)
        self.assertIn("serve", VERBS)

    def test_every_verb_answers_help_with_its_usage(self):
        for verb in VERBS:
            for flag in ("--help", "-h"):
                with self.subTest(verb=verb, flag=flag):
                    text = self.run_help(verb, flag)
                    self.assertIn("usage:", text.lower())
                    self.assertIn(verb, text)

    def test_serve_help_names_its_address_and_does_not_serve(self):
        text = self.run_help("serve", "--help")
        self.assertIn("ADDRESS:PORT", text)
        self.assertIn("ANXIN_BIND", text)
