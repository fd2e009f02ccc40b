"""Directory: its menu entries (the shell gathers them into the resources' drop-down)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry(
    "resources:directory_list",
    _("Resource directory"),
    roles=[Role.EMPLOYEE, Role.HR, Role.EAP_ADMIN],
    group="resources",
    weight=520,
)
menu_entry(
    "resources:directory_map",
    _("Care-resource map"),
    roles=[Role.EMPLOYEE, Role.HR, Role.EAP_ADMIN],
    group="resources",
    weight=525,
)
