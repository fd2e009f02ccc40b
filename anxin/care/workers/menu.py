"""Workers: menu declarations (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

MANAGERS = [Role.HR, Role.EAP_ADMIN]

menu_entry("care:workers_list", _("Care workers"), roles=MANAGERS, group="care", weight=100)
menu_entry(
    "care:workers_coverage", _("Care-worker coverage"), roles=MANAGERS, group="care", weight=110
)
menu_entry(
    "care:workers_map",
    _("Care workers of my unit"),
    roles=[Role.EMPLOYEE],
    group="care",
    weight=100,
)
menu_entry(
    "care:workers_mine", _("Being a care worker"), roles=[Role.EMPLOYEE], group="care", weight=110
)
menu_entry(
    "care:workers_activity",
    _("Record care activity"),
    roles=[Role.CARE_WORKER],
    group="care",
    weight=100,
)
