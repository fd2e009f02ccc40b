"""Staff roster import: read a roster (CSV, XLSX or ODS), check every row, then apply all
rows in one transaction or none (invariant 8).

    rows = roster_parse(data, "roster.xlsx")            # RosterFileError on a bad file
    clean, errors = roster_validate(rows, authority=..., scope=...)
    counts = roster_apply(clean_rows=clean, authority=..., scope=...)   # only if no errors

`roster_import()` chains the three for the background task and the command. Errors are
kept as codes with parameters (`RosterError`) and worded by `message_for()` when shown,
so that a report reads in the language of whoever opens it.

Re-importing an updated roster matches employees by (authority, employee number): changed
rows are updated, employees of the agencies the file covers that are absent from it are
deactivated (with their user accounts), and they are re-activated when they reappear.

The parts, in the order a file goes through them: `columns` (the columns, the words a
cell may hold, the limits of a file), `errors`, `parsing`, `validation`, `applying`,
`importing` (the three in a row); `template` writes the roster template; `forms` and
`views` are the import pages (anxin/people/urls.py). Other modules import the names below
from here, not from the parts.
"""

from anxin.people.roster.applying import RosterCounts, roster_apply
from anxin.people.roster.columns import (
    CATEGORY_WORDS,
    COLUMNS,
    COLUMNS_BY_KEY,
    EXTENSIONS,
    MAX_BYTES,
    MAX_ROWS,
    Column,
)
from anxin.people.roster.errors import (
    MESSAGES,
    RosterError,
    RosterFileError,
    RowError,
    message_for,
    name_columns,
)
from anxin.people.roster.importing import RosterOutcome, roster_import
from anxin.people.roster.parsing import RosterRow, roster_parse
from anxin.people.roster.template import (
    TEMPLATE_ROWS,
    TEMPLATE_TYPES,
    TEMPLATE_WRITERS,
    template_csv,
    template_ods,
    template_table,
    template_xlsx,
)
from anxin.people.roster.validation import CleanRow, roster_validate

__all__ = [
    "CATEGORY_WORDS",
    "COLUMNS",
    "COLUMNS_BY_KEY",
    "EXTENSIONS",
    "MAX_BYTES",
    "MAX_ROWS",
    "MESSAGES",
    "TEMPLATE_ROWS",
    "TEMPLATE_TYPES",
    "TEMPLATE_WRITERS",
    "CleanRow",
    "Column",
    "RosterCounts",
    "RosterError",
    "RosterFileError",
    "RosterOutcome",
    "RosterRow",
    "RowError",
    "message_for",
    "name_columns",
    "roster_apply",
    "roster_import",
    "roster_parse",
    "roster_validate",
    "template_csv",
    "template_ods",
    "template_table",
    "template_xlsx",
]
