"""Outreach in Debian's Chromium: the HR officer uploads a personnel-changes file with a
number outside the roster, reads the report that names it, imports the corrected file and
sees counts on the outreach page; the employee finds the neutral message and turns such
messages off on her own page. Every page passes axe-core."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.care.outreach.models import OutreachPreference
from anxin.core.models import Notification
from anxin.plans.models import ProgramPlan
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text

HEADER = "員工編號,姓名,異動類別,異動日期\n"


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(page, tmp_path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + content, encoding="utf-8")
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name=text("Check and import")).click()
    link = page.get_by_role("link", name=text("See the result"))
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()


@pytest.mark.browser
def test_it_imports_and_offers_help_to_the_person_only(
    page, watch, base_url, org, people, tmp_path, immediate_tasks
):
    ProgramPlan.objects.create(
        slug="browser", name="Plan", authority=org["authority"], period_start=date(2020, 1, 1),
        config={"outreach": {"life_events": ["bereavement"], "source": "test"}},
    )  # fmt: skip
    today = timezone.localdate()
    day = f"{today.year - 1911}/{today.month:02d}/{today.day:02d}"
    hr = people["hr"]
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    follow_menu(page, "Outreach")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Outreach"))
    audit(page, watch)
    page.get_by_role("link", name=text("Personnel changes")).click()
    audit(page, watch)

    _upload(page, tmp_path, "bad.csv", f"E0001,王小美,喪假,{day}\nE9999,,結婚,{day}\n")
    problems = page.get_by_role("table", name=text("Problems found, by row of the spreadsheet"))
    expect(problems).to_contain_text("E9999")
    assert not Notification.objects.exists()
    audit(page, watch)

    page.goto(f"{base_url}/care/outreach/import/life-events/")
    _upload(page, tmp_path, "good.csv", f"E0001,王小美,喪假,{day}\n")
    expect(page.get_by_role("status")).to_have_text(text("The file was imported."))
    expect(page.locator("main")).not_to_contain_text("王小美")
    audit(page, watch)
    page.goto(f"{base_url}/care/outreach/")
    expect(page.locator("main")).not_to_contain_text("王小美")
    audit(page, watch)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [
        "wang.xiaomei"
    ]


@pytest.mark.browser
def test_the_employee_turns_messages_off(page, watch, base_url, people):
    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "Messages of care")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Messages of care"))
    audit(page, watch)
    page.get_by_label(text("Send me the programme's messages of care")).uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name=text("Save")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        text("Saved: you will receive no more of these messages.")
    )
    assert OutreachPreference.objects.get().messages_off
    audit(page, watch)
