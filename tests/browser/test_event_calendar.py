"""The employee's calendar in Debian's Chromium: from her events she makes her private
calendar link, sees it once, finds her registration in the feed it serves, replaces it
(the old link stops working), and downloads a registration's .ics file from the event's
page. Every page shown passes axe-core's WCAG 2.2 AA rules."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.events import services
from anxin.events.calendars.models import CalendarFeed
from anxin.events.models import Event
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text
from tests.browser.reflow import assert_reflows

TITLE = "職場溝通工作坊"


@pytest.fixture
def registration(org, people, settings):
    """A workshop in ten days, for which the employee has registered."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    organiser = people["eap_admin"].user
    event = services.event_create(
        actor=organiser,
        owner_unit=org["authority"],
        data={
            "kind": Event.Kind.WORKSHOP, "title": TITLE, "description": "", "materials": "",
            "facilitator": None, "capacity": 20, "learning_hours": Decimal("3"),
            "registration_closes_at": None, "prerequisite": None,
            "audience_unit": org["authority"], "audience_categories": [],
            "audience_age_min": None, "audience_age_max": None, "audience_age_on": None,
            "audience_months_hired_min": None, "audience_months_hired_max": None,
            "audience_declared": [],
        },
    )  # fmt: skip
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=10)
    services.session_add(
        event=event, starts_at=start, ends_at=start + timedelta(hours=3), place="市府大樓 1201 室"
    )
    services.event_publish(event=event, actor=organiser)
    return services.registration_create(
        event=event, employee=people["employee"].user.employee, actor=organiser
    )


def _press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


@pytest.mark.browser
def test_an_employee_makes_sees_once_and_replaces_her_calendar_link(
    page, watch, base_url, people, registration
):
    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "Events and trainings")
    with page.expect_navigation():
        page.get_by_role("link", name=text("Follow my events in my own calendar")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("My calendar link"))
    expect(page.get_by_role("main")).to_contain_text(text("You have no calendar link."))
    audit(page, watch)
    assert_reflows(page)

    _press(page, text("Make my calendar link"))
    expect(page.get_by_role("status").first).to_contain_text(text("Your calendar link is ready."))
    link = page.get_by_label(text("Copy it into your calendar as a subscription (“from URL”):"))
    expect(link).to_have_attribute("readonly", "")
    first_link = link.input_value()
    assert first_link.startswith(f"{base_url}/events/calendar/feed/")
    audit(page, watch)
    assert_reflows(page)

    # The link serves her registration to a calendar client (no cookies, no sign-in).
    outsider = page.context.browser.new_context()
    feed = outsider.request.get(first_link)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "BEGIN:VCALENDAR" in body and TITLE in body

    # Shown once: a reload no longer shows it, and says the link was fetched.
    page.reload()
    expect(
        page.get_by_label(text("Copy it into your calendar as a subscription (“from URL”):"))
    ).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text(first_link)
    expect(page.get_by_role("main")).not_to_contain_text(text("No calendar has fetched it yet."))
    audit(page, watch)
    assert CalendarFeed.objects.get().last_used_at is not None

    # Replaced: a new link, and the old one answers 404.
    _press(page, text("Replace my link"))
    expect(page.get_by_role("status").first).to_contain_text(
        text("Your calendar link is replaced; the old one no longer works.")
    )
    second_link = page.get_by_label(
        text("Copy it into your calendar as a subscription (“from URL”):")
    ).input_value()
    assert second_link != first_link
    audit(page, watch)
    assert outsider.request.get(first_link).status == 404
    assert outsider.request.get(second_link).status == 200
    outsider.close()

    # The event's page offers the registration as a .ics file.
    follow_menu(page, "Events and trainings")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("main")).to_contain_text(registration.get_status_display())
    audit(page, watch)
    with page.expect_download() as download:
        page.get_by_role("link", name=text("Add to my calendar (.ics file)")).click()
    assert download.value.suggested_filename == f"anxin-{registration.event.uuid}.ics"
    ics = download.value.path().read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and TITLE in ics
