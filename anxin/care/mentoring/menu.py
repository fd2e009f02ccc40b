"""Mentoring: menu declarations (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry("care:mentoring_mine", _("Mentoring"), roles=[Role.EMPLOYEE], group="care", weight=520)
menu_entry(
    "care:mentoring_pairs", _("Mentoring of new hires"), roles=[Role.HR], group="care", weight=520
)
menu_entry(
    "care:mentoring_rates",
    _("Mentoring completion"),
    roles=[Role.EAP_ADMIN],
    group="care",
    weight=525,
)
