"""The roster import service: reading each format, checking every row, applying all or
nothing, and re-importing without duplicates."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.people.models import Employee, OrgUnit
from anxin.people.roster import (
    RosterFileError,
    roster_apply,
    roster_import,
    roster_parse,
    roster_validate,
    template_csv,
    template_ods,
    template_xlsx,
)
from anxin.people.services import orgunit_create
from tests.base import BaseTestCase, make_employee
from tests.people.roster_files import GOOD_ROWS, HEADER, csv_bytes, ods_bytes, xlsx_bytes


def row(number="E0009", name="測試員", code="379100000G", unit="第一科", category="公務人員",
        gender="女", birth="074/04/01", hire="104/08/01", email=""):  # fmt: skip
    return [number, name, code, unit, category, gender, birth, hire, email]


class RosterTestCase(BaseTestCase):
    def import_csv(self, rows, *, scope=None, **kwargs):
        return roster_import(
            data=csv_bytes(rows, **kwargs), filename="roster.csv", scope=scope or self.authority
        )

    def snapshot(self):
        return list(
            Employee.objects.order_by("number").values_list(
                "number", "name", "unit_id", "is_active", "staff_category", "hire_date"
            )
        )


class FaultsTestCase(RosterTestCase):
    def assert_nothing_applied(self, rows, *, code, lines, scope=None):
        before = self.snapshot()
        units_before = OrgUnit.objects.count()
        outcome = self.import_csv(rows, scope=scope)
        self.assertFalse(outcome.applied)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(OrgUnit.objects.count(), units_before)
        faulty = sorted({error.line for error in outcome.errors if error.code == code})
        self.assertEqual(faulty, lines, [(e.line, e.code) for e in outcome.errors])
        return outcome

    def test_it_names_the_rows_with_a_missing_field(self):
        """A missing name on row 3 and a missing hire date on row 4: nothing applied."""
        outcome = self.assert_nothing_applied(
            [*GOOD_ROWS[:1], row(number="E0010", name=""), row(number="E0011", hire="")],
            code="required",
            lines=[3, 4],
        )
        columns = {(e.line, e.column) for e in outcome.errors}
        self.assertEqual(columns, {(3, "name"), (4, "hire_date")})

    def test_it_names_the_rows_with_an_unknown_agency_code(self):
        outcome = self.assert_nothing_applied(
            [*GOOD_ROWS, row(code="999999999Z")], code="unknown_agency", lines=[5]
        )
        self.assertIn("999999999Z", outcome.errors[0].message)

    def test_it_names_both_rows_of_a_duplicate_employee_number(self):
        outcome = self.assert_nothing_applied(
            [*GOOD_ROWS, row(number="E0003")], code="duplicate_number", lines=[5]
        )
        self.assertEqual(outcome.errors[0].params, {"value": "E0003", "other": 3})

    def test_it_refuses_an_impossible_date(self):
        """114/02/30 has the right form but does not exist."""
        outcome = self.assert_nothing_applied(
            [*GOOD_ROWS, row(hire="114/02/30")], code="impossible_date", lines=[5]
        )
        self.assertEqual(outcome.errors[0].column, "hire_date")

    def test_it_refuses_a_date_it_cannot_read(self):
        self.assert_nothing_applied([row(birth="last spring")], code="bad_date", lines=[2])

    def test_it_refuses_a_birth_date_in_the_future_and_a_hire_before_birth(self):
        self.assert_nothing_applied(
            [row(birth="2999-01-01"), row(number="E0010", birth="1990-01-01", hire="1985-01-01")],
            code="date_out_of_range",
            lines=[2],
        )
        outcome = self.import_csv([row(birth="1990-01-01", hire="1985-01-01")])
        self.assertEqual([e.code for e in outcome.errors], ["hire_before_birth"])

    def test_it_refuses_an_unknown_staff_category(self):
        outcome = self.assert_nothing_applied(
            [*GOOD_ROWS, row(category="董事長")], code="bad_category", lines=[5]
        )
        self.assertIn("工友", outcome.errors[0].message)

    def test_it_refuses_an_unknown_gender_and_a_bad_email(self):
        self.assert_nothing_applied([row(gender="?")], code="bad_gender", lines=[2])
        self.assert_nothing_applied([row(email="not-an-address")], code="bad_email", lines=[2])

    def test_it_reports_every_faulty_row_not_only_the_first(self):
        outcome = self.import_csv(
            [row(number="E0010", name=""), row(number="E0011", category="x"), GOOD_ROWS[1]]
        )
        self.assertEqual([e.line for e in outcome.errors], [2, 3])


class FileTestCase(RosterTestCase):
    def test_it_refuses_a_header_without_required_columns(self):
        header = [h for h in HEADER if h not in ("姓名", "到職日期")]
        with self.assertRaises(RosterFileError) as caught:
            roster_parse(csv_bytes([], header=header), "roster.csv")
        self.assertEqual(caught.exception.code, "missing_columns")
        self.assertEqual(caught.exception.params["columns"], ["name", "hire_date"])

    def test_it_refuses_a_wrong_extension_and_an_empty_file(self):
        for data, name, code in (
            (b"x", "roster.pdf", "extension"),
            (b"", "roster.csv", "empty"),
            (csv_bytes([]), "roster.csv", "no_rows"),
            (b"PK\x03\x04 broken", "roster.xlsx", "unreadable"),
            (b"not a zip", "roster.ods", "unreadable"),
        ):
            with self.subTest(name=name, code=code), self.assertRaises(RosterFileError) as caught:
                roster_parse(data, name)
            self.assertEqual(caught.exception.code, code)

    def test_it_accepts_english_headers_and_ignores_extra_columns(self):
        header = ["Number", "Name", "Agency code", "Unit", "Staff category", "Gender",
                  "Birth date", "Hire date", "E-mail", "備註"]  # fmt: skip
        rows = roster_parse(csv_bytes([[*GOOD_ROWS[1], "x"]], header=header), "r.csv")
        self.assertEqual(rows[0].values["name"], "林志明")
        self.assertNotIn("備註", rows[0].values)

    def test_it_skips_blank_rows_but_keeps_the_row_numbers_of_the_sheet(self):
        data = csv_bytes([GOOD_ROWS[0], ["", "", ""], GOOD_ROWS[1]])
        self.assertEqual([r.line for r in roster_parse(data, "r.csv")], [2, 4])

    def test_it_reads_the_templates_it_offers(self):
        for data, name in ((template_csv(), "t.csv"), (template_xlsx(), "t.xlsx"),
                           (template_ods(), "t.ods")):  # fmt: skip
            with self.subTest(name=name):
                rows = roster_parse(data, name)
                self.assertEqual(len(rows), 6)
                self.assertEqual(rows[0].values["name"], "陳怡君")


class FormatsTestCase(RosterTestCase):
    def assert_applied(self, data: bytes, filename: str):
        outcome = roster_import(data=data, filename=filename, scope=self.authority)
        self.assertTrue(outcome.applied, [(e.line, e.code, e.params) for e in outcome.errors])
        self.assertEqual(outcome.counts.created, 2)
        newcomer = Employee.objects.get(authority=self.authority, number="E0003")
        self.assertEqual(newcomer.name, "林志明")
        self.assertEqual(newcomer.unit.name, "第二科")
        self.assertEqual(newcomer.unit.parent, self.agency)
        self.assertEqual(newcomer.staff_category, Employee.StaffCategory.CONTRACT)
        self.assertEqual(newcomer.gender, Employee.Gender.MALE)
        self.assertEqual(newcomer.birth_date, date(1980, 11, 2))
        janitor = Employee.objects.get(number="E0004")
        self.assertEqual(janitor.unit, self.other_agency)
        self.assertEqual(janitor.birth_date, date(1972, 9, 20))
        self.assertEqual(janitor.hire_date, date(1999, 7, 1))
        return outcome

    def test_it_applies_a_utf8_csv_with_a_bom(self):
        self.assert_applied(csv_bytes(GOOD_ROWS, encoding="utf-8-sig"), "roster.csv")

    def test_it_applies_a_big5_csv(self):
        """Big5 (cp950) as Taiwanese offices export it is detected and decoded."""
        data = csv_bytes(GOOD_ROWS, encoding="cp950")
        with self.assertRaises(UnicodeDecodeError):
            data.decode("utf-8")
        self.assert_applied(data, "名冊.CSV")

    def test_it_applies_an_xlsx_with_typed_cells(self):
        """Numbers and dates typed as such by the spreadsheet are read as the user sees
        them: 1140122 as a ROC date, a date cell as a date."""
        rows = [list(r) for r in GOOD_ROWS]
        rows[1][6] = date(1980, 11, 2)
        rows[2][7] = 880701
        self.assert_applied(xlsx_bytes(rows), "roster.xlsx")

    def test_it_applies_an_ods_with_repeated_cells_and_date_cells(self):
        rows = [list(r) for r in GOOD_ROWS]
        rows[1][6] = date(1980, 11, 2)
        rows[2][7] = 880701
        self.assert_applied(ods_bytes(rows), "roster.ods")

    def test_it_counts_ods_rows_through_repeated_blank_rows(self):
        """Three blank rows written as one repeated row still count as three."""
        rows = [GOOD_ROWS[0], row(category="董事長")]
        data = ods_bytes(rows, blank_rows_before={1: 3})
        outcome = roster_import(data=data, filename="r.ods", scope=self.authority)
        self.assertEqual([(e.line, e.code) for e in outcome.errors], [(6, "bad_category")])

    def test_it_reads_an_xlsx_employee_number_typed_as_a_number(self):
        rows = [row(number=1234)]
        parsed = roster_parse(xlsx_bytes(rows), "r.xlsx")
        clean, errors = roster_validate(parsed, authority=self.authority, scope=self.authority)
        self.assertEqual(errors, [])
        self.assertEqual(clean[0].number, "1234")


class ReimportTestCase(RosterTestCase):
    def test_it_updates_deactivates_and_never_duplicates(self):
        first = self.import_csv(GOOD_ROWS)
        self.assertEqual(first.counts.as_dict()["unchanged"], 1)  # Alice
        self.assertEqual(first.counts.created, 2)
        # The outsider of 教育局 is not in the file, which covers 教育局.
        self.assertEqual(first.counts.deactivated, 1)
        self.outsider_employee.refresh_from_db()
        self.outsider.refresh_from_db()
        self.assertFalse(self.outsider_employee.is_active)
        self.assertFalse(self.outsider.is_active)

        again = self.import_csv(GOOD_ROWS)
        self.assertEqual(again.counts.as_dict(), {
            "created": 0, "updated": 0, "reactivated": 0, "deactivated": 0, "unchanged": 3,
            "units_created": 0,
        })  # fmt: skip

        changed = [list(r) for r in GOOD_ROWS]
        changed[1][1] = "林志明（更名）"
        changed[1][3] = "第一科"
        outsider = row(
            number="E0002", name="陳大文", code="379200000H", unit="", gender="男",
            birth="1985-04-01", hire="2015-08-01", email="E0002@example.gov.tw",
        )  # fmt: skip
        third = self.import_csv([*changed[:2], outsider])  # E0004 left, E0002 back
        self.assertEqual(third.counts.updated, 1)
        self.assertEqual(third.counts.reactivated, 1)
        self.assertEqual(third.counts.deactivated, 1)
        self.assertEqual(third.counts.unchanged, 1)
        self.assertEqual(Employee.objects.filter(number="E0003").count(), 1)
        moved = Employee.objects.get(number="E0003")
        self.assertEqual((moved.name, moved.unit), ("林志明（更名）", self.unit))
        self.outsider.refresh_from_db()
        self.assertTrue(self.outsider.is_active)
        self.assertFalse(Employee.objects.get(number="E0004").is_active)
        self.assertEqual(Employee.objects.count(), 4)

    def test_it_deactivates_only_in_the_agencies_the_file_covers(self):
        """A file for 社會局 only leaves the staff of 教育局 alone."""
        outcome = self.import_csv(GOOD_ROWS[1:2])
        self.assertEqual(outcome.counts.deactivated, 1)  # Alice, absent from 社會局's file
        self.outsider_employee.refresh_from_db()
        self.assertTrue(self.outsider_employee.is_active)
        self.alice_employee.refresh_from_db()
        self.assertFalse(self.alice_employee.is_active)

    def test_a_school_under_an_agency_counts_as_its_own_agency(self):
        """A file for 教育局 leaves the staff of a school below 教育局 alone."""
        school = orgunit_create(
            name="範例市立中山國民小學", kind="school", parent=self.other_agency, code="379231000N"
        )
        teacher = make_employee(None, unit=school, number="T0001", name="李老師")
        outcome = self.import_csv(GOOD_ROWS[2:3])  # 教育局 only
        self.assertEqual(outcome.counts.deactivated, 1)  # the outsider, not the teacher
        teacher.refresh_from_db()
        self.assertTrue(teacher.is_active)

    def test_it_treats_the_agency_name_as_unit_as_the_agency_itself(self):
        self.import_csv([row(number="E0010", unit="範例市政府社會局")])
        self.assertEqual(Employee.objects.get(number="E0010").unit, self.agency)
        self.assertFalse(OrgUnit.objects.filter(name="範例市政府社會局", kind="unit").exists())


class ScopeTestCase(RosterTestCase):
    def test_hr_may_import_only_agencies_in_scope(self):
        """社會局's HR officer may not touch 教育局: the row is an error, nothing applied."""
        before = self.snapshot()
        outcome = self.import_csv(GOOD_ROWS, scope=self.agency)
        self.assertFalse(outcome.applied)
        self.assertEqual([(e.line, e.code) for e in outcome.errors], [(4, "agency_outside_scope")])
        self.assertEqual(self.snapshot(), before)

    def test_hr_imports_and_deactivates_within_scope_only(self):
        outcome = self.import_csv(GOOD_ROWS[1:2], scope=self.agency)
        self.assertTrue(outcome.applied)
        self.assertEqual(outcome.counts.deactivated, 1)
        self.assertTrue(Employee.objects.get(number="E0002").is_active)

    def test_hr_may_not_take_over_an_employee_number_of_another_agency(self):
        taken = row(number="E0002", name="陳大文")
        outcome = self.import_csv([taken], scope=self.agency)
        self.assertEqual([e.code for e in outcome.errors], ["number_outside_scope"])
        self.assertEqual(Employee.objects.get(number="E0002").unit, self.other_agency)

    def test_the_authority_admin_may_transfer_between_agencies(self):
        moved = row(number="E0002", name="陳大文", code="379100000G", unit="第一科")
        outcome = self.import_csv([GOOD_ROWS[0], moved])
        self.assertTrue(outcome.applied)
        self.assertEqual(Employee.objects.get(number="E0002").unit, self.unit)


class VolumeTestCase(RosterTestCase):
    def test_it_imports_2000_rows_with_a_fixed_number_of_queries(self):
        """Queries grow with batches of 500 rows, never with rows."""

        def rows(count, start):
            return [
                row(number=f"N{n:05d}", unit=f"第{n % 7}科") for n in range(start, start + count)
            ]

        def queries(count, start):
            data = csv_bytes(rows(count, start))
            parsed = roster_parse(data, "r.csv")
            with CaptureQueriesContext(connection) as context:
                clean, errors = roster_validate(
                    parsed, authority=self.authority, scope=self.authority
                )
                self.assertEqual(errors, [])
                roster_apply(clean_rows=clean, authority=self.authority, scope=self.authority)
            return len(context.captured_queries)

        small = queries(500, 0)
        large = queries(2000, 0)  # 500 unchanged, 1,500 new, in four batches
        self.assertLess(large, 40)
        self.assertLess(large - small, 20)
        self.assertEqual(Employee.objects.filter(number__startswith="N").count(), 2000)
        self.assertEqual(OrgUnit.objects.filter(parent=self.agency, kind="unit").count(), 8)
