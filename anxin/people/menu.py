"""The people app's menu entries (anxin/core/menu.py; the shell lays them out)."""

from django.utils.translation import gettext_lazy as _

from anxin.core.menu import menu_entry
from anxin.people.roles import Role

ADMINS = [Role.HR, Role.EAP_ADMIN]
STAFF = [role for role in Role if role != Role.EMPLOYEE]

menu_entry("people:org_tree", _("Organisation"), roles=ADMINS, weight=10)
menu_entry(
    "people:organisation_import", _("Organisation import"), roles=[Role.EAP_ADMIN], weight=15
)
menu_entry("people:roster_import", _("Roster import"), roles=ADMINS, weight=20)
menu_entry("people:first_run", _("First run"), roles=[Role.EAP_ADMIN], weight=5)
menu_entry("people:my_profile", _("My profile"), roles=[Role.EMPLOYEE], group="my_file")
menu_entry(
    "people:my_access_log",
    _("Who read my file"),
    roles=[Role.EMPLOYEE],
    group="my_file",
    weight=120,
)
menu_entry("otp_setup", _("Sign-in security"), roles=STAFF, weight=950)
# Account custody.
menu_entry(
    "people:custody_list",
    _("Account requests"),
    roles=[Role.EAP_ADMIN, Role.AUDITOR, Role.SYSADMIN],
    group="accounts",
    weight=800,
)
menu_entry(
    "people:custody_log", _("Security log"), roles=[Role.AUDITOR], group="accounts", weight=810
)
