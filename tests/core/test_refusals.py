"""One refusal type (docs/decisions/0030): a service refuses a state change with
`Refused(code, message)`; views show it one way (`show_refusal`); no app defines an
exception type of its own for a refusal, and no service refuses with a bare ValueError."""

import ast
from pathlib import Path

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory, SimpleTestCase
from django.utils import translation

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal

ANXIN = Path(__file__).resolve().parents[2] / "anxin"

# Exception types that are not refusals: a file or a value that cannot be read, a
# failure of the machine. Each is raised before any rule is asked. (By name, so that a
# module split into a package keeps its entry.)
NOT_REFUSALS = {
    "InstrumentFileError",  # an instrument file (assessments)
    "BackupError",  # a backup that cannot be written or read (core)
    "DateFormatError",  # a date that cannot be read (core.roc)
    "SealError",  # ciphertext that does not open (core.sealed)
    "WorkerLost",  # a worker that died (core.tasks)
    "DemoModeOff",  # the demo command outside demo mode
    "RosterFileError",  # a roster file (people)
    "PlanFileError",  # a plan file (plans)
    "DefinitionError",  # a questionnaire definition (surveys)
    "PresetFileError",  # a questionnaire preset file (surveys)
    "IndicatorFileError",  # the indicator definitions (reports)
    "DirectoryFileError",  # a resource directory file that cannot be read (resources)
    "LineError",  # a push the LINE Messaging API did not accept (resources.channels)
    "SignInFirst",  # a visitor sent to sign in: the zone is not public (resources.zone)
}
ONE_TYPE = {("core/refusals.py", "Refused"), ("core/locking.py", "StaleEdit")}

# A ValueError a service still raises is a programming error: an argument that the
# form in front of it never lets through, so no person can cause it.
PROGRAMMING_ERRORS = {
    ("counseling/services.py", "request_submit"),  # a concern the plan does not list
    ("counseling/flows/services.py", "flow_start"),  # a flow the plan does not have
    ("counseling/flows/services.py", "flow_step_record"),  # a way the step does not offer
    ("counseling/station/services.py", "thread_start"),  # a plan with no station
    ("counseling/station/services.py", "call_record"),  # a concern the plan does not list
    ("counseling/providers/services.py", "group_request_schedule"),  # both or no leader
    ("counseling/providers/services.py", "group_request_record_outcome"),  # held, nobody
}

BARE = {"ValueError", "TypeError", "Exception"}

# Services that still refuse with Django's ValidationError. Empty since events and
# surveys moved to Refused (0030); it stays so that none starts again.
STILL_VALIDATION_ERROR: set[str] = set()
# Modules that refuse like services though not named so: the season generator and the
# survey exports' checks.
REFUSING_MODULES = {"events/season.py", "surveys/exports.py", "surveys/report.py"}


def _modules():
    for path in sorted(ANXIN.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(ANXIN).as_posix(), ast.parse(path.read_text())


def _raised(node: ast.Raise) -> str:
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return ast.unparse(exc) if exc is not None else ""


class NoOtherRefusalTypeTests(SimpleTestCase):
    def test_no_module_defines_an_exception_type_of_its_own(self):
        """An exception class anywhere in anxin is Refused, StaleEdit, or one of the
        listed non-refusals."""
        found = []
        for name, tree in _modules():
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef):
                    continue
                bases = {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
                if not bases & {"Exception", "ValueError", "RuntimeError", "Refused", "StaleEdit"}:
                    continue
                if (name, node.name) not in ONE_TYPE and node.name not in NOT_REFUSALS:
                    found.append(f"{name}: class {node.name}")
        self.assertEqual(found, [])

    def test_no_service_refuses_with_a_bare_value_error(self):
        found = []
        for name, tree in _modules():
            if not name.endswith("services.py"):
                continue
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    raised = isinstance(node, ast.Raise) and _raised(node) in BARE
                    if raised and (name, function.name) not in PROGRAMMING_ERRORS:
                        found.append(f"{name}: {function.name}")
        self.assertEqual(found, [])

    def test_only_the_listed_services_still_refuse_with_a_validation_error(self):
        found = set()
        for name, tree in _modules():
            refuses = name.endswith("services.py") or name in REFUSING_MODULES
            if not refuses or name in STILL_VALIDATION_ERROR:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Raise) and _raised(node).endswith("ValidationError"):
                    found.add(name)
        self.assertEqual(found, set())


class _NoteForm(forms.Form):
    note = forms.CharField(required=False)


class ShowRefusalTests(SimpleTestCase):
    def setUp(self):
        self.request = RequestFactory().post("/")
        self.request.session = {}
        self.request._messages = FallbackStorage(self.request)

    def test_it_puts_a_refusal_on_the_form_shown_again(self):
        form = _NoteForm({"note": "x"})
        form.is_valid()
        show_refusal(self.request, Refused("taken", "Taken a moment ago."), form=form)
        self.assertEqual(form.non_field_errors(), ["Taken a moment ago."])
        self.assertTrue(form.has_error("__all__", code="taken"))
        self.assertEqual(list(get_messages(self.request)), [])

    def test_it_puts_a_refusal_on_a_field(self):
        form = _NoteForm({"note": "x"})
        form.is_valid()
        show_refusal(self.request, Refused("taken", "Taken."), form=form, field="note")
        self.assertEqual(form.errors["note"], ["Taken."])

    def test_it_shows_a_refusal_as_an_error_message_without_a_form(self):
        show_refusal(self.request, Refused("closed", "This case is closed."))
        shown = list(get_messages(self.request))
        self.assertEqual([str(m) for m in shown], ["This case is closed."])
        self.assertEqual(shown[0].level_tag, "error")


class StaleEditTests(SimpleTestCase):
    def test_a_stale_edit_is_a_refusal_with_its_own_words(self):
        stale = StaleEdit()
        self.assertIsInstance(stale, Refused)
        self.assertEqual(stale.code, "stale")
        self.assertIs(stale.message, StaleEdit.message)
        with translation.override("en"):
            self.assertIn("Someone else saved this record", str(stale.message))

    def test_a_page_may_word_it_for_its_record(self):
        stale = StaleEdit("This conversation changed.")
        self.assertEqual((stale.code, stale.message), ("stale", "This conversation changed."))
