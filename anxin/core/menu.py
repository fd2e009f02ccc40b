"""The navigation menu of each role, in the order shown: entries are (label, URL name)
pairs, and a `Group` folds several of them under one drop-down, so that a role with many
pages keeps a short menu bar."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.counseling.groups.menu import GROUP_SESSIONS
from anxin.events.menu import FACILITATING, MANAGE_EVENTS, MY_EVENTS
from anxin.people.custody.menu import ACCOUNT_REQUESTS, SECURITY_LOG


@dataclass(frozen=True)
class Group:
    label: str
    items: tuple[tuple, ...]


HOME = (_("Home"), "home")
INBOX = (_("Inbox"), "inbox")
PLANS = (_("Plans"), "plans:list")
ROSTER = (_("Roster import"), "people:roster_import")
ORG = (_("Organisation"), "people:org_tree")
MY_PROFILE = (_("My profile"), "people:my_profile")
MY_ACCESS_LOG = (_("Who read my file"), "people:my_access_log")
SECURITY = (_("Sign-in security"), "otp_setup")
# Counselling
COUNSELLING = (_("My counselling requests"), "counseling:my_requests")
MY_CASES = (_("My cases"), "counseling:my_cases")
INTAKE_QUEUE = (_("Intake queue"), "counseling:queue")
CONFERENCES = (_("Case conferences"), "counseling:conference_list")
EMAIL_STATION = (_("E-mail station"), "counseling:station_mine")
STATION_INBOX = (_("E-mail station inbox"), "counseling:station_inbox")
STATION_THREADS = (_("E-mail station"), "counseling:station_threads")
HOTLINE_LOG = (_("Hotline log"), "counseling:station_hotline")
MY_CONSENTS = (_("My consents"), "counseling:consent_mine")
REFERRALS_TO_ME = (_("Referrals to me"), "counseling:referral_mine")
REFERRALS = (_("Referrals to counselling"), "counseling:referral_list")
LEGAL_PROCESSES = (_("Legal processes"), "counseling:legal_process_list")
DISCLOSURE_LOG = (_("Disclosure log"), "counseling:disclosure_log")
MY_APPOINTMENTS = (_("My appointments"), "counseling:booking_home")
TIMETABLE = (_("My timetable"), "counseling:booking_timetable")
ROOMS = (_("Counselling rooms"), "counseling:booking_rooms")
QUOTA_APPROVALS = (_("Bookings past the quota"), "counseling:booking_approvals")
CASE_FLOWS = (_("Case flows"), "counseling:flows_list")
EMERGENCY_ACCESS = (_("Emergency access"), "counseling:flows_emergency_open")
EMERGENCY_LOG = (_("Emergency access log"), "counseling:flows_emergency_log")
PROVIDERS = (_("External providers"), "counseling:providers_list")
MY_PROVIDER = (_("My provider"), "counseling:providers_mine")
GROUP_REQUESTS = (_("Group requests"), "counseling:providers_group_list")
# Self-tests and surveys
SELF_TESTS = (_("Self-tests"), "assessments:list")
SELF_TEST_STATISTICS = (_("Self-test statistics"), "assessments:statistics")
SURVEYS = (_("Surveys"), "surveys:my_surveys")
SURVEY_BUILDER = (_("Questionnaires and surveys"), "surveys:manage")

MY_FILE = Group(_("My file"), (MY_PROFILE, MY_CONSENTS, MY_ACCESS_LOG))
COUNSELLING_ROOM = Group(
    pgettext_lazy("menu", "Counselling room"),
    (ROOMS, QUOTA_APPROVALS, LEGAL_PROCESSES, EMERGENCY_ACCESS),
)
COUNSELLING_SERVICES = Group(_("Counselling"), (REFERRALS, GROUP_REQUESTS, CASE_FLOWS))

MENUS: dict[str, list] = {
    "employee": [
        HOME,
        Group(_("Counselling"), (COUNSELLING, MY_APPOINTMENTS, EMAIL_STATION, REFERRALS_TO_ME)),
        SELF_TESTS,
        SURVEYS,
        MY_EVENTS,
        MY_FILE,
        INBOX,
    ],
    "counselor": [
        HOME,
        MY_CASES,
        TIMETABLE,
        Group(_("Channels"), (STATION_THREADS, HOTLINE_LOG)),
        CONFERENCES,
        CASE_FLOWS,
        GROUP_SESSIONS,
        FACILITATING,
        INBOX,
        SECURITY,
    ],
    "intake": [
        HOME,
        INTAKE_QUEUE,
        STATION_INBOX,
        GROUP_REQUESTS,
        GROUP_SESSIONS,
        CASE_FLOWS,
        CONFERENCES,
        COUNSELLING_ROOM,
        FACILITATING,
        INBOX,
        SECURITY,
    ],
    "provider_admin": [HOME, MY_PROVIDER, INBOX, SECURITY],
    "hr": [
        HOME,
        ORG,
        ROSTER,
        Group(pgettext_lazy("menu group", "Events"), (MANAGE_EVENTS, FACILITATING)),
        SURVEY_BUILDER,
        SELF_TEST_STATISTICS,
        COUNSELLING_SERVICES,
        CONFERENCES,
        PLANS,
        INBOX,
        SECURITY,
    ],
    "eap_admin": [
        HOME,
        ORG,
        ROSTER,
        Group(pgettext_lazy("menu group", "Events"), (MANAGE_EVENTS, FACILITATING)),
        SURVEY_BUILDER,
        SELF_TEST_STATISTICS,
        PROVIDERS,
        PLANS,
        ACCOUNT_REQUESTS,
        INBOX,
        SECURITY,
    ],
    "supervisor": [HOME, COUNSELLING_SERVICES, CONFERENCES, FACILITATING, INBOX, SECURITY],
    "care_worker": [HOME, REFERRALS, FACILITATING, INBOX, SECURITY],
    "committee": [HOME, PLANS, INBOX, SECURITY],
    "auditor": [
        HOME,
        DISCLOSURE_LOG,
        LEGAL_PROCESSES,
        EMERGENCY_LOG,
        Group(_("Accounts"), (ACCOUNT_REQUESTS, SECURITY_LOG)),
        INBOX,
        SECURITY,
    ],
    "sysadmin": [HOME, ACCOUNT_REQUESTS, INBOX, SECURITY],
}
