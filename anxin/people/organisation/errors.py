"""An organisation file's problems as codes with parameters, worded by `message_for()` only
when shown (as the roster's are), so that a report reads in the language of its reader."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from anxin.core.imports import RowError, name_columns
from anxin.people.organisation.columns import COLUMNS_BY_KEY
from anxin.people.roster import message_for as file_message_for

MESSAGES = {
    # The file as a whole (the roster's readers answer the others).
    "missing_columns": _("The header row lacks these columns: %(columns)s."),
    "duplicate_column": _("The column %(column)s appears twice in the header row."),
    "no_rows": _("The file has a header row but no agencies, schools or units."),
    # A row.
    "required": _("%(column)s is empty."),
    "too_long": _("%(column)s is longer than %(limit)s characters."),
    "bad_kind": _("Kind “%(value)s” is not 機關, 學校 or 單位."),
    "duplicate_code": _("Agency code %(value)s also appears on row %(other)s."),
    "code_elsewhere": _(
        "Agency code %(value)s belongs to %(name)s, which is not part of %(authority)s."
    ),
    "code_is_authority": _(
        "Agency code %(value)s is the code of %(authority)s itself; leave the authority "
        "out of the file."
    ),
    "unit_with_code": _(
        "A unit has no agency code of its own: leave %(column)s empty and give its agency "
        "or school as the parent."
    ),
    "unit_needs_parent": _("A unit needs the agency code of its agency or school as %(column)s."),
    "unknown_parent": _("Parent agency code %(value)s is not an agency or school of this file."),
    "parent_is_unit": _(
        "Parent agency code %(value)s is given to a unit; a parent must be an agency or school."
    ),
    "parent_cycle": _("The parents of agency %(value)s lead back to itself."),
    "duplicate_unit": _("Unit %(value)s of %(agency)s also appears on row %(other)s."),
    # The whole organisation: a unit missing from the file that cannot be closed.
    "close_blocked": _(
        "%(name)s is not in the file, but it cannot be closed: %(reasons)s. Keep it in the "
        "file, or first move its people with the roster import and its staff roles."
    ),
    "reason_employees": _("%(count)s active employees"),
    "reason_roles": _("%(count)s staff roles"),
    "reason_cases": _("%(count)s open counselling cases"),
}


class OrgError(RowError):
    """One problem of an organisation file (`RowError`)."""

    @staticmethod
    def columns() -> dict:
        return COLUMNS_BY_KEY

    @staticmethod
    def words(code: str, params: dict) -> str:
        return message_for(code, params)


def message_for(code: str, params: dict | None = None) -> str:
    """The message of an error code in the active language."""
    if code not in MESSAGES:
        return file_message_for(code, params)
    values = name_columns(dict(params or {}), COLUMNS_BY_KEY)
    separator = pgettext("list separator", ", ")
    if code == "close_blocked":
        values["reasons"] = separator.join(
            gettext(str(MESSAGES[f"reason_{reason}"])) % {"count": count}
            for reason, count in values.get("reasons", {}).items()
        )
    return gettext(str(MESSAGES[code])) % values
