"""The surveys' menu entries (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry("surveys:my_surveys", _("Surveys"), roles=[Role.EMPLOYEE], weight=320)
menu_entry(
    "surveys:manage",
    _("Questionnaires and surveys"),
    roles=[Role.HR, Role.EAP_ADMIN],
    weight=320,
)
