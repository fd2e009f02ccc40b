"""The navigation menu of each role: (label, URL name) pairs, in the order shown."""

from django.utils.translation import gettext_lazy as _

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
CASE_FLOWS = (_("Case flows"), "counseling:flows_list")
EMERGENCY_ACCESS = (_("Emergency access"), "counseling:flows_emergency_open")
EMERGENCY_LOG = (_("Emergency access log"), "counseling:flows_emergency_log")
SELF_TESTS = (_("Self-tests"), "assessments:list")
SELF_TEST_STATISTICS = (_("Self-test statistics"), "assessments:statistics")

MENUS: dict[str, list[tuple]] = {
    "employee": [HOME, COUNSELLING, SELF_TESTS, MY_PROFILE, MY_ACCESS_LOG, INBOX],
    "counselor": [HOME, MY_CASES, CASE_FLOWS, INBOX, SECURITY],
    "intake": [HOME, INTAKE_QUEUE, CASE_FLOWS, EMERGENCY_ACCESS, INBOX, SECURITY],
    "provider_admin": [HOME, INBOX, SECURITY],
    "hr": [HOME, ORG, ROSTER, SELF_TEST_STATISTICS, PLANS, CASE_FLOWS, INBOX, SECURITY],
    "eap_admin": [HOME, ORG, ROSTER, SELF_TEST_STATISTICS, PLANS, INBOX, SECURITY],
    "supervisor": [HOME, CASE_FLOWS, INBOX, SECURITY],
    "care_worker": [HOME, INBOX, SECURITY],
    "committee": [HOME, PLANS, INBOX, SECURITY],
    "auditor": [HOME, EMERGENCY_LOG, INBOX, SECURITY],
    "sysadmin": [HOME, INBOX, SECURITY],
}
