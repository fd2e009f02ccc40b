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
