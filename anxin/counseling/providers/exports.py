"""The monthly statement as ODS, XLSX and PDF. Only case codes, dates and figures: a
statement is sent to the payments office (核銷) and must name nobody (003 §陸)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from anxin.core import sheets
from anxin.core.pdf import html_pdf
from anxin.core.roc import format_short
from anxin.counseling.providers.services import Statement

TYPES = {
    "ods": sheets.CONTENT_TYPES["ods"],
    "xlsx": sheets.CONTENT_TYPES["xlsx"],
    "pdf": "application/pdf",
}


def _header() -> list[str]:
    return [
        _("Case code"),
        _("Session dates"),
        pgettext("counselling", "Sessions"),
        _("Minutes"),
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
                row.minutes,
                row.hours,
                row.rate if row.rate is not None else _("no rate in force"),
                row.amount,
            ]
        )
    rows.append(
        [_("Total"), "", statement.count, statement.minutes, statement.hours, "", statement.amount]
    )
    return rows


def filename(statement: Statement, extension: str) -> str:
    return f"statement-{statement.provider.pk}-{statement.year}-{statement.month:02d}.{extension}"


def statement_file(statement: Statement, fmt: str) -> bytes:
    """The statement as ODS or XLSX (anxin/core/sheets.py: a provider's name stays text)."""
    return sheets.sheet_bytes(
        fmt,
        statement.roc_month.replace("/", "-"),
        table(statement),
        bold_rows=(1,),
        widths=(16, 40, 10, 10, 10, 16, 14),
    )


def statement_ods(statement: Statement) -> bytes:
    return statement_file(statement, "ods")


def statement_xlsx(statement: Statement) -> bytes:
    return statement_file(statement, "xlsx")


def statement_pdf(statement: Statement) -> bytes:
    """The statement as the payments office files it: the table, the preparation date
    (ROC), a signature block, page numbers."""
    html = render_to_string(
        "counseling/providers/statement_pdf.html",
        {"statement": statement, "today": timezone.localdate()},
    )
    return html_pdf(html)


WRITERS = {"ods": statement_ods, "xlsx": statement_xlsx, "pdf": statement_pdf}
