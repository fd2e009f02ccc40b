"""Each role signs in through the real pages, reaches its home page, and every page on the
way passes axe-core's WCAG 2.2 AA rules. (The docs' pictures: test_screenshots.py.)"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, ROLES
from tests.browser.helpers import ZH_HTML_LANG, audit, sign_in, text

# The heading of each role's home page (msgid); the employee's, the counsellor's and the
# coordinator's greet the person by name.
GREETED = {"counselor", "intake"}
HEADINGS = {
    "provider_admin": "Provider administrator",
    "hr": "EAP officer",
    "eap_admin": "EAP administration",
    "supervisor": "Supervisor",
    "care_worker": "Care worker",
    "committee": "Committee member",
    "auditor": "Auditor",
    "sysadmin": "System administrator",
    "reviewer": "External reviewer",
}


def _heading(role: str, person) -> str:
    if role == "employee":
        return text("Hello, %(name)s", name="王小美")
    if role in GREETED:
        return text("Hello, %(name)s", name=person.user.display_name or person.username)
    return text(HEADINGS[role])


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_it_signs_each_role_in_to_its_home_page(role, page, watch, base_url, people):
    """A person of each role signs in (staff roles with their authenticator code), lands
    on the role's home page in Traditional Chinese, and the sign-in, two-factor and home
    pages all pass the WCAG 2.2 AA audit."""
    person = people[role]
    sign_in(page, base_url, person.username, PASSWORD, otp_key=person.otp_key, watch=watch)

    expect(page.get_by_role("heading", level=1)).to_have_text(_heading(role, person))
    expect(page.locator("html")).to_have_attribute("lang", ZH_HTML_LANG)
    audit(page, watch)

    # "Sign out" is in the account menu, which names the role; open, it passes the audit.
    page.get_by_role("button", name=text("My account")).click()
    expect(page.get_by_role("button", name=text("Sign out"))).to_be_visible()
    audit(page, watch)
