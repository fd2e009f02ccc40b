"""The link of a mailed invitation in Debian's Chromium (decision 0064): a person with no
account opens it, sees what the programme offers and turns the messages off, signed in
to nothing. Both states of the page pass axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from anxin.care.outreach.actions import off_token
from anxin.care.outreach.models import OutreachPreference
from anxin.people.models import Employee
from tests.browser.helpers import audit, text


@pytest.mark.browser
def test_a_person_without_an_account_turns_the_messages_off(page, watch, base_url, org):
    employee = Employee.objects.create(
        authority=org["authority"], unit=org["unit"], number="E0020", name="吳小琪",
        staff_category="janitor", gender="F", birth_date=date(1960, 3, 1),
        hire_date=date(1990, 8, 1), email="carol@example.gov.tw",
    )  # fmt: skip
    page.goto(f"{base_url}/care/outreach/off/{off_token(employee.pk)}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Messages of care"))
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Turn these messages off")).click()
    expect(page.locator("main")).to_contain_text(
        text("You will receive no more of these messages.")
    )
    assert OutreachPreference.objects.get(employee=employee).messages_off
    audit(page, watch)
