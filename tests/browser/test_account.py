"""Sign-in, two-factor and enrolment pages, the language switch and keyboard use, in
Debian's Chromium; every page visited passes axe-core's WCAG 2.2 AA rules."""

import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from anxin.people.account import SignInForm
from anxin.people.models import RoleAssignment, User
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import (
    ZH_HTML_LANG,
    audit,
    current_code,
    key_from_text,
    sign_in,
    submit,
    text,
    visit,
)


@pytest.mark.browser
def test_it_refuses_a_wrong_password_with_an_accessible_error(page, watch, base_url, people):
    """A wrong password keeps the person on the sign-in page with an error announced as
    an alert (in Traditional Chinese), the password field emptied, and the page with its
    error still passes the audit."""
    visit(page, f"{base_url}/account/sign-in/", watch)
    page.locator("#id_username").fill(people["employee"].username)
    page.locator("#id_password").fill("not the password at all")
    submit(page)

    expect(page).to_have_url(re.compile(r"/account/sign-in/"))
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_have_text(text(SignInForm.error_messages["invalid_login"]))
    expect(page.locator("#id_password")).to_have_value("")
    expect(page.locator("html")).to_have_attribute("lang", ZH_HTML_LANG)
    audit(page, watch)


@pytest.mark.browser
def test_it_refuses_a_wrong_code_on_the_two_factor_page(page, watch, base_url, people):
    """On the two-factor page a wrong code leaves the person there, not signed in, with
    the field's error shown; the page with the error passes the audit."""
    counselor = people["counselor"]
    visit(page, f"{base_url}/account/sign-in/", watch)
    page.locator("#id_username").fill(counselor.username)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/account/two-factor/\?"))
    audit(page, watch)

    valid_now = {f"{totp(counselor.otp_key, drift=drift):06d}" for drift in (-1, 0, 1)}
    wrong = next(code for code in ("123456", "654321", "111111") if code not in valid_now)
    page.locator("#id_token").fill(wrong)
    submit(page)
    expect(page).to_have_url(re.compile(r"/account/two-factor/"))
    expect(page.locator("#id_token_error")).to_have_text(
        text("That code is wrong, expired or already used. Wait for the next code.")
    )
    audit(page, watch)

    # Still not signed in: the home page sends the person back to the code prompt.
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/account/two-factor/\?next=%2F$"))


@pytest.mark.browser
def test_it_walks_a_new_staff_member_through_enrolment(page, watch, base_url, org):
    """A staff member without an authenticator is sent to enrolment after the password:
    the page shows the QR code and the key in groups of four; the code computed from
    that key confirms the device and lands on the home page."""
    newcomer = User.objects.create_user(username="new.counselor", password=PASSWORD)
    RoleAssignment.objects.create(user=newcomer, role="counselor", scope=org["authority"])

    visit(page, f"{base_url}/account/sign-in/", watch)
    page.locator("#id_username").fill(newcomer.username)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)

    expect(page).to_have_url(re.compile(r"/account/two-factor/setup/"))
    expect(page.get_by_role("img", name=text("QR code for your authenticator app"))).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    audit(page, watch)

    key = key_from_text(page.locator("main").inner_text())
    page.locator("#id_token").fill(current_code(key))
    submit(page)

    expect(page).to_have_url(f"{base_url}/")
    # The counsellor's home greets the newcomer by name.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Hello, %(name)s", name=newcomer.display_name or newcomer.username)
    )
    assert newcomer.totpdevice_set.get().confirmed
    audit(page, watch)


@pytest.mark.browser
def test_it_switches_the_language_both_ways(page, watch, base_url, people):
    """The language button turns the interface to English (html lang="en") and back to
    Traditional Chinese (html lang="zh-Hant-TW"), staying on the same page; both
    versions pass the audit."""
    sign_in(page, base_url, people["employee"].username, PASSWORD, watch=watch)
    expect(page.locator("html")).to_have_attribute("lang", ZH_HTML_LANG)

    with page.expect_navigation():
        page.get_by_role("button", name="English", exact=True).click()
    expect(page).to_have_url(f"{base_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(
        page.get_by_role("button", name="Sign out", exact=True, include_hidden=True)
    ).to_be_attached()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, 王小美")
    expect(page.get_by_role("button", name="My file", exact=True)).to_be_visible()
    expect(page.locator(".navbar-brand")).to_have_text("Anxin 安心")
    audit(page, watch)

    with page.expect_navigation():
        page.get_by_role("button", name="繁體中文", exact=True).click()
    expect(page).to_have_url(f"{base_url}/")
    expect(page.locator("html")).to_have_attribute("lang", ZH_HTML_LANG)
    expect(
        page.get_by_role("button", name="登出", exact=True, include_hidden=True)
    ).to_be_attached()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Hello, %(name)s", name="王小美")
    )
    expect(page.get_by_role("button", name="English", exact=True)).to_be_visible()
    # The brand is the Chinese name alone, not "安心 安心".
    expect(page.locator(".navbar-brand")).to_have_text("安心")
    audit(page, watch)


@pytest.mark.browser
def test_it_lets_the_keyboard_skip_to_the_main_content(page, watch, base_url, people):
    """On a page with the full menu, the first Tab focuses the (then visible) skip link
    and Enter moves the focus to <main>."""
    sign_in(page, base_url, people["employee"].username, PASSWORD, watch=watch)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=text("Skip to main content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    audit(page, watch)

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    expect(page).to_have_url(f"{base_url}/#main")
