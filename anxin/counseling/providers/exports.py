"""The monthly statement as ODS, XLSX and PDF. Only case codes, dates and figures: a
statement is sent to the payments office (核銷) and must name nobody (003 §陸)."""

import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from anxin.core.ods import ods_table
from anxin.core.roc import format_short
from anxin.counseling.providers.services import Statement

TYPES = {
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _header() -> list[str]:
    return [
        _("Case code"),
        _("Session dates"),
        pgettext("counselling", "Sessions"),
        _("Hours"),
        _("Rate per hour (NT$)"),
        _("Amount (NT$)"),
    ]


def table(statement: Statement) -> list[list]:
    """The statement as rows of values: title lines, header, one row per case and rate,
    totals. Numbers stay numbers (Decimal or int) so that a spreadsheet can sum them."""
    rows: list[list] = [
        [_("Monthly statement"), statement.provider.name, statement.roc_month],
        _header(),
    ]
    for row in statement.rows:
        rows.append(
            [
                row.code,
                " ".join(format_short(day) for day in row.dates),
                row.count,
                row.hours,
                row.rate if row.rate is not None else _("no rate in force"),
                row.amount,
            ]
        )
    rows.append([_("Total"), "", statement.count, statement.hours, "", statement.amount])
    return rows


def filename(statement: Statement, extension: str) -> str:
    return f"statement-{statement.provider.pk}-{statement.year}-{statement.month:02d}.{extension}"


def statement_ods(statement: Statement) -> bytes:
    return ods_table(statement.roc_month.replace("/", "-"), table(statement))


def statement_xlsx(statement: Statement) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = statement.roc_month.replace("/", "-")
    for values in table(statement):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in values])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (16, 40, 10, 10, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    workbook.properties.creator = "Anxin"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def statement_pdf(statement: Statement) -> bytes:
    from weasyprint import HTML

    html = render_to_string("counseling/providers/statement_pdf.html", {"statement": statement})
    return HTML(string=html).write_pdf()


WRITERS = {"ods": statement_ods, "xlsx": statement_xlsx, "pdf": statement_pdf}
