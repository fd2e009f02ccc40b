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
SELF_TESTS = (_("Self-tests"), "assessments:list")
SELF_TEST_STATISTICS = (_("Self-test statistics"), "assessments:statistics")
PROVIDERS = (_("External providers"), "counseling:providers_list")
MY_PROVIDER = (_("My provider"), "counseling:providers_mine")
GROUP_REQUESTS = (_("Group requests"), "counseling:providers_group_list")

MENUS: dict[str, list[tuple]] = {
    "employee": [HOME, COUNSELLING, SELF_TESTS, MY_PROFILE, MY_ACCESS_LOG, INBOX],
    "counselor": [HOME, MY_CASES, INBOX, SECURITY],
    "intake": [HOME, INTAKE_QUEUE, GROUP_REQUESTS, INBOX, SECURITY],
    "provider_admin": [HOME, MY_PROVIDER, INBOX, SECURITY],
    "hr": [HOME, ORG, ROSTER, SELF_TEST_STATISTICS, GROUP_REQUESTS, PLANS, INBOX, SECURITY],
    "eap_admin": [HOME, ORG, ROSTER, SELF_TEST_STATISTICS, PROVIDERS, PLANS, INBOX, SECURITY],
    "supervisor": [HOME, GROUP_REQUESTS, INBOX, SECURITY],
    "care_worker": [HOME, INBOX, SECURITY],
    "committee": [HOME, PLANS, INBOX, SECURITY],
    "auditor": [HOME, INBOX, SECURITY],
    "sysadmin": [HOME, INBOX, SECURITY],
}
