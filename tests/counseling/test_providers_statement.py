"""The monthly statement by case code: figures on the page and in ODS, XLSX and PDF, no
names anywhere, and a fixed number of queries."""

import io
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.counseling.providers.services import statement_for
from tests.counseling.providers_base import MONTH, YEAR, ProvidersTestCase, at


def _expected(case_a: str, case_b: str) -> list[tuple]:
    # (code, sessions, hours, rate, amount): 50 min at 1,600; 50 + 60 min at 2,000;
    # 30 + 45 min at 1,200.
    return [
        (case_a, 1, Decimal("0.83"), 1600, Decimal(1333)),
        (case_a, 2, Decimal("1.83"), 2000, Decimal(3667)),
        (case_b, 2, Decimal("1.25"), 1200, Decimal(1500)),
    ]


def _ods_rows(data: bytes) -> list[list[str]]:
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    document = load(io.BytesIO(data))
    rows = []
    for table in document.spreadsheet.getElementsByType(Table):
        for row in table.getElementsByType(TableRow):
            rows.append([teletype.extractText(cell) for cell in row.getElementsByType(TableCell)])
    return rows


class StatementTestCase(ProvidersTestCase):
    def url(self, fmt: str = "", provider=None) -> str:
        provider = provider or self.provider
        base = f"/counselling/providers/{provider.pk}/statement/"
        return f"{base}{YEAR}-{MONTH}.{fmt}" if fmt else f"{base}?month={YEAR}-{MONTH:02d}"

    def expected(self):
        return _expected(self.case_a.code, self.case_b.code)

    def test_it_computes_rows_by_case_and_rate(self):
        """Each session is paid at its mode's rate on its day; rows group a case's sessions
        at one rate; amounts are rounded to whole NT$ per row; other months and the
        counselling room's own cases are left out."""
        statement = statement_for(provider=self.provider, year=YEAR, month=MONTH)
        got = [(r.code, r.count, r.hours, r.rate, r.amount) for r in statement.rows]
        self.assertEqual(got, self.expected())
        self.assertEqual(statement.count, 5)
        self.assertEqual(statement.hours, Decimal("3.91"))  # the sum of the rows shown
        self.assertEqual(statement.amount, Decimal(6500))
        self.assertEqual(statement.unrated, 0)
        self.assertNotIn(self.room_case.code, [r.code for r in statement.rows])

    def test_it_still_pays_for_sessions_of_a_counsellor_who_has_left(self):
        """A statement pays for what the provider's counsellors did while they worked for
        it: removing a counsellor later does not take his sessions off, and his sessions
        after leaving are not the provider's."""
        from anxin.counseling.providers.services import provider_counselor_remove

        before = statement_for(provider=self.provider, year=YEAR, month=MONTH)
        provider_counselor_remove(provider=self.provider, user_id=self.pcounselor.pk)
        self.add_session(self.case_a, at(30), 50, "face_to_face")
        after = statement_for(provider=self.provider, year=YEAR, month=MONTH)
        self.assertEqual((after.count, after.amount), (before.count, before.amount))

    def test_it_lists_a_session_without_a_rate_unpaid(self):
        """A session whose mode has no rate in force is listed with no amount."""
        self.add_session(self.case_a, at(21), 40, "video")
        statement = statement_for(provider=self.provider, year=YEAR, month=MONTH)
        self.assertEqual(statement.unrated, 1)
        self.assertEqual(statement.amount, Decimal(6500))
        self.login(self.provider_admin)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["statement"].unrated, 1)

    def test_it_shows_the_statement_to_the_provider_admin(self):
        """The page shows codes and figures, and no name or clinical text."""
        self.login(self.provider_admin)
        response = self.client.get(self.url())
        self.assertContains(response, self.case_a.code)
        self.assertContains(response, "6500")
        for name in self.names():
            self.assertNotContains(response, name)

    def test_it_shows_the_statement_to_the_eap_admin(self):
        self.login(self.eap_admin)
        self.assertContains(self.client.get(self.url()), self.case_b.code)

    def test_it_refuses_another_providers_admin(self):
        """Another provider's administrator gets 404, page and exports."""
        self.login(self.other_admin)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(self.url("ods")).status_code, 404)

    def test_it_refuses_the_wrong_method(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.post(self.url("xlsx")).status_code, 405)

    def test_it_refuses_other_roles(self):
        for user in (self.hr, self.pcounselor, self.intake, self.alice):
            self.login(user)
            self.assertEqual(self.client.get(self.url("pdf")).status_code, 403, user)

    def test_it_exports_ods_with_the_figures(self):
        """The ODS holds the same rows and totals, and no name."""
        self.login(self.provider_admin)
        response = self.client.get(self.url("ods"))
        self.assertEqual(response["Content-Type"], "application/vnd.oasis.opendocument.spreadsheet")
        rows = _ods_rows(response.content)
        body = [row for row in rows if row and row[0] in (self.case_a.code, self.case_b.code)]
        self.assertEqual(
            [(r[0], int(r[2]), Decimal(r[4]), int(r[5]), Decimal(r[6])) for r in body],
            self.expected(),
        )
        self.assertEqual(rows[-1][2:5] + rows[-1][6:7], ["5", "235", "3.91", "6500"])
        text = "\n".join("\t".join(row) for row in rows)
        for name in self.names():
            self.assertNotIn(name, text)

    def test_it_exports_xlsx_with_the_figures(self):
        """The XLSX holds numbers a spreadsheet can sum, and no name."""
        from openpyxl import load_workbook

        self.login(self.eap_admin)
        response = self.client.get(self.url("xlsx"))
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        body = [row for row in rows if row[0] in (self.case_a.code, self.case_b.code)]
        self.assertEqual(
            [(r[0], r[2], Decimal(str(r[4])), r[5], Decimal(str(r[6]))) for r in body],
            self.expected(),
        )
        self.assertEqual(rows[-1][2], 5)
        self.assertEqual(rows[-1][6], 6500)
        text = repr(rows)
        for name in self.names():
            self.assertNotIn(name, text)

    def test_it_exports_a_pdf_with_codes_and_no_names(self):
        """The PDF is a PDF; read with pypdf, it holds a case code and no name."""
        self.login(self.provider_admin)
        response = self.client.get(self.url("pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn(b"attachment", response["Content-Disposition"].encode())
        from pypdf import PdfReader

        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn(self.case_a.code, text)
        self.assertIn("6500", text)
        for name in self.names():
            self.assertNotIn(name, text)

    def test_it_refuses_an_unknown_format(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(self.url("doc")).status_code, 404)

    def test_it_runs_a_fixed_number_of_queries(self):
        """Twenty more sessions add no query to the statement nor to its export."""
        self.login(self.provider_admin)

        def count(path):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(path).status_code, 200)
            return len(queries)

        before = (count(self.url()), count(self.url("xlsx")))
        for i in range(20):
            self.add_session(self.case_b, at(1) + timedelta(hours=i), 50, "phone")
        self.assertEqual((count(self.url()), count(self.url("xlsx"))), before)
