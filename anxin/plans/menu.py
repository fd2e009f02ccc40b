"""The plans app's menu entries (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry("plans:list", _("Plans"), roles=[Role.HR, Role.EAP_ADMIN, Role.COMMITTEE], weight=700)
