"""The pictures in the user guides: each demo role's home page and main page at 1280 px,
in Traditional Chinese, on the demo's data (`anxin demo`, with fewer employees).

Every run signs each role in and checks that both pages answer and pass axe-core; with
ANXIN_SCREENSHOTS=1 it also writes docs/screenshots/<role>-home.png and
<role>-<page>.png (see docs/screenshots/README.md), so that an ordinary run (CI) leaves
the tree clean:

    ANXIN_SCREENSHOTS=1 .venv/bin/python -m pytest -p no:cacheprovider -n 0 -m browser \\
        tests/browser/test_screenshots.py
"""

import base64
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from anxin.people import demo
from anxin.people.roles import Role
from tests.browser.helpers import SCREENSHOTS, ZH_HTML_LANG, sign_in, visit

SHOOT = os.environ.get("ANXIN_SCREENSHOTS") == "1"
EMPLOYEES = 200  # enough for every demo step, a quarter of the time of 2,000
WIDTH, HEIGHT = 1280, 800
TALLEST = 2000  # a long list is cut here: the guide shows its top

# Each role's main page (the one its day starts from after the home page): the file
# name's part and the URL name.
MAIN_PAGES = {
    Role.EMPLOYEE: ("requests", "counseling:my_requests"),
    Role.COUNSELOR: ("cases", "counseling:my_cases"),
    Role.INTAKE: ("queue", "counseling:queue"),
    Role.PROVIDER_ADMIN: ("provider", "counseling:providers_mine"),
    Role.HR: ("events", "events:manage_list"),
    Role.EAP_ADMIN: ("plans", "plans:list"),
    Role.SUPERVISOR: ("referrals", "counseling:referral_list"),
    Role.CARE_WORKER: ("activity", "care:workers_activity"),
    Role.COMMITTEE: ("meetings", "governance:meetings"),
    Role.AUDITOR: ("disclosures", "counseling:disclosure_log"),
    Role.SYSADMIN: ("accounts", "people:custody_list"),
    Role.REVIEWER: ("dashboard", "reports:dashboard"),
}

# Further pages the guides show: the care network, resources, governance and reports.
MORE_PAGES = {
    Role.EMPLOYEE: [("zone", "resources:zone_start"), ("directory", "resources:directory_list")],
    Role.HR: [("coverage", "care:workers_coverage")],
    Role.EAP_ADMIN: [("results", "reports:dashboard"), ("calendar", "governance:calendar")],
    Role.REVIEWER: [("dossier", "reports:dossier")],
}


def shoot(page, name: str) -> None:
    if not SHOOT:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("() => document.documentElement.scrollHeight"), TALLEST)
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": height}
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True, clip=clip)


@pytest.fixture
def demo_accounts(settings, tmp_path, transactional_db) -> dict[str, demo.DemoAccount]:
    """The demo's data and sign-ins in the test database; its files (passwords, the
    generated plan) in a temporary directory, not the developer's var/."""
    settings.ANXIN_DEMO = True
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("demo", "--no-serve", "--employees", str(EMPLOYEES), stdout=out, stderr=out)
    return {account.role: account for account in demo.demo_accounts()}


@pytest.mark.browser
def test_it_shows_each_roles_home_and_main_page(page, watch, base_url, demo_accounts):
    """Each demo role signs in, lands on its home page and opens its main page, both in
    Traditional Chinese and passing the audit; photographed when asked."""
    assert set(MAIN_PAGES) <= set(demo_accounts), set(MAIN_PAGES) - set(demo_accounts)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    for role, (slug, url_name) in MAIN_PAGES.items():
        account = demo_accounts[role]
        key = base64.b32decode(account.totp_secret) if account.totp_secret else None
        page.context.clear_cookies()
        sign_in(page, base_url, account.username, account.password, otp_key=key, watch=watch)
        expect(page.locator("html")).to_have_attribute("lang", ZH_HTML_LANG)
        shoot(page, f"{role}-home")

        visit(page, base_url + reverse(url_name), watch)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        shoot(page, f"{role}-{slug}")

        for more_slug, more_url_name in MORE_PAGES.get(role, []):
            visit(page, base_url + reverse(more_url_name), watch)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            shoot(page, f"{role}-{more_slug}")
