"""The three outreach imports: every row checked, all or nothing, row-by-row reports in
zh-Hant, employee numbers named and never guessed (issue 14, bad input)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone, translation

from anxin.care.outreach.importing import outreach_import, parse_month
from anxin.care.outreach.models import (
    FamilyCareMonth,
    LifeEvent,
    OutreachImport,
    OvertimeMonth,
)
from anxin.core.roc import DateFormatError
from tests.care.outreach_base import Kind, OutreachTestCase, month_text
from tests.people.roster_files import ods_bytes, xlsx_bytes


class ImportingTestCase(OutreachTestCase):
    def setUp(self):
        self.today = timezone.localdate()
        self.day = f"{self.today.year - 1911}/{self.today.month:02d}/{self.today.day:02d}"

    def messages(self, outcome) -> list[tuple[int, str]]:
        with translation.override("zh-hant"):
            return [(error.line, error.message) for error in outcome.errors]

    def test_it_imports_personnel_changes(self):
        outcome = self.run_import(
            Kind.LIFE_EVENTS,
            [["E0001", "王小美", "結婚", self.day], ["E0003", "", "留停", self.day]],
        )
        self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(outcome.counts["marriage"], 1)
        self.assertEqual(outcome.counts["unpaid_leave"], 1)
        self.assertEqual(
            set(LifeEvent.objects.values_list("employee__number", "kind")),
            {("E0001", "marriage"), ("E0003", "unpaid_leave")},
        )
        source = OutreachImport.objects.get()
        self.assertEqual(
            (source.kind, source.rows, source.imported_by), (Kind.LIFE_EVENTS, 2, self.hr)
        )

    def test_an_unknown_number_is_named_and_nothing_is_written(self):
        outcome = self.run_import(
            Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day], ["E9999", "", "喪假", self.day]]
        )
        self.assertFalse(outcome.applied)
        self.assertEqual(
            self.messages(outcome),
            [(3, "員工編號 E9999 不在員工名冊中。請檢查編號，或先匯入名冊。")],
        )
        self.assertFalse(LifeEvent.objects.exists())
        self.assertFalse(OutreachImport.objects.exists())

    def test_a_number_outside_the_importers_scope_is_named_not_matched(self):
        """The HR officer of 社會局 cannot reach 教育局's employee, even by number."""
        outcome = self.run_import(Kind.LIFE_EVENTS, [["E0002", "", "喪假", self.day]])
        self.assertEqual(self.messages(outcome), [(2, "員工編號 E0002 屬於您負責範圍以外的員工。")])
        self.assertFalse(LifeEvent.objects.exists())

    def test_a_name_that_is_not_the_rosters_is_an_error(self):
        outcome = self.run_import(Kind.LIFE_EVENTS, [["E0001", "王小華", "結婚", self.day]])
        self.assertEqual(
            self.messages(outcome), [(2, "員工編號 E0001 在員工名冊中是王小美，不是王小華。")]
        )

    def test_every_bad_row_is_reported_in_zh_hant(self):
        outcome = self.run_import(
            Kind.LIFE_EVENTS,
            [
                ["E0001", "", "升官", self.day],
                ["", "", "結婚", self.day],
                ["E0003", "", "結婚", "115/02/30"],
                ["E0003", "", "結婚", "明天"],
            ],
        )
        lines = self.messages(outcome)
        self.assertEqual([line for line, _ in lines], [2, 3, 4, 5])
        self.assertIn("異動類別「升官」不是下列之一", lines[0][1])
        self.assertEqual(lines[1][1], "員工編號未填寫。")
        self.assertIn("115/02/30 是不存在的日期", lines[2][1])
        self.assertIn("不是日期", lines[3][1])

    def test_a_row_given_twice_is_reported(self):
        outcome = self.run_import(
            Kind.OVERTIME,
            [
                ["E0001", "", month_text(self.today), "10"],
                ["E0001", "", month_text(self.today), "12"],
            ],
        )
        self.assertEqual(self.messages(outcome), [(3, "同一位員工與年月也出現在第 2 列。")])

    def test_overtime_hours_are_checked(self):
        outcome = self.run_import(
            Kind.OVERTIME,
            [
                ["E0001", "", month_text(self.today), "很多"],
                ["E0003", "", month_text(self.today), "400"],
                ["E0003", "", "13/99", "4"],
            ],
        )
        lines = self.messages(outcome)
        self.assertIn("加班時數「很多」不是數字", lines[0][1])
        self.assertIn("加班時數 400 不在 0 到 300 之間", lines[1][1])
        self.assertIn("年月「13/99」不是月份", lines[2][1])

    def test_a_month_is_read_in_the_forms_offices_write(self):
        for text in (
            "115/11",
            "11511",
            "115年11月",
            "民國115年11月",
            "2026-11",
            "2026/11",
            "115/11/30",
        ):
            self.assertEqual(parse_month(text), date(2026, 11, 1), text)
        self.assertEqual(parse_month(date(2026, 11, 30)), date(2026, 11, 1))
        for text in ("115/13", "abc", "11"):
            with self.assertRaises(DateFormatError):
                parse_month(text)

    def test_reimporting_a_month_replaces_its_figure(self):
        month = month_text(self.today, 1)
        self.run_import(Kind.OVERTIME, [["E0001", "", month, "10"]])
        outcome = self.run_import(Kind.OVERTIME, [["E0001", "", month, "12.5"]])
        self.assertEqual(outcome.counts["updated"], 1)
        self.assertEqual(OvertimeMonth.objects.get().hours, Decimal("12.5"))

    def test_reimporting_an_event_adds_nothing(self):
        self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]])
        outcome = self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "婚假", self.day]])
        self.assertEqual(outcome.counts["already_known"], 1)
        self.assertEqual(LifeEvent.objects.count(), 1)

    def test_family_care_days_are_imported(self):
        outcome = self.run_import(
            Kind.FAMILY_CARE, [["E0001", "王小美", month_text(self.today), "2"]]
        )
        self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(FamilyCareMonth.objects.get().days, Decimal("2.0"))

    def test_a_preview_changes_nothing(self):
        outcome = self.run_import(Kind.LIFE_EVENTS, [["E0001", "", "結婚", self.day]], dry_run=True)
        self.assertFalse(outcome.applied)
        self.assertEqual(outcome.counts["marriage"], 1)
        self.assertFalse(LifeEvent.objects.exists())

    def test_xlsx_and_ods_files_are_read(self):
        header = ["員工編號", "姓名", "異動類別", "異動日期"]
        for data, name in (
            (xlsx_bytes([["E0001", "", "結婚", self.today]], header=header), "a.xlsx"),
            (ods_bytes([["E0003", "", "生育", self.today]], header=header), "a.ods"),
        ):
            outcome = outreach_import(data=data, filename=name, kind=Kind.LIFE_EVENTS,
                                      scope=self.agency, importer=self.hr)  # fmt: skip
            self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(LifeEvent.objects.count(), 2)

    def test_a_file_without_the_columns_is_refused_whole(self):
        outcome = outreach_import(
            data="甲,乙\n1,2\n".encode(),
            filename="a.csv",
            kind=Kind.OVERTIME,
            scope=self.agency,
            importer=self.hr,
        )
        self.assertEqual(outcome.errors[0].code, "missing_columns")
