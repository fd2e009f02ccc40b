"""No export lets a cell become a formula (decision 0024).

Every spreadsheet and CSV export of the project is written here from data whose text
starts with =, +, - or @ (an event titled `=1+1`, a participant named `@SUM(A1:A9)`, a
provider named `=2+2`, a survey whose question and answers start so) and read back with
the format's own reader: openpyxl (a string cell, never a formula, with the quote
prefix), odfpy (a string cell, no table:formula anywhere), csv (the text behind an
apostrophe). Numbers stay numbers. A last test holds that no module writes a spreadsheet
or CSV file other than through anxin/core/sheets.py.
"""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from anxin.core import sheets
from anxin.counseling.providers.models import Provider
from anxin.people import roster
from anxin.surveys import exports, report, services
from anxin.surveys.models import Survey
from tests.base import make_employee, make_user
from tests.counseling.providers_base import MONTH, YEAR, ProvidersTestCase
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register, tick
from tests.surveys.base import (
    SurveyTestCase,
    count_as_closed,
    definition,
    make_survey,
    publish,
    question,
)

ONE_DAY = timedelta(days=1)
FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def xlsx_cells(data: bytes) -> list:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def ods_cells(data: bytes) -> list[tuple[str | None, str]]:
    """(value type, text) of every cell; AssertionError if any cell holds a formula."""
    from odf import teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import TableCell

    document = load(io.BytesIO(data))
    cells = []
    for cell in document.spreadsheet.getElementsByType(TableCell):
        assert (TABLENS, "formula") not in cell.attributes, "an ODS cell holds a formula"
        cells.append((cell.attributes.get((OFFICENS, "value-type")), teletype.extractText(cell)))
    return cells


def csv_cells(data: bytes) -> list[str]:
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return [cell for row in rows for cell in row]


class FormulaChecks:
    """Assertions on one exported file: `texts` must be in it as text, never a formula."""

    def check(self, label: str, fmt: str, data: bytes, texts: list[str], numbers=()):
        with self.subTest(export=label, fmt=fmt):
            if fmt == "xlsx":
                cells = xlsx_cells(data)
                self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
                for text in texts:
                    text = text.replace("\r", "\n")  # XML reads a bare CR as a line end
                    found = [c for c in cells if c.value == text]
                    self.assertTrue(found, f"{text!r} not in the XLSX")
                    self.assertTrue(all(c.data_type == "s" and c.quotePrefix for c in found))
                values = [c.value for c in cells if c.data_type == "n"]
            elif fmt == "ods":
                cells = ods_cells(data)
                for text in texts:
                    self.assertIn(("string", text.strip("\t\r")), cells, f"{text!r} not in ODS")
                values = [Decimal(t) for kind, t in cells if kind == "float"]
            else:
                cells = csv_cells(data)
                for text in texts:
                    self.assertIn("'" + text, cells, f"{text!r} not behind an apostrophe")
                    self.assertNotIn(text, cells)
                values = [Decimal(c) for c in cells if re.fullmatch(r"-?\d+(\.\d+)?", c)]
            for number in numbers:
                self.assertIn(number, values, f"{number} is not a number in the {fmt}")


class CoreWriterTests(FormulaChecks, SimpleTestCase):
    def test_it_keeps_every_formula_start_as_text_and_numbers_as_numbers(self):
        """=, +, -, @, tab and CR at the start: text in every format; -5 stays a number."""
        rows = [["名稱", "數量"], *[[text, -5] for text in FORMULAS], ["純文字", Decimal("1.5")]]
        for fmt in sheets.FORMATS:
            data = sheets.sheet_bytes(fmt, "=sheet", rows)
            self.check("core", fmt, data, FORMULAS, numbers=[-5, Decimal("1.5")])

    def test_it_drops_characters_xml_cannot_hold(self):
        """openpyxl raised IllegalCharacterError on a title with a control character."""
        for fmt in ("xlsx", "ods"):
            data = sheets.sheet_bytes(fmt, "t", [["a\x00b\x01c\x1fd"]])
            texts = [c.value for c in xlsx_cells(data)] if fmt == "xlsx" else ods_cells(data)
            self.assertIn("abcd" if fmt == "xlsx" else ("string", "abcd"), texts)

    def test_the_roster_templates_are_written_by_the_core_writer(self):
        """The templates' texts are fixed, but they go through the same writer."""
        for fmt, writer in roster.TEMPLATE_WRITERS.items():
            data = writer()
            self.assertTrue(roster.roster_parse(data, f"t.{fmt}"))


class LearningHoursTests(FormulaChecks, AttendanceTestCase):
    def test_it_exports_a_formula_title_and_name_as_text(self):
        start = self.now - timedelta(days=7)
        event = event_with_sessions(
            self.eap_admin, self.authority, [start], title="=1+1",
            learning_hours=Decimal("2"), facilitator=self.facilitator,
        )  # fmt: skip
        someone = make_employee(make_user("at"), unit=self.unit, number="-42", name="@SUM(A1:A9)")
        for employee in (self.alice_employee, someone):
            registration = register(event, employee, employee.user)
            tick(registration, event.sessions.get(), "present", actor=self.facilitator)
        self.login(self.facilitator)
        for fmt in ("ods", "xlsx", "csv"):
            url = reverse("events:hours_export", args=[event.uuid, fmt])
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            texts = ["=1+1", "@SUM(A1:A9)", "-42"]
            self.check("learning hours", fmt, response.content, texts, numbers=[2])


class ProviderStatementTests(FormulaChecks, ProvidersTestCase):
    def test_it_exports_a_formula_provider_name_as_text(self):
        Provider.objects.filter(pk=self.provider.pk).update(name="=2+2")
        self.login(self.provider_admin)
        for fmt in ("ods", "xlsx"):
            url = f"/counselling/providers/{self.provider.pk}/statement/{YEAR}-{MONTH}.{fmt}"
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.check("provider statement", fmt, response.content, ["=2+2"], numbers=[6500])


class SurveyExportTests(FormulaChecks, SurveyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        version = publish(
            owner=cls.agency,
            actor=cls.hr,
            data=definition(
                question("pick", "single", text="=HYPERLINK(1)", options=["+是", "-否"]),
                question("pick2", "single", text="題二", options=["=1", "@2"]),
                question("say", "short_text", text="@說明"),
            ),
        )
        cls.survey = make_survey(version, owner=cls.agency, actor=cls.hr)
        for number in range(8):
            employee = make_employee(
                make_user(f"f{number}"), unit=cls.unit, number=f"F{number}", name=f"甲{number}"
            )
            answers = {
                "pick": "+是" if number % 2 else "-否",
                "pick2": "=1" if number % 3 else "@2",
                "say": FORMULAS[number % 4],
            }
            services.answer_submit(survey=cls.survey, employee=employee, answers=answers)
        # Results are exported once the survey has closed.
        Survey.objects.filter(pk=cls.survey.pk).update(closes_on=timezone.localdate() - ONE_DAY)
        cls.survey.refresh_from_db()
        count_as_closed(cls.survey)  # the answers are written in their closing batch

    def test_it_exports_raw_answers_with_formula_text_as_text(self):
        for fmt in exports.FORMATS:
            data, _rows = exports.raw_export(self.survey, fmt, include_text=True)
            texts = ["+是", "-否", "=1+1", "@SUM(A1:A9)", "-1+1", "+1+1"]
            self.check("survey answers", fmt, data, texts)

    def test_it_exports_results_tables_with_formula_text_as_text(self):
        for fmt in exports.FORMATS:
            data = report.results_export(self.survey, fmt)
            self.check("survey results", fmt, data, ["+是", "-否", "=1", "@2"])


class OneWriterTests(SimpleTestCase):
    def test_no_module_writes_a_spreadsheet_but_the_core_writer(self):
        """csv.writer, openpyxl's Workbook, odfpy's documents and the ODS stream appear in
        anxin/core/sheets.py and ods.py only: a new export cannot forget the neutraliser."""
        root = Path(__file__).resolve().parents[1] / "anxin"
        allowed = {root / "core" / "sheets.py", root / "core" / "ods.py"}
        pattern = re.compile(
            r"csv\.writer|csv\.DictWriter|Workbook\(|OpenDocumentSpreadsheet|OdsStream\("
        )
        offenders = [
            f"{path.relative_to(root.parent)}:{number}"
            for path in root.rglob("*.py")
            if path not in allowed and "migrations" not in path.parts
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if pattern.search(line)
        ]
        self.assertEqual(offenders, [])
