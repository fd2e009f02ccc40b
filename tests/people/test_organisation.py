"""The organisation import (issue 13, item 7; decision 0039): a new authority creates its
agencies, schools and units from one file, and the roster then imports into them."""

from django.test import TestCase

from anxin.people import roster
from anxin.people.models import Employee, OrgUnit
from anxin.people.organisation import template
from anxin.people.organisation.services import organisation_import
from anxin.plans.loader import load_preset
from anxin.plans.services import is_eligible
from tests.base import BaseTestCase, give_role, make_user
from tests.counseling.base import CounselingTestCase
from tests.people.roster_files import csv_bytes, ods_bytes, xlsx_bytes

HEADER = ["類型", "機關代碼", "名稱", "上級機關代碼"]


def org_csv(rows, header=HEADER) -> bytes:
    return csv_bytes(rows, header=header)


def run(authority, rows, *, dry_run=False, header=HEADER, filename="組織.csv", data=None):
    return organisation_import(
        data=data if data is not None else org_csv(rows, header),
        filename=filename,
        authority=authority,
        dry_run=dry_run,
    )


def codes(outcome) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.code) for e in outcome.errors]


class NewAuthorityTestCase(TestCase):
    """The finding: the shipped roster template into a fresh Taipei preset was refused on
    every row, because nothing but the Django admin could create the agencies."""

    @classmethod
    def setUpTestData(cls):
        cls.plan = load_preset("taipei-114")
        cls.authority = cls.plan.authority

    def roster_template(self):
        return roster.roster_import(
            data=roster.template_csv(), filename="roster-template.csv", scope=self.authority
        )

    def test_the_roster_template_is_refused_before_the_organisation_exists(self):
        outcome = self.roster_template()
        self.assertFalse(outcome.applied)
        refused = {e.line for e in outcome.errors if e.code == "unknown_agency"}
        self.assertEqual(len(refused), len(roster.TEMPLATE_ROWS))

    def test_after_the_organisation_template_the_roster_template_imports(self):
        outcome = run(self.authority, [], data=template.template_csv())
        self.assertTrue(outcome.applied, [e.message for e in outcome.errors])
        self.assertEqual(outcome.counts.created, len(template.TEMPLATE_ROWS))
        school = OrgUnit.objects.get(code="379931000N")
        self.assertEqual(school.kind, OrgUnit.Kind.SCHOOL)
        self.assertEqual(school.parent.code, "379902000C")
        self.assertEqual(school.path, f"{school.parent.path}{school.pk}/")
        self.assertTrue(self.authority.contains(school))
        roster_outcome = self.roster_template()
        self.assertTrue(roster_outcome.applied, [e.message for e in roster_outcome.errors])
        self.assertEqual(roster_outcome.counts.created, len(roster.TEMPLATE_ROWS))
        # The units of the organisation file were used, none made up by the roster.
        self.assertEqual(roster_outcome.counts.units_created, 0)

    def test_the_two_templates_agree(self):
        """Every agency code and unit of the roster template is in the organisation's."""
        agencies = {row[1] for row in template.TEMPLATE_ROWS if row[1]}
        units = {(row[3], row[2]) for row in template.TEMPLATE_ROWS if row[0] == "單位"}
        for row in roster.TEMPLATE_ROWS:
            self.assertIn(row[2], agencies)
            if row[3]:
                self.assertIn((row[2], row[3]), units)

    def test_every_format_of_the_template_imports(self):
        for fmt, writer in template.TEMPLATE_WRITERS.items():
            with self.subTest(fmt=fmt):
                outcome = run(self.authority, [], data=writer(), filename=f"t.{fmt}", dry_run=True)
                self.assertEqual(outcome.errors, [])
                self.assertEqual(outcome.counts.created, len(template.TEMPLATE_ROWS))


class ReadingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = load_preset("pingtung").authority

    def test_csv_xlsx_and_ods_read_alike(self):
        rows = [
            ["機關", "376400000A", "屏東縣政府人事處", ""],
            ["單位", "", "企劃科", "376400000A"],
        ]
        for name, data in [
            ("o.csv", org_csv(rows)),
            ("o.xlsx", xlsx_bytes(rows, header=HEADER)),
            ("o.ods", ods_bytes(rows, header=HEADER)),
        ]:
            with self.subTest(name=name):
                outcome = run(self.authority, [], data=data, filename=name, dry_run=True)
                self.assertEqual(outcome.errors, [])
                self.assertEqual(outcome.counts.created, 2)

    def test_english_headers_and_kinds(self):
        rows = [["agency", "376400000A", "Personnel", ""], ["unit", "", "Planning", "376400000A"]]
        outcome = run(self.authority, rows, header=["kind", "code", "name", "parent code"])
        self.assertTrue(outcome.applied, outcome.errors)

    def test_a_missing_column_is_named(self):
        outcome = run(self.authority, [["機關", "376400000A"]], header=["類型", "機關代碼"])
        self.assertEqual(codes(outcome), [(0, "", "missing_columns")])
        self.assertIn("名稱", outcome.errors[0].message)

    def test_a_teacher_of_a_new_school_is_served_in_pingtung(self):
        """With the Pingtung plan (no staff categories named: decision 0041)."""
        rows = [
            ["學校", "376499000Z", "屏東縣立某國民小學", ""],
            ["單位", "", "教務處", "376499000Z"],
        ]
        self.assertTrue(run(self.authority, rows).applied)
        teacher_row = ["T0001", "李宜蓁", "376499000Z", "教務處", "教師", "女", "1990/07/21",
                       "114/08/01", ""]  # fmt: skip
        outcome = roster.roster_import(
            data=csv_bytes([teacher_row]), filename="r.csv", scope=self.authority
        )
        self.assertTrue(outcome.applied, outcome.errors)
        teacher = Employee.objects.get(number="T0001")
        self.assertTrue(is_eligible(teacher, self.authority.plans.get()))


class CheckingTestCase(TestCase):
    """All or nothing, with row-by-row messages in zh-Hant."""

    @classmethod
    def setUpTestData(cls):
        cls.authority = load_preset("pingtung").authority
        cls.elsewhere = load_preset("chiayi-105").authority
        OrgUnit.objects.create(name="嘉義市政府人事處", kind="agency", code="376600000X",
                               parent=cls.elsewhere, path=f"{cls.elsewhere.path}999/")  # fmt: skip

    def test_every_row_is_checked_and_nothing_is_written(self):
        rows = [
            ["機關", "376400000A", "人事處", ""],  # 2: fine
            ["部門", "376400000B", "計畫處", ""],  # 3: bad kind
            ["機關", "", "主計處", ""],  # 4: no code
            ["機關", "376400000A", "人事處二", ""],  # 5: duplicate code
            ["單位", "", "企劃科", ""],  # 6: unit without parent
            ["單位", "376400000C", "綜合科", "376400000A"],  # 7: unit with a code
            ["單位", "", "人事科", "376499999Q"],  # 8: unknown parent
            ["機關", "376600000X", "借用代碼", ""],  # 9: code of another authority
            ["單位", "", "", "376400000A"],  # 10: no name
            ["單位", "", "企劃科", "376400000A"],  # 11
            ["單位", "", "企劃科", "376400000A"],  # 12: duplicate unit
        ]
        outcome = run(self.authority, rows)
        self.assertFalse(outcome.applied)
        self.assertEqual(
            codes(outcome),
            [
                (3, "kind", "bad_kind"),
                (4, "code", "required"),
                (5, "code", "duplicate_code"),
                (6, "parent_code", "unit_needs_parent"),
                (7, "code", "unit_with_code"),
                (8, "parent_code", "unknown_parent"),
                (9, "code", "code_elsewhere"),
                (10, "name", "required"),
                (12, "name", "duplicate_unit"),
            ],
        )
        self.assertFalse(OrgUnit.objects.filter(code="376400000A").exists())

    def test_messages_read_in_zh_hant(self):
        from django.utils import translation

        outcome = run(self.authority, [["部門", "376400000B", "計畫處", ""]])
        with translation.override("zh-hant"):
            message = outcome.errors[0].message
        self.assertIn("部門", message)
        self.assertIn("機關、學校或單位", message)

    def test_a_cycle_of_parents_is_refused(self):
        rows = [
            ["機關", "376400000A", "甲", "376400000B"],
            ["機關", "376400000B", "乙", "376400000A"],
        ]
        outcome = run(self.authority, rows)
        self.assertEqual({c for _l, _c, c in codes(outcome)}, {"parent_cycle"})

    def test_the_authoritys_own_code_as_parent_means_the_authority(self):
        self.authority.code = "376000000A"
        self.authority.save(update_fields=["code"])
        outcome = run(self.authority, [["機關", "376400000A", "人事處", "376000000A"]])
        self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(OrgUnit.objects.get(code="376400000A").parent_id, self.authority.pk)

    def test_a_preview_changes_nothing_and_lists_the_changes(self):
        outcome = run(self.authority, [["機關", "376400000A", "人事處", ""]], dry_run=True)
        self.assertFalse(outcome.applied)
        self.assertTrue(outcome.preview)
        self.assertEqual([(c.action, c.name) for c in outcome.changes], [("create", "人事處")])
        self.assertFalse(OrgUnit.objects.filter(code="376400000A").exists())


class ReimportTestCase(BaseTestCase):
    """Re-importing updates names and parents, re-opens, and closes what is missing;
    a unit with people, roles or open cases is not closed (the import is refused)."""

    FILE = [
        ["機關", "379100000G", "範例市政府社會局", ""],
        ["機關", "379200000H", "範例市政府教育局", ""],
        ["單位", "", "第一科", "379100000G"],
    ]

    def test_the_tree_as_it_is_changes_nothing(self):
        outcome = run(self.authority, self.FILE)
        self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(outcome.counts.as_dict(), {"created": 0, "updated": 0, "reopened": 0,
                                                    "closed": 0, "unchanged": 3})  # fmt: skip

    def test_names_and_parents_are_updated_and_paths_follow(self):
        rows = [
            ["機關", "379100000G", "範例市政府社會局（新名）", "379200000H"],
            ["機關", "379200000H", "範例市政府教育局", ""],
            ["單位", "", "第一科", "379100000G"],
        ]
        outcome = run(self.authority, rows)
        self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(outcome.counts.updated, 1)
        self.agency.refresh_from_db()
        self.unit.refresh_from_db()
        self.assertEqual(self.agency.name, "範例市政府社會局（新名）")
        self.assertEqual(self.agency.parent_id, self.other_agency.pk)
        self.assertEqual(self.agency.path, f"{self.other_agency.path}{self.agency.pk}/")
        self.assertEqual(self.unit.path, f"{self.agency.path}{self.unit.pk}/")
        # Alice is still found in the subtree of the agency's new parent.
        self.assertTrue(
            Employee.objects.filter(
                self.other_agency.subtree_q("unit__"), pk=self.alice_employee.pk
            )
        )

    def test_an_empty_unit_missing_from_the_file_is_closed_and_reopened_later(self):
        spare = OrgUnit.objects.create(name="第二科", kind="unit", parent=self.agency)
        spare.path = f"{self.agency.path}{spare.pk}/"
        spare.save()
        outcome = run(self.authority, self.FILE)
        self.assertTrue(outcome.applied, outcome.errors)
        self.assertEqual(outcome.counts.closed, 1)
        spare.refresh_from_db()
        self.assertFalse(spare.is_active)  # closed, not deleted
        outcome = run(self.authority, [*self.FILE, ["單位", "", "第二科", "379100000G"]])
        self.assertEqual(outcome.counts.reopened, 1)
        spare.refresh_from_db()
        self.assertTrue(spare.is_active)

    def test_a_unit_with_people_is_not_closed(self):
        outcome = run(self.authority, self.FILE[:2])
        self.assertFalse(outcome.applied)
        self.assertEqual(codes(outcome), [(0, "", "close_blocked")])
        self.assertIn("第一科", outcome.errors[0].message)
        self.assertIn("1 位在職員工", outcome.errors[0].message)
        self.unit.refresh_from_db()
        self.assertTrue(self.unit.is_active)

    def test_a_unit_with_a_staff_role_or_an_open_case_is_not_closed(self):
        spare = OrgUnit.objects.create(name="第二科", kind="unit", parent=self.agency)
        spare.path = f"{self.agency.path}{spare.pk}/"
        spare.save()
        give_role(make_user("hr2"), "hr", spare)
        outcome = run(self.authority, self.FILE)
        self.assertEqual(codes(outcome), [(0, "", "close_blocked")])
        self.assertIn("1 個工作人員角色", outcome.errors[0].message)


class OpenCaseTestCase(CounselingTestCase):
    def test_an_open_case_of_a_departed_employee_keeps_the_unit_open(self):
        spare = OrgUnit.objects.create(name="第二科", kind="unit", parent=self.agency)
        spare.path = f"{self.agency.path}{spare.pk}/"
        spare.save()
        self.make_case(self.make_request(employee=self.outsider_employee))
        Employee.objects.filter(pk=self.outsider_employee.pk).update(unit=spare, is_active=False)
        outcome = run(self.authority, ReimportTestCase.FILE)
        self.assertEqual(codes(outcome), [(0, "", "close_blocked")])
        self.assertIn("1 件進行中的諮商個案", outcome.errors[0].message)


class RosterAfterClosingTestCase(BaseTestCase):
    """The roster does not put people into what the organisation import closed."""

    def test_a_closed_agency_or_unit_is_refused_by_the_roster(self):
        spare = OrgUnit.objects.create(name="第二科", kind="unit", parent=self.agency)
        spare.path = f"{self.agency.path}{spare.pk}/"
        spare.save()
        closed = OrgUnit.objects.create(name="裁撤局", kind="agency", code="379300000J",
                                        parent=self.authority, is_active=False)  # fmt: skip
        closed.path = f"{self.authority.path}{closed.pk}/"
        closed.save()
        self.assertTrue(run(self.authority, ReimportTestCase.FILE).applied)
        rows = [
            ["E0009", "甲", "379100000G", "第二科", "工友", "女", "1980-01-01", "2010-01-01", ""],
            ["E0010", "乙", "379300000J", "", "工友", "女", "1980-01-01", "2010-01-01", ""],
        ]
        outcome = roster.roster_import(data=csv_bytes(rows), filename="r.csv", scope=self.authority)
        self.assertEqual(
            [(e.line, e.code) for e in outcome.errors], [(2, "unit_closed"), (3, "agency_closed")]
        )


class CommandTestCase(TestCase):
    def test_the_command_imports_the_template(self):
        import tempfile
        from io import StringIO

        from django.core.management import call_command

        authority = load_preset("pingtung").authority
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(template.template_xlsx())
            handle.flush()
            out = StringIO()
            call_command("import_organisation", handle.name, stdout=out)
        self.assertIn(f"{authority.name}: 8 added", out.getvalue())
        self.assertEqual(OrgUnit.objects.filter(authority.subtree_q()).count(), 9)
