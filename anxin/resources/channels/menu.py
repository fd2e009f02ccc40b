"""Channels: menu declarations."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry(
    "resources:channels_list",
    _("Topic channels"),
    roles=[Role.EMPLOYEE],
    group="resources",
    weight=120,
)
menu_entry(
    "resources:channels_manage",
    _("Topic channels"),
    roles=[Role.EAP_ADMIN, Role.HR, Role.COUNSELOR],
    group="resources",
    weight=120,
)
