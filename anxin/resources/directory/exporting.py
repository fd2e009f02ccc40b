"""The directory as a file: JSON (what `importing` reads back) and ODS, with the columns of
columns.py and the opening hours as lines of text."""

import json

from anxin.core.sheets import sheet_bytes
from anxin.resources.directory.columns import COLUMNS
from anxin.resources.directory.hours import hours_text


def entry_values(service) -> dict[str, object]:
    values: dict[str, object] = {}
    for column in COLUMNS:
        if column.key == "organisation":
            values[column.key] = service.organisation.name
        elif column.key == "hours":
            values[column.key] = hours_text(service.hours.all())
        elif column.key in ("latitude", "longitude"):
            value = getattr(service, column.key)
            values[column.key] = str(value) if value is not None else ""
        else:
            values[column.key] = getattr(service, column.key)
    return values


def as_json(services) -> bytes:
    entries = [entry_values(s) for s in services]
    return json.dumps({"entries": entries}, ensure_ascii=False, indent=1).encode()


def as_ods(services) -> bytes:
    rows = [[column.header for column in COLUMNS]]
    rows.extend([entry_values(s)[column.key] or None for column in COLUMNS] for s in services)
    return sheet_bytes("ods", "資源一覽表", rows)
