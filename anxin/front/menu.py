"""The menu bar of each role, in the order shown: the apps declare their entries (their
own `menu.py`), the shell places them here by URL name, folding several under one
drop-down (`Group`) so that a role with many pages keeps a short bar. An entry this
layout does not name (a new app's page) joins the group its app asked for, if the role
has that group, or else appears at `MORE`, in weight order."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.menu import MORE, Group, menu_entry, menu_layout
from anxin.people.roles import Role

menu_entry("home", _("Home"), weight=0)

HOME, INBOX, SECURITY = "home", "inbox", "otp_setup"

MY_FILE = Group(
    "my_file",
    _("My file"),
    ("people:my_profile", "counseling:consent_mine", "people:my_access_log"),
)
EMPLOYEE_COUNSELLING = Group(
    "counselling",
    _("Counselling"),
    (
        "counseling:my_requests",
        "counseling:booking_home",
        "counseling:station_mine",
        "counseling:referral_mine",
    ),
)
CHANNELS = Group(
    "channels", _("Channels"), ("counseling:station_threads", "counseling:station_hotline")
)
COUNSELLING_ROOM = Group(
    "room",
    pgettext_lazy("menu", "Counselling room"),
    (
        "counseling:booking_rooms",
        "counseling:booking_approvals",
        "counseling:legal_process_list",
        "counseling:flows_emergency_open",
    ),
)
COUNSELLING_SERVICES = Group(
    "counselling_services",
    _("Counselling"),
    ("counseling:referral_list", "counseling:providers_group_list", "counseling:flows_list"),
)
EVENTS = Group(
    "events", pgettext_lazy("menu group", "Events"), ("events:manage_list", "events:facilitating")
)
ACCOUNTS = Group("accounts", _("Accounts"), ("people:custody_list", "people:custody_log"))

menu_layout(
    Role.EMPLOYEE,
    [
        HOME,
        EMPLOYEE_COUNSELLING,
        "assessments:list",
        "surveys:my_surveys",
        "events:mine",
        MY_FILE,
        MORE,
        INBOX,
    ],
)
menu_layout(
    Role.COUNSELOR,
    [
        HOME,
        "counseling:my_cases",
        "counseling:booking_timetable",
        CHANNELS,
        "counseling:conference_list",
        "counseling:flows_list",
        "counseling_groups:group_list",
        "events:facilitating",
        MORE,
        INBOX,
        SECURITY,
    ],
)
menu_layout(
    Role.INTAKE,
    [
        HOME,
        "counseling:queue",
        "counseling:station_inbox",
        "counseling:providers_group_list",
        "counseling_groups:group_list",
        "counseling:flows_list",
        "counseling:conference_list",
        COUNSELLING_ROOM,
        "events:facilitating",
        MORE,
        INBOX,
        SECURITY,
    ],
)
menu_layout(Role.PROVIDER_ADMIN, [HOME, "counseling:providers_mine", MORE, INBOX, SECURITY])
ADMIN_START = [HOME, "people:org_tree", "people:roster_import", EVENTS, "surveys:manage"]
menu_layout(
    Role.HR,
    [
        *ADMIN_START,
        "assessments:statistics",
        COUNSELLING_SERVICES,
        "counseling:conference_list",
        "plans:list",
        MORE,
        INBOX,
        SECURITY,
    ],
)
menu_layout(
    Role.EAP_ADMIN,
    [
        *ADMIN_START,
        "assessments:statistics",
        "counseling:providers_list",
        "plans:list",
        "people:custody_list",
        MORE,
        INBOX,
        SECURITY,
    ],
)
menu_layout(
    Role.SUPERVISOR,
    [
        HOME,
        COUNSELLING_SERVICES,
        "counseling:conference_list",
        "events:facilitating",
        MORE,
        INBOX,
        SECURITY,
    ],
)
menu_layout(
    Role.CARE_WORKER,
    [HOME, "counseling:referral_list", "events:facilitating", MORE, INBOX, SECURITY],
)
menu_layout(Role.COMMITTEE, [HOME, "plans:list", MORE, INBOX, SECURITY])
menu_layout(
    Role.AUDITOR,
    [
        HOME,
        "counseling:disclosure_log",
        "counseling:legal_process_list",
        "counseling:flows_emergency_log",
        ACCOUNTS,
        MORE,
        INBOX,
        SECURITY,
    ],
)
menu_layout(Role.SYSADMIN, [HOME, "people:custody_list", MORE, INBOX, SECURITY])
