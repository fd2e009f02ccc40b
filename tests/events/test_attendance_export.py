"""The learning-hours export: ODS, XLSX and CSV, re-read with odfpy, openpyxl and csv and
compared with the hours the attendance gives; a sensitive event's rows name a neutral
activity and only its facilitator may export them."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from anxin.core.roc import format_short
from anxin.people.services import declaration_save
from tests.base import make_employee, make_user
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register, tick

HEADER = ["員工編號", "姓名", "活動名稱", "開始日期", "結束日期", "學習時數"]


def read_ods(content: bytes) -> list[list[str]]:
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = load(io.BytesIO(content))
    rows = []
    for table_row in document.spreadsheet.getElementsByType(Table)[0].getElementsByType(TableRow):
        cells = []
        for cell in table_row.getElementsByType(TableCell):
            cells.append("".join(str(p) for p in cell.getElementsByType(P)))
        rows.append(cells)
    return rows


def read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


class ExportTests(AttendanceTestCase):
    def setUp(self):
        super().setUp()
        start = self.now - timedelta(days=21)
        self.series = event_with_sessions(
            self.eap_admin, self.authority, [start + timedelta(days=7 * i) for i in range(3)],
            kind="series", title="正念減壓課程", learning_hours=Decimal("6"),
            facilitator=self.facilitator,
        )  # fmt: skip
        first, second, third = self.series.sessions.all()
        alice = register(self.series, self.alice_employee, self.alice)
        tick(alice, first, "present", actor=self.facilitator)
        tick(alice, second, "late", 75, actor=self.facilitator)
        bob_employee = make_employee(
            make_user("bob"), unit=self.unit, number="E0000", name="李大同"
        )
        bob = register(self.series, bob_employee, bob_employee.user)
        tick(bob, third, "present", actor=self.facilitator)
        # Registered but never came: no row.
        carol = make_employee(make_user("carol"), unit=self.unit, number="E0009", name="張美華")
        register(self.series, carol, carol.user)
        day = lambda session: format_short(session.starts_at)  # noqa: E731
        self.expected = [
            ["E0000", "李大同", "正念減壓課程", day(third), day(third), Decimal("2.0")],
            # 120 + 75 minutes = 3.25 h, 3 in half hours.
            ["E0001", "王小美", "正念減壓課程", day(first), day(second), Decimal("3.0")],
        ]

    def export(self, fmt: str, event=None):
        url = reverse("events:hours_export", args=[(event or self.series).uuid, fmt])
        return self.client.get(url)

    def test_the_ods_export_holds_the_hours(self):
        self.login(self.eap_admin)
        response = self.export("ods")
        self.assertEqual(response["Content-Type"], "application/vnd.oasis.opendocument.spreadsheet")
        rows = read_ods(response.content)
        self.assertEqual(rows[0], HEADER)
        # The cell's shown text is what LibreOffice shows: 2, not 2.0.
        self.assertEqual(rows[1:], [[*r[:5], str(int(r[5]))] for r in self.expected])

    def test_the_xlsx_export_holds_the_hours(self):
        self.login(self.eap_admin)
        rows = read_xlsx(self.export("xlsx").content)
        self.assertEqual(rows[0], HEADER)
        self.assertEqual(rows[1:], [[*r[:5], float(r[5])] for r in self.expected])

    def test_the_csv_export_opens_in_excel(self):
        """UTF-8 with a byte-order mark, so that Excel reads the Chinese names."""
        self.login(self.facilitator)
        content = self.export("csv").content
        self.assertTrue(content.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        self.assertEqual(rows[0], HEADER)
        # Whole hours as the spreadsheets hold them: 3, not 3.0.
        self.assertEqual(rows[1:], [[*r[:5], str(int(r[5]))] for r in self.expected])

    def test_an_unknown_format_is_not_found_and_outsiders_are_refused(self):
        self.login(self.eap_admin)
        self.assertEqual(self.export("pdf").status_code, 404)
        for person in (self.hr, self.alice, self.outsider):
            self.login(person)
            self.assertEqual(self.export("csv").status_code, 404, person)
        self.login(self.eap_admin)
        url = reverse("events:hours_export", args=[self.series.uuid, "csv"])
        self.assertEqual(self.client.post(url).status_code, 405)

    def test_a_sensitive_event_exports_a_neutral_label_to_its_facilitator_only(self):
        declaration_save(
            employee=self.alice_employee, attributes=["carer"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        group = event_with_sessions(
            self.eap_admin, self.authority, [self.now - timedelta(days=1)],
            kind="support_group", title="照顧者支持團體", learning_hours=Decimal("2"),
            facilitator=self.facilitator, audience_declared=["carer"],
        )  # fmt: skip
        member = register(group, self.alice_employee, self.alice)
        tick(member, group.sessions.get(), "present", actor=self.facilitator)
        self.login(self.eap_admin)
        self.assertEqual(self.export("xlsx", group).status_code, 404)
        self.login(self.facilitator)
        rows = read_xlsx(self.export("xlsx", group).content)
        self.assertEqual(rows[1][:3], ["E0001", "王小美", "員工協助方案活動"])
        self.assertEqual(rows[1][5], 2.0)
        self.assertNotIn("照顧者", str(rows))
