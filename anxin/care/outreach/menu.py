"""Outreach's menu entries (anxin/core/menu.py; the shell gathers the care group)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry(
    "care:outreach_overview",
    _("Outreach"),
    roles=[Role.HR, Role.EAP_ADMIN],
    group="care",
    weight=530,
)
menu_entry(
    "care:outreach_mine", _("Messages of care"), roles=[Role.EMPLOYEE], group="care", weight=530
)
