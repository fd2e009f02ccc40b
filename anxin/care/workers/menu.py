"""Workers: menu declarations (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

MANAGERS = [Role.HR, Role.EAP_ADMIN]
CARE_WORKER = [Role.CARE_WORKER]

menu_entry("care:workers_list", _("Care workers"), roles=MANAGERS, group="care", weight=100)
menu_entry(
    "care:workers_coverage", _("Care-worker coverage"), roles=MANAGERS, group="care", weight=110
)
menu_entry(
    "care:workers_meetings",
    _("Care-worker group meetings"),
    roles=MANAGERS,
    group="care",
    weight=120,
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
# The care worker's own bar (anxin/front/menu.py names these four): short labels.
menu_entry(
    "care:workers_activity",
    pgettext_lazy("care worker menu", "Activity"),
    roles=CARE_WORKER,
    group="care",
    weight=100,
)
menu_entry(
    "care:workers_meetings_mine",
    pgettext_lazy("care worker menu", "Meetings"),
    roles=CARE_WORKER,
    group="care",
    weight=110,
)
menu_entry(
    "care:workers_unit",
    pgettext_lazy("care worker menu", "My units"),
    roles=CARE_WORKER,
    group="care",
    weight=120,
)
menu_entry(
    "care:workers_training",
    pgettext_lazy("care worker menu", "Training"),
    roles=CARE_WORKER,
    group="care",
    weight=130,
)
