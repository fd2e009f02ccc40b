"""The organiser's event pages in Debian's Chromium: the central EAP team generates a
half-year season from the plan, moves one proposed session, publishes the season and
cancels one event with a reason; a new event allocated by lottery is refused without a
closing time and kept as typed. Every page shown passes axe-core's WCAG 2.2 AA rules."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.events.models import Event, Season
from anxin.events.season import HalfYear
from anxin.people.models import Employee
from anxin.plans.services import plans_load
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text
from tests.browser.reflow import assert_reflows
from tests.events.test_season import taipei_document

PLACE = "員工協談室團體室"


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def plan(org):
    """Taipei's plan, with its target groups, for the fixtures' authority and a period
    that covers the next half-year."""
    document = taipei_document()
    document.data["authority"] = {"name": org["authority"].name, "code": org["authority"].code}
    year = timezone.localdate().year
    document.data["period"] = {"start": f"{year}-01-01", "end": f"{year + 1}-12-31"}
    plans_load(documents=[document])


def _follow(page, link) -> None:
    with page.expect_navigation():
        link.click()


def _press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _h1(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.browser
def test_the_eap_team_generates_edits_publishes_a_season_and_cancels_an_event(
    page, watch, base_url, people, plan, immediate_tasks
):
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    follow_menu(page, "Events")
    expect(_h1(page)).to_have_text(text("Events"))
    audit(page, watch)
    _follow(page, page.get_by_role("link", name=text("Half-year seasons")))
    expect(_h1(page)).to_have_text(text("Half-year seasons"))
    audit(page, watch)
    assert_reflows(page)

    # Sent without a place, the form says so at the field and keeps the half-year chosen.
    half = HalfYear.of(timezone.localdate()).next()
    page.get_by_label(text("Half-year")).select_option(half.key)
    _press(page, text("Generate the draft season"))
    place = page.get_by_label(text("Place"))
    expect(place).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(text("Half-year"))).to_have_value(half.key)
    audit(page, watch)
    assert not Season.objects.exists()

    place.fill(PLACE)
    _press(page, text("Generate the draft season"))
    with_half = re.escape(half.label)
    expect(_h1(page)).to_have_text(re.compile(with_half))
    season = Season.objects.get()
    expect(page.get_by_role("status")).to_contain_text(str(season.events.count()))
    audit(page, watch)
    table = page.get_by_role("table", name=text("The season's events with their proposed sessions"))
    expect(table.get_by_role("row")).to_have_count(season.events.count() + 1)
    expect(
        page.get_by_role("table", name=text("Events of the plan the generator left out, and why"))
    ).to_be_visible()

    # The eap_admin moves the first event's proposed session a week later.
    first = sorted(
        season.events.prefetch_related("sessions"), key=lambda e: e.sessions.first().starts_at
    )[0]
    session = first.sessions.first()
    _follow(page, table.locator(f'a[href$="/manage/{first.uuid}/"]'))
    expect(_h1(page)).to_have_text(first.title)
    audit(page, watch)
    _follow(page, page.get_by_role("link", name=re.compile("^" + re.escape(text("Change")))).first)
    expect(_h1(page)).to_have_text(text("Change a session"))
    audit(page, watch)
    starts = timezone.localtime(session.starts_at) + timedelta(days=7)
    ends = timezone.localtime(session.ends_at) + timedelta(days=7)
    page.get_by_label(text("Starts")).fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(text("Ends")).fill(ends.strftime("%Y-%m-%dT%H:%M"))
    _press(page, text("Save"))
    expect(page.get_by_role("status")).to_have_text(text("The session is saved."))
    audit(page, watch)
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at) == starts

    # Back on the season, everything is published, the empty audiences included.
    _follow(page, page.get_by_role("link", name=text("Season"), exact=True))
    page.get_by_label(
        text("Publish also the events whose audience matches nobody at the moment")
    ).check()
    _press(page, text("Publish all drafts"))
    expect(page.get_by_role("status")).to_contain_text(
        text("%(count)d events are published and their audiences invited.",
             count=season.events.count())
    )  # fmt: skip
    expect(page.get_by_role("button", name=text("Publish all drafts"))).to_have_count(0)
    audit(page, watch)
    assert not season.events.exclude(status=Event.Status.PUBLISHED).exists()

    # The organiser cancels one event with a reason; first without, which is refused.
    _follow(page, page.locator(f'main a[href$="/manage/{first.uuid}/"]'))
    _follow(page, page.get_by_role("link", name=text("Cancel the event")))
    expect(_h1(page)).to_have_text(text("Cancel the event"))
    audit(page, watch)
    reason = page.get_by_label(text("Reason for cancelling"))
    reason.fill("   ")
    _press(page, text("Cancel the event"))
    expect(reason).to_have_attribute("aria-invalid", "true")
    audit(page, watch)
    reason.fill("講師臨時無法出席，改期另行通知。")
    _press(page, text("Cancel the event"))
    expect(page.get_by_role("status").first).to_contain_text(text("The event is cancelled."))
    expect(page.get_by_role("main")).to_contain_text("講師臨時無法出席，改期另行通知。")
    expect(page.get_by_role("link", name=text("Cancel the event"))).to_have_count(0)
    audit(page, watch)
    first.refresh_from_db()
    assert (first.status, first.cancel_reason) == ("cancelled", "講師臨時無法出席，改期另行通知。")


@pytest.mark.browser
def test_an_organiser_chooses_a_lottery_and_is_asked_for_a_closing_time(
    page, watch, base_url, people, immediate_tasks
):
    hr = people["hr"]
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    follow_menu(page, "Events")
    _follow(page, page.get_by_role("link", name=text("New event")))
    expect(_h1(page)).to_have_text(text("New event"))
    audit(page, watch)
    assert_reflows(page)
    # The audience's staff categories are a group of checkboxes under one legend.
    categories = page.get_by_role("group", name=text("Staff categories"))
    expect(categories.get_by_role("checkbox")).to_have_count(len(Employee.StaffCategory.choices))
    page.get_by_role("combobox", name=text("kind"), exact=True).select_option(Event.Kind.WORKSHOP)
    page.get_by_role("textbox", name=text("title"), exact=True).fill("正念減壓工作坊")
    page.get_by_role("spinbutton", name=text("capacity"), exact=True).fill("12")
    page.get_by_role("spinbutton", name=text("learning hours"), exact=True).fill("3")
    allocation = page.get_by_role("combobox", name=text("allocation of places"), exact=True)
    allocation.select_option(Event.Allocation.LOTTERY)
    _press(page, text("Save"))

    closing = page.get_by_label(text("registration closes"))
    expect(closing).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{closing.get_attribute('id')}_error")).to_have_text(
        text("A lottery needs a closing time for registration: the draw runs then.")
    )
    expect(allocation).to_have_value(Event.Allocation.LOTTERY)
    expect(page.get_by_role("textbox", name=text("title"), exact=True)).to_have_value(
        "正念減壓工作坊"
    )
    audit(page, watch)
    assert not Event.objects.exists()

    closes = timezone.localtime() + timedelta(days=20)
    closing.fill(closes.strftime("%Y-%m-%dT%H:%M"))
    _press(page, text("Save"))
    expect(_h1(page)).to_have_text("正念減壓工作坊")
    expect(page.get_by_role("main")).to_contain_text(str(Event.Allocation.LOTTERY.label))
    audit(page, watch)
    event = Event.objects.get()
    assert (event.allocation, event.is_lottery) == ("lottery", True)


@pytest.mark.browser
def test_an_age_band_keeps_the_roster_private_whatever_the_organiser_chooses(
    page, watch, base_url, people, immediate_tasks
):
    """hr aims a workshop at staff aged 60 and over and asks for an open roster: refused
    at the roster choice with the reason; left to the audience, the roster is private and
    the event page offers counts, no roster (decision 0018)."""
    hr = people["hr"]
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    follow_menu(page, "Events")
    _follow(page, page.get_by_role("link", name=text("New event")))
    page.get_by_role("combobox", name=text("kind"), exact=True).select_option(Event.Kind.WORKSHOP)
    page.get_by_role("textbox", name=text("title"), exact=True).fill("真·避風港")
    page.get_by_role("spinbutton", name=text("capacity"), exact=True).fill("10")
    page.get_by_role("spinbutton", name=text("learning hours"), exact=True).fill("3")
    page.get_by_role("spinbutton", name=text("minimum age"), exact=True).fill("60")
    roster = page.get_by_role("group", name=text("Roster"))
    roster.get_by_role("radio", name=text("Open to the organisers in scope")).check()
    _press(page, text("Save"))

    expect(page.get_by_role("group", name=text("Roster"))).to_contain_text(
        text("The roster must stay private: %(reason)s. Organisers see counts only.",
             reason=text("the audience is chosen by age"))
    )  # fmt: skip
    audit(page, watch)
    assert not Event.objects.exists()

    roster = page.get_by_role("group", name=text("Roster"))
    auto = "Decide from the audience (private for support groups and sensitive audiences)"
    roster.get_by_role("radio", name=text(auto)).check()
    _press(page, text("Save"))
    expect(_h1(page)).to_have_text("真·避風港")
    expect(page.get_by_role("main")).to_contain_text(
        text("Private roster: names are the facilitator's and each member's own; you see counts")
    )
    expect(page.get_by_role("link", name=text("Roster"), exact=True)).to_have_count(0)
    audit(page, watch)
    assert Event.objects.get().private_roster
