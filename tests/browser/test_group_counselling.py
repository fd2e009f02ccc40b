"""Group counselling in Debian's Chromium: a counsellor schedules a group for the staff of
a unit (a past date is refused first, with what was typed kept), an employee of the unit
finds it in her events and registers, and the counsellor sees her on the roster. Every
page shown passes axe-core's WCAG 2.2 AA rules."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.events.models import Event, Registration
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text
from tests.browser.reflow import assert_reflows

TITLE = "新進人員適應支持團體"


def _follow(page, link) -> None:
    with page.expect_navigation():
        link.click()


def _press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _field(page, msgid: str):
    """A form control by its label (the label's "*" of a required field is hidden from
    the accessible name)."""
    return page.get_by_label(re.compile("^" + re.escape(text(msgid))))


@pytest.mark.browser
def test_a_counsellor_schedules_a_group_an_employee_registers_and_the_roster_shows_her(
    page, watch, base_url, people, org, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    counsellor, employee = people["counselor"], people["employee"]
    sign_in(page, base_url, counsellor.username, PASSWORD, otp_key=counsellor.otp_key, watch=watch)
    follow_menu(page, "Group counselling")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Group counselling"))
    expect(page.get_by_role("main")).to_contain_text(text("No group is scheduled."))
    audit(page, watch)
    _follow(page, page.get_by_role("link", name=text("Schedule a group")))
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Schedule a group"))
    audit(page, watch)
    assert_reflows(page)

    _field(page, "Title").fill(TITLE)
    _field(page, "Open to the staff of").select_option(label=org["unit"].name)
    _field(page, "Places").fill("8")
    yesterday = timezone.localdate() - timedelta(days=1)
    _field(page, "Date of the first meeting").fill(yesterday.isoformat())
    _field(page, "Starts at").fill("14:30")
    _field(page, "Number of meetings").fill("4")
    _field(page, "or another place").fill("員工協談室團體室")
    _press(page, text("Schedule and invite"))
    day = _field(page, "Date of the first meeting")
    expect(day).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{day.get_attribute('id')}_error")).to_have_text(
        text("This time has passed.")
    )
    expect(_field(page, "Title")).to_have_value(TITLE)
    expect(_field(page, "Number of meetings")).to_have_value("4")
    audit(page, watch)
    assert not Event.objects.exists()

    first = timezone.localdate() + timedelta(days=14)
    day.fill(f"{first.year - 1911}/{first.month:02d}/{first.day:02d}")
    _press(page, text("Schedule and invite"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_have_text(
        text("The group is scheduled and the staff of the unit are invited.")
    )
    audit(page, watch)
    event = Event.objects.get()
    assert (event.kind, event.sessions.count(), event.facilitator) == (
        "group_counselling", 4, counsellor.user,
    )  # fmt: skip

    # The employee of the unit finds the group among her events and registers.
    other = page.context.browser.new_context(
        locale="zh-TW", viewport={"width": 1280, "height": 900}, timezone_id="Asia/Taipei"
    ).new_page()
    watch.attach(other)
    sign_in(other, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(other, "Events and trainings")
    _follow(other, other.get_by_role("link", name=TITLE))
    expect(other.get_by_role("heading", level=1)).to_have_text(TITLE)
    audit(other, watch)
    _press(other, text("Register"))
    expect(other.get_by_role("status")).to_have_text(text("You are registered."))
    audit(other, watch)
    assert Registration.objects.get(event=event).status == "registered"
    other.context.close()

    # The counsellor sees the registration counted, then on the roster by name.
    follow_menu(page, "Group counselling")
    groups = page.get_by_role("table", name=text("Group counselling events"))
    row = groups.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    expect(row.get_by_role("cell").nth(4)).to_have_text("1")
    audit(page, watch)
    _follow(page, row.get_by_role("link", name=TITLE))
    _follow(page, page.get_by_role("link", name=text("Roster"), exact=True))
    roster = page.get_by_role("table", name=text("People registered and on the waiting list"))
    expect(roster.get_by_role("row")).to_have_count(2)
    expect(roster).to_contain_text("王小美")
    expect(roster).to_contain_text(text("Registered"))
    audit(page, watch)
    assert_reflows(page)
