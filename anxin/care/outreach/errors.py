"""An outreach file's problems as codes with parameters, worded by `message_for()` only when
shown (as the roster's are), so that a report reads in the language of its reader."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from anxin.care.outreach.columns import ALL_COLUMNS, EVENT_WORDS, MAX_DAYS, MAX_HOURS
from anxin.core.imports import RowError, name_columns
from anxin.people.roster import message_for as file_message_for

MESSAGES = {
    "no_rows": _("The file has a header row but no rows."),
    "required": _("%(column)s is empty."),
    "too_long": _("%(column)s is longer than %(limit)s characters."),
    "unknown_number": _(
        "Employee number %(value)s is not in the staff roster. Check the number, or import "
        "the roster first."
    ),
    "number_outside_scope": _(
        "Employee number %(value)s belongs to an employee outside the organisation you manage."
    ),
    "name_mismatch": _(
        "Employee number %(value)s is %(roster)s in the staff roster, not %(name)s."
    ),
    "bad_kind": _("Change “%(value)s” is not one of: %(choices)s."),
    "bad_date": _(
        "%(column)s “%(value)s” is not a date; write it as 114/01/22, 1140122, "
        "民國114年1月22日 or 2025-01-22."
    ),
    "impossible_date": _("%(column)s %(value)s does not exist in the calendar."),
    "date_out_of_range": _("%(column)s %(value)s is not a plausible date."),
    "bad_month": _(
        "%(column)s “%(value)s” is not a month; write it as 115/11, 11511, 115年11月 or 2026-11."
    ),
    "bad_amount": _("%(column)s “%(value)s” is not a number."),
    "amount_out_of_range": _("%(column)s %(value)s is not between 0 and %(limit)s."),
    "duplicate_row": _("The same employee and %(column)s also appear on row %(other)s."),
}


class OutreachError(RowError):
    """One problem of an outreach file (`RowError`)."""

    @staticmethod
    def columns() -> dict:
        return ALL_COLUMNS

    @staticmethod
    def words(code: str, params: dict) -> str:
        return message_for(code, params)


def message_for(code: str, params: dict | None = None) -> str:
    """The message of an error code in the active language."""
    if code not in MESSAGES:
        return file_message_for(code, params)
    values = name_columns(dict(params or {}), ALL_COLUMNS)
    if code == "bad_kind":
        values["choices"] = pgettext("list separator", ", ").join(
            words[0] for words in EVENT_WORDS.values()
        )
    if code == "amount_out_of_range" and "limit" not in values:
        values["limit"] = MAX_HOURS if params and params.get("column") == "hours" else MAX_DAYS
    return gettext(str(MESSAGES[code])) % values
