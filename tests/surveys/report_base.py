"""Set-up shared by the results-export and report tests: a closed survey (ROC year 113) by
gender whose figures are chosen so that the hidden numbers are distinctive, an earlier
round (112) for the trend, and readers for the three spreadsheet formats.

Pick (single choice), women 36 是 / 35 否, men 4 是 / 33 否, k = 5: the men's 4 is under k,
and kanon hides the three other cells as its complements (the row, the column, then the
women's row). Their counts (4, 33, 35, 36) and shares of the group (10.8, 89.2, 50.7,
49.3) must appear nowhere; the totals (71, 37; 40, 68; 108) are shown.
Count (number), answered by 6 women (10–15, mean 12.50) and 2 men (77, 79, mean 78.00):
both groups hidden, their means and intervals too; the total (8, mean 28.88) is shown.
Note (open): 紓壓 given by 14 (shown, with examples), 法律 by 3 (hidden, no example).
"""

import csv
import io

from django.test import override_settings
from django.utils import timezone

from anxin.people.models import Employee
from anxin.surveys import ballots
from tests.surveys.analysis_base import AnalysisTestCase
from tests.surveys.base import definition, make_survey, publish, question

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
F, M = Employee.Gender.FEMALE, Employee.Gender.MALE
MARKER = "*"

QUESTIONS = definition(
    question("pick", "single", options=["是", "否"]),
    question("agree", "likert5"),
    question("count", "number", min=0, max=100),
    question("note", "long_text"),
    title="員工需求調查",
)
TITLE = "員工協助需求調查"
COMMON = ["希望多辦紓壓課程，例如瑜珈。", "工作壓力大，需要紓壓活動。", "建議增加減壓講座。"]
RARE = "希望有法律諮詢，處理租屋糾紛。"

HIDDEN_COUNTS = {4, 33, 35, 36}
HIDDEN_FIGURES = {10.8, 89.2, 50.7, 49.3, 12.5, 78.0}  # shares of the groups, hidden means


@override_settings(TASKS=IMMEDIATE_TASKS)
class ReportTestCase(AnalysisTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.version = publish(owner=cls.agency, actor=cls.hr, data=QUESTIONS)
        cls.earlier = cls.new_survey(breakdowns=[])
        for index in range(10):
            cls.answer(cls.earlier, {"pick": "是" if index < 6 else "否", "agree": 3})
        cls.close(cls.earlier, year=2023)

        cls.survey = make_survey(
            cls.version, owner=cls.agency, actor=cls.hr, title=TITLE, days=(-10, 7)
        )
        cls.survey.breakdowns = ["gender"]
        cls.survey.save(update_fields=["breakdowns"])
        women = [("是", 36), ("否", 35)]
        men = [("是", 4), ("否", 33)]
        for gender, groups, counts, notes in (
            (F, women, [10, 11, 12, 13, 14, 15], [COMMON[i % 3] for i in range(9)]),
            (M, men, [77, 79], [COMMON[i % 3] for i in range(5)] + [RARE] * 3),
        ):
            picks = [pick for pick, times in groups for _ in range(times)]
            for index, pick in enumerate(picks):
                answers = {"pick": pick, "agree": index % 5 + 1}
                if index < len(counts):
                    answers["count"] = counts[index]
                if index < len(notes):
                    answers["note"] = notes[index]
                cls.answer(cls.survey, answers, gender=gender)
        cls.close(cls.survey, year=2024)
        cls.open_survey = make_survey(cls.version, owner=cls.agency, actor=cls.hr)
        for _ in range(ballots.MIN_BATCH):
            cls.answer(cls.open_survey, {"pick": "是", "agree": 4})
        # Enough answers waiting: the survey_ballots job writes them in a batch.
        ballots.survey_ballots_count(survey=cls.open_survey, today=timezone.localdate())


# --- reading the files back ------------------------------------------------------------------


def read_xlsx(data: bytes) -> dict[str, list[list]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        width = max(len(row) for row in rows)  # write-only sheets leave empty tails out
        sheets[sheet.title] = [row + [None] * (width - len(row)) for row in rows]
    return sheets


def read_ods(data: bytes) -> dict[str, list[list]]:
    """Numeric cells as numbers (whole numbers as int), text as text, empty as None."""
    from odf import teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    document = load(io.BytesIO(data))
    sheets = {}
    for table in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            values = []
            for cell in row.getElementsByType(TableCell):
                kind = cell.attributes.get((OFFICENS, "value-type"))
                if kind == "float":
                    number = float(cell.attributes[(OFFICENS, "value")])
                    values.append(int(number) if number.is_integer() else number)
                elif kind is None:
                    values.append(None)
                else:
                    values.append(teletype.extractText(cell))
            rows.append(values)
        width = max(len(row) for row in rows)
        sheets[table.attributes[(TABLENS, "name")]] = [
            row + [None] * (width - len(row)) for row in rows
        ]
    return sheets


def read_csv(data: bytes) -> dict[str, list[list]]:
    """The tables of a CSV export: the first unnamed (the overview), each next one after an
    empty line and a line with its name. Empty cells as None."""
    assert data.startswith(b"\xef\xbb\xbf"), "a CSV export starts with the UTF-8 BOM"
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    blocks, current = [], []
    for line in lines:
        if not line:
            blocks.append(current)
            current = []
        else:
            current.append([value if value != "" else None for value in line])
    blocks.append(current)
    sheets = {"概要": blocks[0]}
    for block in blocks[1:]:
        sheets[block[0][0]] = block[1:]
    return sheets


def same(value, display) -> bool:
    """A cell holds what the analysis shows: the marker for a hidden figure, "-" for a
    share of nobody, else the same number (a CSV cell is text)."""
    display = getattr(display, "display", display)  # an Entry shows its Display
    text = display.text if hasattr(display, "text") else str(display)
    if getattr(display, "suppressed", False) or text == MARKER:
        return value == MARKER
    if text == "-":
        return value == "-"
    return value is not None and value != MARKER and float(value) == float(text)
