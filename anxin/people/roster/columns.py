"""The roster's columns as the template writes them and the other names offices use for
them, the words a cell may hold for a staff category or a gender, and the limits of a file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from anxin.people.models import Employee

EXTENSIONS = ("csv", "xlsx", "ods")
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
TEXT_LIMITS = {"number": 30, "name": 80, "agency_code": 20, "unit": 120, "email": 254}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template writes it
    label: object  # translated name for messages
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("number", "員工編號", _("Employee number"), True,
           ("number", "員工代號", "人員編號", "employee number", "employee no", "staff number")),
    Column("name", "姓名", _("Name"), True, ("name", "full name")),
    Column("agency_code", "機關代碼", _("Agency code"), True,
           ("agency code", "agency_code", "機關代號", "agency")),
    Column("unit", "單位", _("Unit"), False, ("unit", "單位名稱", "unit name", "department")),
    Column("staff_category", "人員類別", _("Staff category"), True,
           ("staff category", "staff_category", "category", "類別", "身分別")),
    Column("gender", "性別", _("Gender"), True, ("gender", "sex")),
    Column("birth_date", "出生日期", _("Birth date"), True,
           ("birth date", "birth_date", "date of birth", "birthday", "生日", "出生年月日")),
    Column("hire_date", "到職日期", _("Hire date"), True,
           ("hire date", "hire_date", "start date", "到職日")),
    Column("email", "電子郵件", _("E-mail"), False,
           ("email", "e-mail", "電子信箱", "e-mail address", "mail")),
)  # fmt: skip
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def header_key(text: str) -> str:
    """`員工編號 (number)`, ` E-Mail ` and `email*` all come down to a comparable key."""
    value = unicodedata.normalize("NFKC", str(text or "")).lower()
    value = re.sub(r"[(（].*?[)）]", "", value)
    return re.sub(r"[\s_\-.*:：]+", "", value)


HEADER_LOOKUP = {
    header_key(name): column.key
    for column in COLUMNS
    for name in (column.header, column.key, *column.aliases)
}

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    Employee.StaffCategory.CIVIL_SERVANT: (
        "公務人員/職員", "公務人員", "職員", "公務員", "編制內職員", "正式職員",
    ),
    Employee.StaffCategory.CONTRACT: (
        "約聘僱人員", "約聘人員", "約僱人員", "約聘", "約僱", "約聘僱", "聘用人員", "約用人員",
    ),
    Employee.StaffCategory.JANITOR: ("工友",),
    Employee.StaffCategory.TECHNICIAN: ("技工",),
    Employee.StaffCategory.DRIVER: ("駕駛", "司機"),
    Employee.StaffCategory.SECURITY_POLICE: ("駐衛警察", "駐衛警"),
    Employee.StaffCategory.TEMPORARY: ("臨時人員", "臨時工"),
    Employee.StaffCategory.TEACHER: ("教師", "老師", "教員"),
    Employee.StaffCategory.RELIEF_WORKER: ("代賑工",),
    Employee.StaffCategory.SUBSTITUTE_SERVICE: ("替代役", "替代役男", "替代役役男"),
}  # fmt: skip
CATEGORY_LOOKUP = {
    header_key(word): code
    for code, words in CATEGORY_WORDS.items()
    for word in (*words, code, str(Employee.StaffCategory(code).label))
}
GENDER_LOOKUP = {
    **dict.fromkeys(("女", "女性", "f", "female"), Employee.Gender.FEMALE),
    **dict.fromkeys(("男", "男性", "m", "male"), Employee.Gender.MALE),
    **dict.fromkeys(("其他", "不詳", "x", "other"), Employee.Gender.OTHER),
}
