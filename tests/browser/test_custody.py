"""Account custody in Debian's Chromium: the auditor approves a reset from the queue, the
counsellor sets her new password and authenticator through the one-time link and signs in
with them, the auditor reads the security log; every page passes axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from anxin.people.custody import services
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import (
    BROWSER_LOCALE,
    audit,
    current_code,
    follow_menu,
    key_from_text,
    sign_in,
    submit,
    text,
    visit,
)

NEW = "her own new password 2026"


@pytest.mark.browser
def test_a_reset_goes_from_the_queue_to_the_holders_link(page, browser, watch, base_url, people):
    counselor, auditor = people["counselor"], people["auditor"]
    counselor.user.email = "counselor@example.gov.tw"
    counselor.user.save(update_fields=["email"])
    services.reset_request(
        target=counselor.user, actor=people["sysadmin"].user, role="sysadmin", reason="手機遺失"
    )

    sign_in(page, base_url, auditor.username, PASSWORD, otp_key=auditor.otp_key, watch=watch)
    follow_menu(page, "Account requests")
    expect(page).to_have_url(f"{base_url}/people/custody/")
    audit(page, watch)
    mail.outbox.clear()
    with page.expect_navigation():
        page.get_by_role("button", name=text("Approve")).click()
    expect(
        page.get_by_text(text("Approved. The account holder and the auditors have been told."))
    ).to_be_visible()
    audit(page, watch)
    (link_mail,) = [m for m in mail.outbox if "/people/custody/link/" in m.body]
    link = re.search(
        r"https?://\S+/people/custody/link/\S+/|/people/custody/link/\S+/", link_mail.body
    ).group(0)
    path = link[link.index("/people/custody/link/") :]

    holder = browser.new_context(locale=BROWSER_LOCALE, timezone_id="Asia/Taipei").new_page()
    watch.attach(holder)
    visit(holder, f"{base_url}{path}", watch)
    expect(holder).to_have_url(f"{base_url}/people/custody/link/")
    key = key_from_text(holder.locator("main").inner_text())
    holder.locator("#id_new_password1").fill(NEW)
    holder.locator("#id_new_password2").fill(NEW)
    holder.locator("#id_token").fill(current_code(key))
    submit(holder)
    expect(holder.get_by_role("heading", level=1)).to_have_text(text("Your new password is set"))
    audit(holder, watch)
    holder.context.clear_cookies()
    sign_in(holder, base_url, counselor.username, NEW, otp_key=key, watch=watch)

    visit(page, f"{base_url}/people/custody/log/", watch)
    expect(page.locator("main")).to_contain_text(
        text("Password and authenticator set by the holder")
    )
