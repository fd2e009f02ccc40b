"""Roster files built in the tests, in each format an office may send."""

import csv
import io
from datetime import date

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

HEADER = [
    "員工編號",
    "姓名",
    "機關代碼",
    "單位",
    "人員類別",
    "性別",
    "出生日期",
    "到職日期",
    "電子郵件",
]
# Alice as she is on file (unchanged), a newcomer in a new unit of 社會局, a janitor of 教育局.
GOOD_ROWS = [
    ["E0001", "王小美", "379100000G", "第一科", "公務人員", "女", "074/04/01", "104/08/01",
     "E0001@example.gov.tw"],
    ["E0003", "林志明", "379100000G", "第二科", "約聘僱人員", "男", "1980-11-02", "2016-02-15", ""],
    ["E0004", "黃淑芬", "379200000H", "", "工友", "F", "0610920", "民國88年7月1日", ""],
]  # fmt: skip


def csv_bytes(rows, *, header=HEADER, encoding="utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [header, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ods_cell(value) -> TableCell:
    if isinstance(value, date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        cell.addElement(P(text=f"{value.year - 1911}/{value.month}/{value.day}"))
    elif isinstance(value, int):
        cell = TableCell(valuetype="float", value=str(value))
        cell.addElement(P(text=str(value)))
    elif value == "":
        cell = TableCell()
    else:
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=value))
    return cell


def ods_bytes(rows, *, header=HEADER, blank_rows_before: dict[int, int] | None = None) -> bytes:
    """An ODS sheet as spreadsheet programs write it: blank cells repeated to the edge of
    the sheet, blank rows as one repeated row, and `blank_rows_before[i]` blank rows
    (one element, repeated) before data row i."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="名冊")
    for index, row in enumerate([header, *rows]):
        blanks = (blank_rows_before or {}).get(index - 1, 0)
        if blanks:
            blank = TableRow(numberrowsrepeated=blanks)
            blank.addElement(TableCell(numbercolumnsrepeated=1024))
            table.addElement(blank)
        table_row = TableRow()
        for value in row:
            table_row.addElement(_ods_cell(value))
        table_row.addElement(TableCell(numbercolumnsrepeated=1015))
        table.addElement(table_row)
    tail = TableRow(numberrowsrepeated=1048000)
    tail.addElement(TableCell(numbercolumnsrepeated=1024))
    table.addElement(tail)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
