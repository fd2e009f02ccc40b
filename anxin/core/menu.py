"""The navigation menu of each role: (label, URL name) pairs, in the order shown."""

from django.utils.translation import gettext_lazy as _

from anxin.events.menu import MANAGE_EVENTS, MY_EVENTS

HOME = (_("Home"), "home")
INBOX = (_("Inbox"), "inbox")
PLANS = (_("Plans"), "plans:list")
ROSTER = (_("Roster import"), "people:roster_import")
ORG = (_("Organisation"), "people:org_tree")
MY_PROFILE = (_("My profile"), "people:my_profile")
MY_ACCESS_LOG = (_("Who read my file"), "people:my_access_log")
SECURITY = (_("Sign-in security"), "otp_setup")
COUNSELLING = (_("Counselling"), "counseling:my_requests")
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
SELF_TESTS = (_("Self-tests"), "assessments:list")
SELF_TEST_STATISTICS = (_("Self-test statistics"), "assessments:statistics")
SURVEYS = (_("Surveys"), "surveys:my_surveys")
SURVEY_BUILDER = (_("Questionnaires and surveys"), "surveys:manage")

MENUS: dict[str, list[tuple]] = {
    "employee": [
        HOME,
        COUNSELLING,
        MY_APPOINTMENTS,
        EMAIL_STATION,
        REFERRALS_TO_ME,
        MY_CONSENTS,
        SELF_TESTS,
        SURVEYS,
        MY_EVENTS,
        MY_PROFILE,
        MY_ACCESS_LOG,
        INBOX,
    ],
    "counselor": [
        HOME,
        MY_CASES,
        TIMETABLE,
        STATION_THREADS,
        HOTLINE_LOG,
        CONFERENCES,
        INBOX,
        SECURITY,
    ],
    "intake": [
        HOME,
        INTAKE_QUEUE,
        STATION_INBOX,
        QUOTA_APPROVALS,
        ROOMS,
        CONFERENCES,
        LEGAL_PROCESSES,
        INBOX,
        SECURITY,
    ],
    "provider_admin": [HOME, INBOX, SECURITY],
    "hr": [
        HOME,
        ORG,
        ROSTER,
        SELF_TEST_STATISTICS,
        REFERRALS,
        MANAGE_EVENTS,
        SURVEY_BUILDER,
        PLANS,
        CONFERENCES,
        INBOX,
        SECURITY,
    ],
    "eap_admin": [
        HOME,
        ORG,
        ROSTER,
        SELF_TEST_STATISTICS,
        MANAGE_EVENTS,
        SURVEY_BUILDER,
        PLANS,
        INBOX,
        SECURITY,
    ],
    "supervisor": [HOME, REFERRALS, CONFERENCES, INBOX, SECURITY],
    "care_worker": [HOME, REFERRALS, INBOX, SECURITY],
    "committee": [HOME, PLANS, INBOX, SECURITY],
    "auditor": [HOME, DISCLOSURE_LOG, INBOX, SECURITY],
    "sysadmin": [HOME, INBOX, SECURITY],
}
