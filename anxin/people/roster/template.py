"""The roster template with example rows (docs/roster-template.*, the download on the
import page), written by the one spreadsheet writer, anxin/core/sheets.py."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from anxin.core import sheets
from anxin.people.roster.columns import COLUMNS

TEMPLATE_ROWS = (
    ("A0001", "陳怡君", "379909000K", "人事室", "公務人員", "女", "074/03/15", "103/08/01",
     "chen.yijun@example.gov.tw"),
    ("A0002", "林志明", "379909000K", "第一科", "約聘僱人員", "男", "1980-11-02", "2016-02-15",
     ""),
    ("A0003", "黃淑芬", "379903000D", "", "工友", "F", "0610920", "0880701", ""),
    ("A0004", "張家豪", "379903000D", "總務科", "駕駛", "M", "民國70年5月6日", "民國95年3月1日",
     "chang.chiahao@example.gov.tw"),
    ("A0005", "李宜蓁", "379931000N", "教務處", "教師", "女", "1990/07/21", "114/08/01",
     "lee.yichen@example.edu.tw"),
    ("A0006", "王俊傑", "379931000N", "總務處", "替代役", "男", "2002-04-30", "2025-01-22", ""),
)  # fmt: skip


def template_table() -> list[list[str]]:
    return [[column.header for column in COLUMNS], *[list(row) for row in TEMPLATE_ROWS]]


def template_csv() -> bytes:
    """UTF-8 with a BOM, which spreadsheet programs need to show Chinese headers."""
    return sheets.sheet_bytes("csv", "員工名冊", template_table())


def template_xlsx() -> bytes:
    # Text cells, so that 0610920 and 114/08/01 keep their form.
    writer = sheets.XlsxSheets(created=datetime(2025, 1, 22), text_format=True)
    writer.table(
        "員工名冊",
        template_table(),
        widths=(10, 10, 13, 10, 12, 6, 16, 16, 30),
        freeze_header=True,
    )
    return _stable_zip(writer.finish())


def template_ods() -> bytes:
    return _stable_zip(sheets.sheet_bytes("ods", "員工名冊", template_table()))


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed member times, so that regenerating the template files
    changes nothing when their content has not changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 22, 0, 0, 0))
            stable.compress_type = info.compress_type  # ODS keeps "mimetype" stored, first
            stable.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-22T00:00:00Z", content
                )
            target.writestr(stable, content)
    return buffer.getvalue()


TEMPLATE_WRITERS = {"csv": template_csv, "xlsx": template_xlsx, "ods": template_ods}
TEMPLATE_TYPES = sheets.CONTENT_TYPES
