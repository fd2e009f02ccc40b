"""The columns of the directory's files (export, import, the template) and of public
long-term-care facility lists, with the other names offices give them."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.people.roster.columns import Column, header_key

# Words other apps translate otherwise (an organisation chart, a form's category).
ORGANISATION = pgettext_lazy("resource directory", "Organisation")
CATEGORY = pgettext_lazy("resource directory", "Category")

COLUMNS: tuple[Column, ...] = (
    Column("organisation", "機構", ORGANISATION, True,
           ("organisation", "organization", "機構名稱", "單位", "提供單位")),
    Column("name", "服務名稱", _("Service"), True, ("name", "service", "服務", "名稱")),
    Column("description", "說明", _("Description"), False, ("description", "服務內容")),
    Column("service_area", "服務面向", _("Service area"), False, ("service_area", "service area")),
    Column("category", "資源類別", CATEGORY, False, ("category", "類別")),
    Column("eligibility", "服務對象", _("Who may use it"), False, ("eligibility", "資格")),
    Column("phone", "電話", _("Telephone"), False, ("phone", "telephone", "聯絡電話")),
    Column("email", "電子郵件", _("E-mail"), False, ("email", "e-mail")),
    Column("url", "網址", _("Web page"), False, ("url", "website", "網站")),
    Column("accessibility", "無障礙設施", _("Accessibility"), False, ("accessibility", "無障礙")),
    Column("languages", "服務語言", _("Languages"), False, ("languages", "語言")),
    Column("address", "地址", _("Address"), False, ("address", "服務地址")),
    Column("district", "行政區", _("District"), False, ("district", "鄉鎮市區", "區")),
    Column("latitude", "緯度", _("Latitude"), False, ("latitude", "lat", "y")),
    Column("longitude", "經度", _("Longitude"), False, ("longitude", "lon", "lng", "x")),
    Column("hours", "服務時間", _("Opening hours"), False, ("hours", "opening hours", "開放時間")),
)  # fmt: skip

# A public list of long-term-care facilities (長照服務資源 open data): what each column is
# called there; the category is the plan's map category, coordinates are required.
CARE_COLUMNS: tuple[Column, ...] = (
    Column("organisation", "機構名稱", ORGANISATION, True,
           ("organisation", "機構", "特約單位名稱", "單位名稱", "名稱")),
    Column("name", "服務項目", _("Service"), False, ("name", "服務類型", "服務類別", "類型")),
    Column("phone", "電話", _("Telephone"), False, ("phone", "聯絡電話", "機構電話")),
    Column("address", "地址", _("Address"), True, ("address", "機構地址", "地址全址")),
    Column("district", "行政區", _("District"), True, ("district", "鄉鎮市區", "區域")),
    Column("latitude", "緯度", _("Latitude"), True, ("latitude", "lat", "y", "緯度y")),
    Column("longitude", "經度", _("Longitude"), True, ("longitude", "lon", "lng", "x", "經度x")),
)  # fmt: skip


def lookup(columns: tuple[Column, ...]) -> dict[str, str]:
    return {
        header_key(name): column.key
        for column in columns
        for name in (column.header, column.key, *column.aliases)
    }
