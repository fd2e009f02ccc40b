"""Advice: menu declarations (anxin/core/menu.py). The pages join the resources group of
each role's bar (decision 0042)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry(
    "resources:advice_home",
    _("Legal and financial advice"),
    roles=[Role.EMPLOYEE],
    group="resources",
)
menu_entry(
    "resources:advice_day",
    _("Advice bookings of the day"),
    roles=[Role.COUNSELOR],
    group="resources",
)
menu_entry(
    "resources:advice_services", _("Advice services"), roles=[Role.EAP_ADMIN], group="resources"
)
menu_entry(
    "resources:advice_counts",
    _("Advice bookings (counts)"),
    roles=[Role.HR, Role.EAP_ADMIN],
    group="resources",
)
