"""A roster's problems as codes with parameters, worded by `message_for()` only when shown,
so that a report reads in the language of whoever opens it."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from anxin.core.imports import RowError, name_columns
from anxin.people.roster.columns import CATEGORY_WORDS, COLUMNS_BY_KEY, MAX_BYTES

MESSAGES = {
    "extension": _("Upload a CSV, XLSX or ODS file; “%(name)s” is none of these."),
    "empty": _("The file is empty."),
    "too_big": _("The file is larger than %(limit)s MB."),
    "unreadable": _(
        "The file could not be read as %(kind)s. Save it again from your spreadsheet program "
        "and upload it once more."
    ),
    "encrypted": _(
        "The file is protected with a password, or saved in the old Excel format (.xls). Save "
        "it again as XLSX, ODS or CSV without a password and upload it once more."
    ),
    "encoding": _("The CSV file is neither UTF-8 nor Big5 text."),
    "no_header": _("The file has no header row."),
    "missing_columns": _("The header row lacks these columns: %(columns)s."),
    "duplicate_column": _("The column %(column)s appears twice in the header row."),
    "no_rows": _("The file has a header row but no employees."),
    "too_many_rows": _("The file has more than %(limit)s rows."),
    "required": _("%(column)s is empty."),
    "too_long": _("%(column)s is longer than %(limit)s characters."),
    "unknown_agency": _(
        "Agency code %(value)s is not an agency or school of %(authority)s. Add the agencies "
        "and schools with the organisation import first."
    ),
    "agency_closed": _(
        "Agency code %(value)s belongs to a closed agency or school; re-open it with the "
        "organisation import first."
    ),
    "unit_closed": _(
        "Unit %(value)s is closed; re-open it with the organisation import, or choose another unit."
    ),
    "agency_outside_scope": _("Agency code %(value)s is outside the organisation you manage."),
    "duplicate_number": _("Employee number %(value)s also appears on row %(other)s."),
    "number_outside_scope": _(
        "Employee number %(value)s belongs to an employee outside the organisation you manage."
    ),
    "bad_category": _("Staff category “%(value)s” is not one of: %(choices)s."),
    "bad_gender": _("Gender “%(value)s” is not 女, 男 or 其他 (F, M or X)."),
    "impossible_date": _("%(column)s %(value)s does not exist in the calendar."),
    "bad_date": _(
        "%(column)s “%(value)s” is not a date; write it as 114/01/22, 1140122, "
        "民國114年1月22日 or 2025-01-22."
    ),
    "date_out_of_range": _("%(column)s %(value)s is not a plausible date."),
    "hire_before_birth": _("The hire date is earlier than the birth date."),
    "bad_email": _("E-mail “%(value)s” is not a valid address."),
}


class RosterError(RowError):
    """One problem of a roster (anxin/core/imports.py `RowError`)."""

    @staticmethod
    def columns() -> dict:
        return COLUMNS_BY_KEY

    @staticmethod
    def words(code: str, params: dict) -> str:
        return message_for(code, params)


def message_for(code: str, params: dict | None = None) -> str:
    """The message of an error code in the active language."""
    values = name_columns(dict(params or {}), COLUMNS_BY_KEY)
    separator = pgettext("list separator", ", ")
    if code == "bad_category":
        values["choices"] = separator.join(words[0] for words in CATEGORY_WORDS.values())
    if code == "too_big":
        values["limit"] = MAX_BYTES // (1024 * 1024)
    template = MESSAGES.get(code)
    return gettext(str(template)) % values if template else code


class RosterFileError(Exception):
    """The file as a whole cannot be used (wrong kind, unreadable, header incomplete)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def as_error(self) -> RosterError:
        return RosterError(0, "", self.code, self.params)
