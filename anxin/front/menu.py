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
    gathers=("care", "resources", "governance", "reports"),
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

# The apps of the care network, the resources, governance and reports (DESIGN.md layout)
# declare their entries with their app's key as group; each role gathers them into a
# drop-down of its bar, so that the bar keeps its length as the apps arrive.
CARE, RESOURCES, GOVERNANCE, REPORTS = "care", "resources", "governance", "reports"
# The employee's help beyond counselling: the EAP zone, the directory, advice, channels,
# and his or her care worker and mentor.
EMPLOYEE_RESOURCES = Group(
    RESOURCES,
    pgettext_lazy("employee menu", "Resources"),
    (
        "resources:zone_start",
        "resources:directory_list",
        "resources:directory_map",
        "resources:advice_home",
        "resources:channels_list",
        "care:workers_map",
        "care:mentoring_mine",
        "care:workers_mine",
        "care:outreach_mine",
    ),
    gathers=(CARE,),
)
SELF_CHECKS = Group(
    "self_checks",
    pgettext_lazy("menu group", "Self-tests"),
    ("assessments:list", "surveys:my_surveys"),
)
# The care network sits with the people it serves, for the EAP officers.
PEOPLE_AND_CARE = Group(
    PEOPLE.key, pgettext_lazy("menu group", "People and care"), PEOPLE.items, gathers=(CARE,)
)
ADMIN_PEOPLE_AND_CARE = Group(
    PEOPLE.key, PEOPLE_AND_CARE.label, ADMIN_PEOPLE.items, gathers=(CARE,)
)
# The programme as a whole: the plan, its resources, its bodies and its results.
PROGRAMME = Group(
    "programme",
    pgettext_lazy("menu group", "Programme"),
    ("plans:list",),
    gathers=(RESOURCES, GOVERNANCE, REPORTS),
)
EVERY_APP = Group(
    "programme",
    pgettext_lazy("menu group", "Programme"),
    gathers=(CARE, RESOURCES, GOVERNANCE, REPORTS),
)
# The programme's administrator has the most pages: the events and the surveys share a
# drop-down, and the resources and the governing bodies have one each.
ADMIN_EVENTS_AND_SURVEYS = Group(
    "events_surveys",
    pgettext_lazy("menu group", "Events, surveys"),
    (*EVENTS.items, *SURVEYS.items),
)
ADMIN_RESOURCES = Group(RESOURCES, pgettext_lazy("menu group", "Resources"))
ADMIN_PROGRAMME = Group(
    "programme",
    pgettext_lazy("menu group", "Programme"),
    ("plans:list", "counseling:providers_list"),
    gathers=(REPORTS,),
)
COUNSELLOR_WORK = Group(
    "programme",
    pgettext_lazy("menu group", "Programme work"),
    ("events:facilitating",),
    gathers=(CARE, RESOURCES, GOVERNANCE, REPORTS),
)
COMMITTEE_WORK = Group(GOVERNANCE, pgettext_lazy("menu group", "Meetings"))
COMMITTEE_PROGRAMME = Group(
    "programme",
    pgettext_lazy("menu group", "Programme"),
    ("plans:list",),
    gathers=(CARE, RESOURCES, REPORTS),
)
# The care worker's bar holds his or her own care pages; referrals, the events led and
# the other apps' pages share one drop-down.
CARE_WORKER_PROGRAMME = Group(
    "programme",
    pgettext_lazy("menu group", "Programme work"),
    ("counseling:referral_list", "events:facilitating"),
    gathers=(CARE, RESOURCES, GOVERNANCE, REPORTS),
)

menu_layout(
    Role.EMPLOYEE,
    [
        HOME,
        EMPLOYEE_COUNSELLING,
        EMPLOYEE_RESOURCES,
        SELF_CHECKS,
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
        COUNSELLOR_WORK,
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
menu_layout(Role.PROVIDER_ADMIN, [HOME, "counseling:providers_mine", EVERY_APP, MORE, INBOX, ME])
menu_layout(
    Role.HR,
    [HOME, PEOPLE_AND_CARE, EVENTS, SURVEYS, COUNSELLING_SERVICES, PROGRAMME, MORE, INBOX, ME],
)
menu_layout(
    Role.EAP_ADMIN,
    [
        HOME,
        ADMIN_PEOPLE_AND_CARE,
        ADMIN_EVENTS_AND_SURVEYS,
        ADMIN_RESOURCES,
        ADMIN_PROGRAMME,
        COMMITTEE_WORK,
        MORE,
        INBOX,
        ME,
    ],
)
menu_layout(
    Role.SUPERVISOR,
    [HOME, COUNSELLING_SERVICES, "events:facilitating", EVERY_APP, MORE, INBOX, ME],
)
menu_layout(
    Role.CARE_WORKER,
    [
        HOME,
        "care:workers_activity",
        "care:workers_meetings_mine",
        "care:workers_unit",
        "care:workers_training",
        CARE_WORKER_PROGRAMME,
        MORE,
        INBOX,
        ME,
    ],
)
menu_layout(Role.COMMITTEE, [HOME, COMMITTEE_WORK, COMMITTEE_PROGRAMME, MORE, INBOX, ME])
menu_layout(
    Role.AUDITOR,
    [
        HOME,
        "counseling:disclosure_log",
        "counseling:legal_process_list",
        "counseling:flows_emergency_log",
        ACCOUNTS,
        EVERY_APP,
        MORE,
        INBOX,
        ME,
    ],
)
menu_layout(Role.REVIEWER, [HOME, "reports:dashboard", "reports:dossier", MORE, INBOX, ME])
menu_layout(Role.SYSADMIN, [HOME, "people:custody_list", EVERY_APP, MORE, INBOX, ME])
