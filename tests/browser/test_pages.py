"""The pages reached from the home pages (inbox, the employee's own pages, the HR
officer's organisation tree), used through the menu in Debian's Chromium; every state
shown passes axe-core's WCAG 2.2 AA rules."""

import re

import pytest
from playwright.sync_api import expect

from anxin.core.models import AccessLog, Notification
from anxin.people.models import SensitiveDeclaration
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, ntext, sign_in, submit, text


@pytest.mark.browser
def test_it_shows_and_marks_inbox_messages(page, watch, base_url, people):
    """The header announces the unread message; the inbox lists it as new with a button
    naming it; marking it read removes the "new" badge. Both states pass the audit."""
    employee = people["employee"]
    Notification.objects.create(
        recipient=employee.user, subject="工作坊報名確認", body="11 月 24 日 14:00，3 樓會議室"
    )
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    expect(
        page.get_by_role(
            "link", name=ntext("%(counter)s new message", "%(counter)s new messages", 1)
        )
    ).to_be_visible()

    follow_menu(page, "Inbox")
    expect(page).to_have_url(f"{base_url}/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Inbox"))
    item = page.get_by_role("listitem").filter(has_text="工作坊報名確認")
    expect(item.get_by_text(text("new"), exact=True)).to_be_visible()
    audit(page, watch)

    with page.expect_navigation():
        item.get_by_role("button", name=re.compile("工作坊報名確認")).click()
    expect(page).to_have_url(f"{base_url}/inbox/")
    expect(item.get_by_text(text("new"), exact=True)).to_have_count(0)
    assert Notification.objects.get().read_at is not None
    audit(page, watch)


@pytest.mark.browser
def test_it_lets_the_employee_declare_and_see_who_read_her_file(page, watch, base_url, people):
    """The employee opens her profile, is told to consent when she ticks a circumstance
    without consenting, saves with consent, and then finds her own reads in "Who read my
    file". The profile (plain, with the error, after saving) and the log pass the audit."""
    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)

    follow_menu(page, "My profile")
    expect(page).to_have_url(f"{base_url}/people/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("My profile"))
    expect(page.get_by_text("王小美", exact=True)).to_be_visible()
    audit(page, watch)

    carer = page.get_by_label(text("I care for a family member with long-term care needs"))
    carer.check()
    submit(page)
    expect(
        page.get_by_text(
            text("Tick the consent box to keep what you declared, or untick every item.")
        )
    ).to_be_visible()
    assert not SensitiveDeclaration.objects.exists()
    audit(page, watch)

    consent = text(
        "I agree that Anxin uses what I ticked, without showing it to anyone, to invite "
        "me to suitable workshops and support groups. I can change or withdraw this "
        "at any time."
    )
    page.get_by_label(consent, exact=True).check()
    submit(page)
    expect(page.get_by_role("status")).to_have_text(
        text("Saved. Only you can see what you declared.")
    )
    expect(
        page.get_by_label(text("I care for a family member with long-term care needs"))
    ).to_be_checked()
    audit(page, watch)

    follow_menu(page, "Who read my file")
    expect(page).to_have_url(f"{base_url}/people/me/access-log/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Who read my file"))
    reads = AccessLog.objects.filter(subject_uuid=employee.user.employee.uuid).count()
    assert reads >= 1
    # Her own reads are behind the switch (issue 13), one line per look.
    expect(page.get_by_role("table")).to_have_count(0)
    page.get_by_role("link", name=text("Also show your own looks at your file")).click()
    lines = page.get_by_role("table").locator("tbody tr")
    expect(lines.filter(has_text=text("You yourself")).first).to_be_visible()
    audit(page, watch)


@pytest.mark.browser
def test_it_shows_the_hr_officer_the_organisation_tree(page, watch, base_url, people, org):
    """The HR officer of 社會局 opens "Organisation" from the menu and sees her agency
    and its unit with the count of active staff, in a captioned table that passes the
    audit."""
    hr = people["hr"]
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)

    follow_menu(page, "Organisation")
    expect(page).to_have_url(f"{base_url}/people/organisation/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Organisation: %(scope)s", scope="範例市政府社會局")
    )
    table = page.get_by_role("table", name=text("Units and their active staff"))
    expect(table.locator("tbody tr")).to_have_count(2)
    unit_row = table.get_by_role("row").filter(has_text="第一科")
    expect(unit_row.get_by_role("cell").last).to_have_text("1")
    expect(table.get_by_role("row").filter(has_text="範例市政府教育局")).to_have_count(0)
    audit(page, watch)
