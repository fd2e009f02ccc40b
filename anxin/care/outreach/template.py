"""The outreach files' templates with example rows (the downloads on the import pages),
written as every import's template is (anxin/core/imports.py). The employee numbers are the
roster template's."""

from __future__ import annotations

from datetime import datetime

from anxin.care.outreach.columns import COLUMNS
from anxin.care.outreach.models import OutreachImport
from anxin.core.imports import template_bytes

CREATED = datetime(2026, 12, 1)
Kind = OutreachImport.Kind
TEMPLATE_ROWS = {
    Kind.LIFE_EVENTS: (
        ("A0001", "王小明", "結婚", "115/11/14"),
        ("A0002", "李美華", "退休", "116/01/16"),
        ("A0003", "陳志強", "留職停薪", "115/12/01"),
    ),
    Kind.OVERTIME: (
        ("A0001", "王小明", "115/10", "32"),
        ("A0001", "王小明", "115/11", "41.5"),
        ("A0002", "李美華", "115/11", "12"),
    ),
    Kind.FAMILY_CARE: (
        ("A0002", "李美華", "115/10", "2"),
        ("A0002", "李美華", "115/11", "3"),
    ),
}
SHEETS = {Kind.LIFE_EVENTS: "人事異動", Kind.OVERTIME: "加班時數", Kind.FAMILY_CARE: "家庭照顧假"}
FORMATS = ("csv", "xlsx", "ods")


def template_table(kind: str) -> list[list[str]]:
    return [[column.header for column in COLUMNS[kind]], *[list(r) for r in TEMPLATE_ROWS[kind]]]


def template_file(kind: str, fmt: str) -> bytes:
    return template_bytes(fmt, SHEETS[kind], template_table(kind), created=CREATED)
