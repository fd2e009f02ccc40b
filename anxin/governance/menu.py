"""The governance menu entries (anxin/core/menu.py; the shell gathers the "governance"
group into each role's drop-down)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

READERS = [Role.EAP_ADMIN, Role.COMMITTEE]

menu_entry(
    "governance:meetings", _("Committee meetings"), roles=READERS, group="governance", weight=800
)
menu_entry(
    "governance:my_actions",
    _("Your action items"),
    roles=[Role.COMMITTEE],
    group="governance",
    weight=805,
)
menu_entry(
    "governance:bodies", _("Bodies and groups"), roles=READERS, group="governance", weight=810
)
menu_entry(
    "governance:calendar", _("Yearly calendar"), roles=READERS, group="governance", weight=820
)
menu_entry(
    "governance:workplan", _("Annual work plan"), roles=READERS, group="governance", weight=830
)
menu_entry(
    "governance:rewards", _("Rewards"), roles=[Role.EAP_ADMIN], group="governance", weight=840
)
