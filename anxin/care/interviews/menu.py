"""Interviews: menu declarations (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry(
    "care:interviews_list",
    _("Interviews with personnel heads"),
    roles=[Role.INTAKE, Role.COUNSELOR],
    group="care",
    weight=560,
)
