"""Zone: menu declarations."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

menu_entry("resources:zone_start", _("The EAP zone"), roles=[Role.EMPLOYEE], group="resources")
menu_entry(
    "resources:zone_manage", _("Write the EAP zone"), roles=[Role.EAP_ADMIN], group="resources"
)
