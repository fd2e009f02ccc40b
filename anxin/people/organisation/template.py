"""The organisation template with example rows (the download on the import page). Its
agencies and units are those of the roster template, so that the two templates import one
after the other."""

from __future__ import annotations

from datetime import datetime

from anxin.core.imports import template_bytes
from anxin.people.organisation.columns import COLUMNS

CREATED = datetime(2026, 12, 1)
TEMPLATE_ROWS = (
    ("機關", "379902000C", "範例市政府教育局", ""),
    ("學校", "379931000N", "範例市立中山國民小學", "379902000C"),
    ("學校", "379932000P", "範例市立中正國民小學", "379902000C"),
    ("單位", "", "人事室", "379932000P"),
    ("單位", "", "會計室", "379932000P"),
    ("單位", "", "總務處", "379932000P"),
    ("單位", "", "教務處", "379931000N"),
    ("單位", "", "總務處", "379931000N"),
)
SHEET = "組織"


def template_table() -> list[list[str]]:
    return [[column.header for column in COLUMNS], *[list(row) for row in TEMPLATE_ROWS]]


def template_bytes_of(fmt: str) -> bytes:
    return template_bytes(fmt, SHEET, template_table(), created=CREATED, widths=(8, 14, 24, 14))


def template_csv() -> bytes:
    return template_bytes_of("csv")


def template_xlsx() -> bytes:
    return template_bytes_of("xlsx")


def template_ods() -> bytes:
    return template_bytes_of("ods")


TEMPLATE_WRITERS = {"csv": template_csv, "xlsx": template_xlsx, "ods": template_ods}
