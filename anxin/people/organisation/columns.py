"""The organisation file's columns as the template writes them and the other names offices
use for them, and the words a cell may hold for the kind of a row."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from anxin.people.models import OrgUnit
from anxin.people.roster.columns import Column, header_key

TEXT_LIMITS = {"code": 20, "name": 120, "parent_code": 20}

COLUMNS: tuple[Column, ...] = (
    Column("kind", "類型", _("Kind"), True, ("kind", "type", "種類", "層級")),
    Column("code", "機關代碼", _("Agency code"), True,
           ("code", "agency code", "agency_code", "機關代號", "學校代碼")),
    Column("name", "名稱", _("Agency, school or unit name"), True,
           ("name", "機關名稱", "學校名稱", "單位名稱", "機關學校名稱")),
    Column("parent_code", "上級機關代碼", _("Parent agency code"), False,
           ("parent code", "parent_code", "parent", "上級機關代號", "所屬機關代碼")),
)  # fmt: skip
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
HEADER_LOOKUP = {
    header_key(name): column.key
    for column in COLUMNS
    for name in (column.header, column.key, *column.aliases)
}

KIND_WORDS: dict[str, tuple[str, ...]] = {
    OrgUnit.Kind.AGENCY: ("機關", "agency"),
    OrgUnit.Kind.SCHOOL: ("學校", "school"),
    OrgUnit.Kind.UNIT: ("單位", "unit", "科室", "處室"),
}
KIND_LOOKUP = {header_key(word): kind for kind, words in KIND_WORDS.items() for word in words}
