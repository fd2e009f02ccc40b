"""The raw (anonymised) export of a survey's answers as ODS, XLSX and CSV, run as a
background task (anxin/surveys/exports.py, tasks.py, export_views.py)."""

import csv
import io
import math
import re
from datetime import date, datetime

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anxin.core.models import Job
from anxin.core.refusals import Refused
from anxin.plans.models import ProgramPlan
from anxin.surveys import exports, services
from anxin.surveys.models import SurveyExport
from anxin.surveys.tasks import JOB_KIND
from tests.base import give_role, make_employee, make_user
from tests.surveys.base import SurveyTestCase, count_as_closed

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

HEADER = [
    "序號",
    "調查年度（民國）",
    "1. 問題 pick",
    "2. 問題 many",
    "3. 問題 agree",
    "4. 問題 score",
    "5. 問題 count",
    "6. 問題 day（僅年份）",
]
TEXT_HEADER = ["7. 問題 short", "8. 問題 long", "9. 問題 why"]


def answers_of(number: int) -> dict:
    """The answers of respondent `number`, as the answer form stores them."""
    return {
        "pick": "否" if number % 3 == 0 else "是",
        "many": ["甲", "丙"] if number % 2 else ["乙"],
        "agree": number % 5 + 1,
        "score": number % 11,
        "count": number,
        "day": f"2024-0{number % 9 + 1}-15",
        "short": f"第{number}位的短答",
        "long": "請打分機 12345 找我" if number == 1 else "=SUM(A1:A2)",
        **({"why": "原因"} if number % 3 == 0 else {}),
    }


def expected_row(number: int, *, text: bool = False) -> list:
    """The row the export should hold for respondent `number`, without its row number."""
    given = answers_of(number)
    likert = {1: "非常不同意", 2: "不同意", 3: "普通", 4: "同意", 5: "非常同意"}
    row = [
        None,  # the survey's year, filled in by the test
        given["pick"],
        "、".join(given["many"]),
        likert[given["agree"]],
        given["score"],
        given["count"],
        2024 - 1911,
    ]
    if text:
        long = "請打分機 ＊＊＊ 找我" if number == 1 else given["long"]
        row += [given["short"], long, given.get("why")]
    return row


def read_xlsx(data: bytes) -> list[list]:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    width = len(rows[0])  # a write-only sheet leaves a row's empty last cells out
    return [row + [None] * (width - len(row)) for row in rows]


def read_ods(data: bytes) -> list[list]:
    """Cells as Python values: floats for numeric cells (whole numbers as int), text
    otherwise, None for empty cells."""
    from odf import teletype
    from odf.namespaces import OFFICENS
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    document = load(io.BytesIO(data))
    table = document.spreadsheet.getElementsByType(Table)[0]
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
    return rows


def read_csv(data: bytes) -> list[list]:
    assert data.startswith(b"\xef\xbb\xbf"), "a CSV export starts with the UTF-8 BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@override_settings(TASKS=IMMEDIATE_TASKS)
class ExportTests(SurveyTestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = []
        for number in range(1, 8):
            employee = make_employee(
                make_user(f"respondent{number}"),
                unit=cls.unit,
                number=f"R{number:04d}",
                name=f"受訪者{number}",
            )
            cls.people.append(employee)
            for survey in (cls.anonymous, cls.identified):
                services.answer_submit(survey=survey, employee=employee, answers=answers_of(number))
        count_as_closed(cls.anonymous)
        # Opened yesterday or today: the survey's year is this year.
        cls.year = cls.anonymous.opens_on.year - 1911

    def setUp(self):
        self.login(self.hr)

    def start(self, survey, fmt: str, *, include_text: bool = False):
        data = {"format": fmt, **({"include_text": "on"} if include_text else {})}
        return self.client.post(reverse("surveys:export_new", args=[survey.uuid]), data)

    def export(self, survey, fmt: str, *, include_text: bool = False) -> bytes:
        response = self.start(survey, fmt, include_text=include_text)
        job = Job.objects.get(kind=JOB_KIND, owner=self.hr)
        self.assertRedirects(response, reverse("job_status", args=[job.uuid]))
        self.assertEqual(job.status, Job.Status.SUCCEEDED, job.result)
        download = self.client.get(job.result["next_url"])
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download["Content-Type"], exports.CONTENT_TYPES[fmt])
        self.assertIn("attachment", download["Content-Disposition"])
        return download.content

    def check_rows(self, rows: list[list], *, text: bool = False, as_text: bool = False):
        header, body = rows[0], rows[1:]
        self.assertEqual(header, HEADER + (TEXT_HEADER if text else []))
        self.assertEqual([row[0] for row in body], [str(n) if as_text else n for n in range(1, 8)])
        wanted = [expected_row(n, text=text) for n in range(1, 8)]
        for row in wanted:
            row[0] = self.year
        if as_text:
            wanted = [["" if v is None else str(v) for v in row] for row in wanted]
        got = [row[1:] for row in body]
        self.assertCountEqual(got, wanted)

    def test_it_exports_xlsx_that_reads_back_as_the_answers(self):
        rows = read_xlsx(self.export(self.anonymous, "xlsx"))
        self.check_rows(rows)

    def test_it_exports_ods_that_reads_back_as_the_answers(self):
        rows = read_ods(self.export(self.anonymous, "ods"))
        self.check_rows(rows)

    def test_it_exports_csv_in_utf8_with_a_bom(self):
        rows = read_csv(self.export(self.identified, "csv"))
        self.check_rows(rows, as_text=True)

    def test_free_text_is_left_out_unless_asked_for_and_then_masked(self):
        rows = read_xlsx(self.export(self.anonymous, "xlsx", include_text=True))
        self.check_rows(rows, text=True)
        flat = [str(v) for row in rows for v in row]
        self.assertNotIn("12345", " ".join(flat))

    def test_text_that_looks_like_a_formula_stays_text(self):
        import openpyxl

        data = self.export(self.anonymous, "xlsx", include_text=True)
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
        self.assertTrue(cells)
        self.assertTrue(all(c.data_type == "s" for c in cells))
        Job.objects.all().delete()
        rows = read_csv(self.export(self.anonymous, "csv", include_text=True))
        self.assertTrue(any(v.startswith("'=SUM(") for row in rows for v in row))

    def test_an_anonymous_export_names_nobody_and_tells_no_time_finer_than_the_year(self):
        rows = read_xlsx(self.export(self.anonymous, "xlsx", include_text=True))
        values = [v for row in rows[1:] for v in row]
        people = [p.name for p in self.people] + [p.number for p in self.people]
        people += [p.user.username for p in self.people]
        for value in values:
            self.assertNotIsInstance(value, datetime | date)
            self.assertNotIn(str(value), people)
            self.assertIsNone(re.search(r"\d{2,4}[-/.]\d{1,2}([-/.]\d{1,2})?", str(value)))
        today = self.anonymous.opens_on
        self.assertNotIn(today.isoformat(), str(rows))
        numbers_in_year_column = {row[1] for row in rows[1:]}
        self.assertEqual(numbers_in_year_column, {self.year})

    def test_rows_do_not_follow_the_order_of_submission(self):
        orders = set()
        for _ in range(3):
            data, _rows = exports.raw_export(self.identified, "csv")
            counts = [row[6] for row in read_csv(data)[1:]]
            orders.add(tuple(counts))
        # Three shuffles of seven rows all in submission order: 1 in 5040³.
        self.assertNotEqual(orders, {tuple(str(n) for n in range(1, 8))})
        self.assertGreater(len(orders), 1)

    def test_the_task_reports_its_progress(self):
        seen = []
        exports.raw_export(
            self.anonymous, "ods", batch_size=3, on_start=seen.append, progress=seen.append
        )
        self.assertEqual(seen, [7, 3, 6, 7])
        self.export(self.anonymous, "ods")
        job = Job.objects.get(kind=JOB_KIND)
        self.assertEqual((job.total, job.done, job.percent), (7, 7, 100))
        self.assertEqual(job.result["rows"], 7)

    def test_the_queries_grow_with_batches_not_rows(self):
        def queries(batch_size: int) -> int:
            with CaptureQueriesContext(connection) as captured:
                exports.raw_export(self.anonymous, "xlsx", batch_size=batch_size)
            return len(captured)

        one_batch, seven_batches = queries(10), queries(1)
        self.assertEqual(seven_batches - one_batch, 6)
        # the count and the plan's k, the keys, one query per batch
        self.assertLessEqual(one_batch, 4)
        self.assertEqual(math.ceil(7 / 1) + 3, seven_batches)

    def test_it_refuses_a_survey_with_fewer_than_k_answers(self):
        ProgramPlan.objects.create(
            slug="k10", name="計畫", authority=self.authority, k_threshold=10
        )
        with self.assertRaises(Refused) as refused:
            exports.raw_export(self.anonymous, "csv")
        self.assertEqual(refused.exception.code, "too_few")
        page = self.client.get(reverse("surveys:export_new", args=[self.anonymous.uuid]))
        self.assertContains(page, 'id="too-few"')
        response = self.start(self.anonymous, "csv")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "至少需要 10 份")
        self.assertFalse(Job.objects.filter(kind=JOB_KIND).exists())

    def test_only_the_person_who_started_it_downloads_the_file(self):
        self.export(self.anonymous, "csv")
        job = Job.objects.get(kind=JOB_KIND)
        url = reverse("surveys:export_download", args=[job.uuid])
        colleague = make_user("hr2")
        give_role(colleague, "hr", self.agency)
        for person in (colleague, self.eap_admin):
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_the_export_page_lists_my_exports_of_the_survey(self):
        self.export(self.anonymous, "xlsx")
        page = self.client.get(reverse("surveys:export_new", args=[self.anonymous.uuid]))
        self.assertContains(page, "XLSX")
        self.assertEqual(len(page.context["recent"]), 1)
        self.assertEqual(SurveyExport.objects.get().rows, 7)
        self.login(self.eap_admin)
        page = self.client.get(reverse("surveys:export_new", args=[self.anonymous.uuid]))
        self.assertEqual(page.context["recent"], [])

    def test_a_wrong_format_is_answered_on_the_form(self):
        response = self.start(self.anonymous, "pdf")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["format"])
        self.assertFalse(Job.objects.exists())

    def test_the_export_is_pruned_with_its_job(self):
        self.export(self.anonymous, "csv")
        Job.objects.all().delete()
        self.assertFalse(SurveyExport.objects.exists())

    def test_a_results_table_can_follow_in_every_format(self):
        """The writer takes several named tables: the results sheet will use it."""
        for fmt in exports.FORMATS:
            writer = exports.writer_for(fmt)
            writer.write_table("作答資料", ["甲", "乙"], [[1, "是"]])
            writer.write_table("統計結果", ["選項", "人數"], [["是", 7], ["否", None]])
            data = writer.finish()
            if fmt == "csv":
                self.assertEqual(
                    read_csv(data)[2:],
                    [[], ["統計結果"], ["選項", "人數"], ["是", "7"], ["否", ""]],
                )
            elif fmt == "xlsx":
                import openpyxl

                book = openpyxl.load_workbook(io.BytesIO(data))
                self.assertEqual(book.sheetnames, ["作答資料", "統計結果"])
                self.assertEqual(book["統計結果"]["B2"].value, 7)
            else:
                self.assertEqual(read_ods(data)[0], ["甲", "乙"])
