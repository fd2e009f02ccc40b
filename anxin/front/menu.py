"""The menu bar of each role, in the order shown: the apps declare their entries (their
own `menu.py`), the shell places them here by URL name, folding several under one
drop-down (`Group`) so that a role's bar stays one line at 1280 px (about seven items,
tests/browser/test_navigation.py checks it). An entry this
layout does not name (a new app's page) joins the group its app asked for, if the role
has that group, or else appears at `MORE`, in weight order."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.menu import MORE, USER, Group, menu_entry, menu_layout
from anxin.people.roles import Role

menu_entry("home", _("Home"), weight=0)

HOME, INBOX = "home", "inbox"
# The person's own drop-down at the end of the bar (the base template adds the role
# switch and signing out); a role's layout lists it last.
ME = Group(USER, _("My account"), ("otp_setup",))

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
CASE_WORK = Group(
    "case_work",
    _("Case work"),
    ("counseling:conference_list", "counseling:flows_list", "counseling_groups:group_list"),
)
# The coordinator's bar holds the two long queues, so the events led join the case work.
INTAKE_CASE_WORK = Group(
    CASE_WORK.key,
    CASE_WORK.label,
    (*CASE_WORK.items, "counseling:providers_group_list", "events:facilitating"),
)
COUNSELLING_ROOM = Group(
    "room",
    pgettext_lazy("menu", "Counselling room"),
    (
        "counseling:booking_rooms",
        "counseling:booking_approvals",
        "counseling:booking_leave_slip_check",
        "counseling:legal_process_list",
        "counseling:flows_emergency_open",
    ),
)
COUNSELLING_SERVICES = Group(
    "counselling_services",
    _("Counselling"),
    (
        "counseling:referral_list",
        "counseling:providers_group_list",
        "counseling:flows_list",
        "counseling:conference_list",
    ),
)
PEOPLE = Group(
    "organisation",
    pgettext_lazy("menu group", "People"),
    ("people:org_tree", "people:roster_import"),
)
# The programme's administrator also sets up the organisation (a new authority's first run).
ADMIN_PEOPLE = Group(
    PEOPLE.key,
    PEOPLE.label,
    (
        "people:first_run",
        "people:org_tree",
        "people:organisation_import",
        "people:roster_import",
        "people:custody_list",
    ),
)
EVENTS = Group(
    "events", pgettext_lazy("menu group", "Events"), ("events:manage_list", "events:facilitating")
)
SURVEYS = Group(
    "surveys",
    pgettext_lazy("menu group", "Surveys"),
    ("surveys:manage", "assessments:statistics"),
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
        CASE_WORK,
        "events:facilitating",
        MORE,
        INBOX,
        ME,
    ],
)
menu_layout(
    Role.INTAKE,
    [
        HOME,
        "counseling:queue",
        "counseling:station_inbox",
        INTAKE_CASE_WORK,
        COUNSELLING_ROOM,
        MORE,
        INBOX,
        ME,
    ],
)
menu_layout(Role.PROVIDER_ADMIN, [HOME, "counseling:providers_mine", MORE, INBOX, ME])
menu_layout(
    Role.HR,
    [HOME, PEOPLE, EVENTS, SURVEYS, COUNSELLING_SERVICES, "plans:list", MORE, INBOX, ME],
)
menu_layout(
    Role.EAP_ADMIN,
    [
        HOME,
        ADMIN_PEOPLE,
        EVENTS,
        SURVEYS,
        "counseling:providers_list",
        "plans:list",
        MORE,
        INBOX,
        ME,
    ],
)
menu_layout(
    Role.SUPERVISOR,
    [HOME, COUNSELLING_SERVICES, "events:facilitating", MORE, INBOX, ME],
)
menu_layout(
    Role.CARE_WORKER,
    [HOME, "counseling:referral_list", "events:facilitating", MORE, INBOX, ME],
)
menu_layout(Role.COMMITTEE, [HOME, "plans:list", MORE, INBOX, ME])
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
        ME,
    ],
)
menu_layout(Role.SYSADMIN, [HOME, "people:custody_list", MORE, INBOX, ME])
