"""The event path in Debian's Chromium: an employee finds an event in her list, registers,
and checks in through the address the session's QR code holds, which the facilitator's
QR page shows. Every page shown passes axe-core's WCAG 2.2 AA rules."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.events import services
from anxin.events.attendance.models import Attendance, Certificate
from anxin.events.models import Event, Registration
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text

TITLE = "職場紓壓講座"


@pytest.fixture
def event(org, people, settings):
    """A talk organised at the authority, facilitated by the care worker, whose only
    session starts in twenty minutes: registration is still open and check-in (from half
    an hour before) already is."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    organiser = people["eap_admin"].user
    event = services.event_create(
        actor=organiser,
        owner_unit=org["authority"],
        data={
            "kind": Event.Kind.TALK, "title": TITLE, "description": "", "materials": "",
            "facilitator": people["care_worker"].user, "capacity": 30,
            "learning_hours": Decimal("2"), "registration_closes_at": None,
            "prerequisite": None, "audience_unit": org["authority"],
            "audience_categories": [], "audience_age_min": None, "audience_age_max": None,
            "audience_age_on": None, "audience_months_hired_min": None,
            "audience_months_hired_max": None, "audience_declared": [],
        },
    )  # fmt: skip
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=20)
    services.session_add(
        event=event, starts_at=start, ends_at=start + timedelta(hours=2), place="市府大樓 1001 室"
    )
    services.event_publish(event=event, actor=organiser)
    return event


@pytest.mark.browser
def test_an_employee_registers_and_checks_in_by_the_qr_address(
    page, watch, base_url, people, event
):
    employee, facilitator = people["employee"], people["care_worker"]

    # The facilitator opens the session's QR page, which shows the address it holds.
    facilitator_page = page.context.browser.new_context(locale="zh-TW").new_page()
    watch.attach(facilitator_page)
    sign_in(
        facilitator_page, base_url, facilitator.username, PASSWORD,
        otp_key=facilitator.otp_key, watch=watch,
    )  # fmt: skip
    session = event.sessions.get()
    facilitator_page.goto(f"{base_url}/events/{event.uuid}/attendance/")
    expect(facilitator_page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    audit(facilitator_page, watch)
    with facilitator_page.expect_navigation():
        facilitator_page.get_by_role(
            "link", name=re.compile(re.escape(text("QR check-in")))
        ).click()
    expect(
        facilitator_page.get_by_role("img", name=text("QR code of the check-in address below"))
    ).to_be_visible()
    audit(facilitator_page, watch)
    check_in_url = facilitator_page.locator("main code").inner_text()
    assert re.fullmatch(rf"{re.escape(base_url)}/events/check-in/[\w-]+/", check_in_url)
    facilitator_page.context.close()

    # Signed out, the address sends the employee to sign in first.
    page.goto(check_in_url)
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next="))

    # The employee finds the talk in her list and registers.
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "Events and trainings")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Events and trainings"))
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Register")).click()
    expect(page.get_by_role("status")).to_have_text(text("You are registered."))
    audit(page, watch)
    assert Registration.objects.get(event=event).status == "registered"

    # She opens the QR address and checks in.
    page.goto(check_in_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Check in"))
    expect(page.get_by_role("main")).to_contain_text(TITLE)
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Check in now")).click()
    expect(page.get_by_role("status")).to_have_text(text("You are checked in. Welcome!"))
    expect(page.get_by_role("region", name=text("My attendance"))).to_contain_text(text("Present"))
    audit(page, watch)
    attendance = Attendance.objects.get(session=session)
    assert (attendance.status, attendance.source) == ("present", "qr")

    # A second scan is answered clearly, and records nothing more.
    page.goto(check_in_url)
    expect(page.get_by_role("alert")).to_contain_text(
        text("You have already checked in to this session (at %(time)s).",
             time=timezone.localtime(attendance.arrived_at).strftime("%H:%M"))
    )  # fmt: skip
    audit(page, watch)
    assert Attendance.objects.count() == 1

    # Present at the talk's only session, she completed it: she gets her certificate,
    # and anyone can verify its code (the page shows her name masked).
    page.goto(f"{base_url}/events/{event.uuid}/")
    with page.expect_navigation():
        page.get_by_role("button", name=text("Get my certificate of completion")).click()
    expect(page.get_by_role("status")).to_have_text(
        text("Your certificate is ready: download it below.")
    )
    certificate = Certificate.objects.get()
    expect(page.get_by_role("link", name=re.compile(re.escape(certificate.number)))).to_be_visible()
    audit(page, watch)
    public = page.context.browser.new_context(locale="zh-TW").new_page()
    watch.attach(public)
    public.goto(f"{base_url}/events/verify/")
    public.get_by_label(re.compile(text("Verification code"))).fill(certificate.code_display)
    with public.expect_navigation():
        public.get_by_role("button", name=text("Verify"), exact=True).click()
    expect(public.get_by_role("status")).to_contain_text(text("This certificate is valid."))
    expect(public.get_by_role("main")).to_contain_text("王○美")
    audit(public, watch)
    public.context.close()
