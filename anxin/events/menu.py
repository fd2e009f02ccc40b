"""The events app's menu entries (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry("events:mine", _("Events and trainings"), roles=[Role.EMPLOYEE], weight=400)
menu_entry(
    "events:manage_list", _("Events"), roles=[Role.HR, Role.EAP_ADMIN], group="events", weight=400
)
menu_entry(
    "events:facilitating",
    _("Events I lead"),
    roles=[
        Role.COUNSELOR,
        Role.INTAKE,
        Role.HR,
        Role.EAP_ADMIN,
        Role.SUPERVISOR,
        Role.CARE_WORKER,
    ],
    group="events",
    weight=420,
)
