"""The roster template with example rows (docs/roster-template.*, the download on the
import page), written as every import's template is (anxin/core/imports.py)."""

from __future__ import annotations

from datetime import datetime

from anxin.core.imports import template_bytes
from anxin.core.sheets import CONTENT_TYPES
from anxin.people.roster.columns import COLUMNS

# The time inside the XLSX and ODS archives: docs/roster-template.* change only with
# their content.
CREATED = datetime(2025, 1, 22)
# Two schools of the demo's 教育局 (anxin/people/demo.py): the demo's HR officer, whose
# scope is 教育局, can import the template as it is.
TEMPLATE_ROWS = (
    ("A0001", "陳怡君", "379932000P", "人事室", "公務人員", "女", "074/03/15", "103/08/01",
     "chen.yijun@example.edu.tw"),
    ("A0002", "林志明", "379932000P", "會計室", "約聘僱人員", "男", "1980-11-02", "2016-02-15",
     ""),
    ("A0003", "黃淑芬", "379932000P", "", "工友", "F", "0610920", "0880701", ""),
    ("A0004", "張家豪", "379932000P", "總務處", "駕駛", "M", "民國70年5月6日", "民國95年3月1日",
     "chang.chiahao@example.edu.tw"),
    ("A0005", "李宜蓁", "379931000N", "教務處", "教師", "女", "1990/07/21", "114/08/01",
     "lee.yichen@example.edu.tw"),
    ("A0006", "王俊傑", "379931000N", "總務處", "替代役", "男", "2002-04-30", "2025-01-22", ""),
)  # fmt: skip


def template_table() -> list[list[str]]:
    return [[column.header for column in COLUMNS], *[list(row) for row in TEMPLATE_ROWS]]


def template_file(fmt: str) -> bytes:
    # XLSX with text cells, so that 0610920 and 114/08/01 keep their form.
    widths = (10, 10, 13, 10, 12, 6, 16, 16, 30)
    return template_bytes(fmt, "員工名冊", template_table(), created=CREATED, widths=widths)


def template_csv() -> bytes:
    return template_file("csv")


def template_xlsx() -> bytes:
    return template_file("xlsx")


def template_ods() -> bytes:
    return template_file("ods")


TEMPLATE_WRITERS = {"csv": template_csv, "xlsx": template_xlsx, "ods": template_ods}
TEMPLATE_TYPES = CONTENT_TYPES
