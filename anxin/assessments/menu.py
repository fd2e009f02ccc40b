"""The self-tests' menu entries (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry("assessments:list", _("Self-tests"), roles=[Role.EMPLOYEE], weight=300)
menu_entry(
    "assessments:statistics",
    _("Self-test statistics"),
    roles=[Role.HR, Role.EAP_ADMIN],
    weight=310,
)
