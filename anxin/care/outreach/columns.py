"""The three outreach files' columns as the templates write them, the other names offices
use for them, and the words a cell may hold for a personnel change.

    personnel changes:  員工編號, 姓名 (optional check), 異動類別, 異動日期
    overtime:           員工編號, 姓名, 年月, 加班時數
    family-care leave:  員工編號, 姓名, 年月, 家庭照顧假日數
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from anxin.care.outreach.models import LifeEvent, OutreachImport
from anxin.people.roster.columns import Column, header_key

TEXT_LIMITS = {"number": 30, "name": 80}
MAX_HOURS = 300  # overtime hours in one month
MAX_DAYS = 31  # family-care leave days in one month

NUMBER = Column(
    "number",
    "員工編號",
    _("Employee number"),
    True,
    ("number", "員工代號", "人員編號", "employee number", "employee no"),
)
NAME = Column("name", "姓名", _("Name"), False, ("name", "full name"))
MONTH = Column(
    "month",
    "年月",
    _("Year and month"),
    True,
    ("month", "月份", "年月份", "加班年月", "請假年月", "year month"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    OutreachImport.Kind.LIFE_EVENTS: (
        NUMBER,
        NAME,
        Column("kind", "異動類別", _("Kind of change"), True,
               ("kind", "change", "類別", "異動", "事由", "異動事由")),
        Column("on", "異動日期", _("Date of the change"), True,
               ("date", "on", "日期", "生效日期", "事實發生日")),
    ),
    OutreachImport.Kind.OVERTIME: (
        NUMBER,
        NAME,
        MONTH,
        Column("hours", "加班時數", _("Overtime hours"), True,
               ("hours", "overtime hours", "時數", "加班時間")),
    ),
    OutreachImport.Kind.FAMILY_CARE: (
        NUMBER,
        NAME,
        MONTH,
        Column("days", "家庭照顧假日數", _("Family-care leave days"), True,
               ("days", "family care days", "日數", "家庭照顧假", "請假日數")),
    ),
}  # fmt: skip
ALL_COLUMNS = {column.key: column for columns in COLUMNS.values() for column in columns}


def header_lookup(kind: str) -> dict[str, str]:
    return {
        header_key(name): column.key
        for column in COLUMNS[kind]
        for name in (column.header, column.key, *column.aliases)
    }


EVENT_WORDS: dict[str, tuple[str, ...]] = {
    LifeEvent.Kind.MARRIAGE: ("結婚", "婚假", "marriage"),
    LifeEvent.Kind.BIRTH: ("生育", "出生", "分娩", "產假", "陪產", "陪產假", "birth"),
    LifeEvent.Kind.BEREAVEMENT: ("喪亡", "喪假", "死亡", "喪", "親屬喪亡", "bereavement"),
    LifeEvent.Kind.RETIREMENT: ("退休", "屆齡退休", "自願退休", "retirement"),
    LifeEvent.Kind.TRANSFER: ("調動", "調任", "調職", "職務異動", "transfer"),
    LifeEvent.Kind.UNPAID_LEAVE: ("留職停薪", "留停", "unpaid leave", "unpaid_leave"),
    LifeEvent.Kind.RETURN: ("復職", "留職停薪復職", "留停復職", "return"),
}  # fmt: skip
EVENT_LOOKUP = {header_key(word): kind for kind, words in EVENT_WORDS.items() for word in words}
