"""`anxin load-plan PRESET-OR-FILE` and `--all`: output and exit codes."""

import io
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase

from anxin.front import cli
from anxin.people.models import OrgUnit
from anxin.plans.models import ProgramPlan
from tests.plans.base import TempFiles, line_of, preset_text


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run the `anxin` console command in this process; return (exit code, out, err).
    Django closes every connection after a command run from the command line, which
    would end the test's transaction: that one call is patched out."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with (
        redirect_stdout(out),
        redirect_stderr(err),
        mock.patch("django.core.management.base.connections.close_all"),
    ):
        try:
            cli.main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


class LoadPlanCommandTestCase(TestCase):
    def setUp(self):
        self.files = TempFiles(self)

    def test_it_loads_a_preset_and_says_what_it_loaded(self):
        code, out, _err = run_cli("load-plan", "taoyuan-104")
        self.assertEqual(code, 0)
        self.assertIn("created taoyuan-104: 桃園市政府104年員工幸福心計畫", out)
        self.assertIn("new authority", out)
        self.assertIn("3 channels", out)
        self.assertTrue(ProgramPlan.objects.filter(slug="taoyuan-104").exists())

    def test_it_says_updated_on_a_reload(self):
        call_command("load_plan", "chiayi-105", stdout=io.StringIO())
        out = io.StringIO()
        call_command("load_plan", "chiayi-105", stdout=out)
        self.assertIn("updated chiayi-105", out.getvalue())
        self.assertNotIn("new authority", out.getvalue())
        self.assertEqual(OrgUnit.objects.filter(name="嘉義市政府").count(), 1)

    def test_it_loads_a_file_by_path(self):
        path = self.files.write("my-plan.yaml", preset_text("pingtung"))
        code, out, _err = run_cli("load-plan", path)
        self.assertEqual(code, 0)
        self.assertIn("from my-plan.yaml", out)
        self.assertEqual(ProgramPlan.objects.get(slug="pingtung").source_file, "my-plan.yaml")

    def test_it_loads_every_preset_with_all(self):
        code, out, _err = run_cli("load-plan", "--all")
        self.assertEqual(code, 0)
        self.assertEqual(
            sorted(ProgramPlan.objects.values_list("slug", flat=True)),
            ["chiayi-105", "pingtung", "taipei-114", "taoyuan-104"],
        )
        self.assertEqual(out.count("created "), 4)

    def test_it_exits_1_with_the_errors_of_a_bad_file_and_loads_nothing(self):
        text = preset_text("taoyuan-104").replace("    reply_days: 3", "    reply_days: three")
        path = self.files.write("bad.yaml", text)
        code, out, err = run_cli("load-plan", path)
        self.assertEqual(code, 1)
        line = line_of(text, "reply_days: three")
        self.assertIn(f"{path}:{line}: channels[2].reply_days: 'three' is not of type", err)
        self.assertIn("nothing loaded: 1 error(s)", err)
        self.assertEqual(out, "")
        self.assertFalse(ProgramPlan.objects.exists())
        self.assertFalse(OrgUnit.objects.exists())

    def test_it_exits_1_for_an_unknown_preset(self):
        code, _out, err = run_cli("load-plan", "atlantis")
        self.assertEqual(code, 1)
        self.assertIn("no preset 'atlantis'", err)

    def test_it_needs_exactly_one_target(self):
        with self.assertRaises(CommandError):
            call_command("load_plan")
        with self.assertRaises(CommandError):
            call_command("load_plan", "pingtung", all=True)
        self.assertFalse(ProgramPlan.objects.exists())
