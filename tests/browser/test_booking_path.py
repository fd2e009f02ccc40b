"""The booking path in Debian's Chromium: the employee applies, the coordinator assigns a
counsellor and adds a room, the counsellor offers a time in it, the employee books it
(seeing the quota) and opens the confirmation for her leave request, and the counsellor
records the session. Every page shown passes axe-core's WCAG 2.2 AA rules."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from anxin.core.roc import format_short
from anxin.counseling.booking.models import Appointment, QuotaEntry, Slot
from anxin.counseling.models import Case, SessionRecord
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, submit, text

ROOM, LOCATION = "協談室一", "市府大樓北區5樓"


@pytest.fixture
def quota_plan(org):
    """The Taipei 114 plan on the fixtures' authority, given Taoyuan's 4 free hours."""
    plan = load_preset("taipei-114")
    plan.config = {**plan.config, "counselling_quota": {"hours_per_year": 4, "source": "test"}}
    plan.save(update_fields=["config"])
    return plan


def _field(page: Page, msgid: str):
    return page.get_by_label(re.compile(rf"^{re.escape(text(msgid))}(\s*\*)?$"))


def _heading(page: Page, message: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(message)


def _status(page: Page, msgid: str) -> None:
    expect(page.get_by_role("status")).to_have_text(text(msgid))


@pytest.mark.browser
def test_it_carries_an_employee_from_application_to_a_booked_session(
    page, watch, base_url, people, quota_plan, new_page
):
    """Apply, assign, add a room, offer a time, book it, print the confirmation, record
    the session; one appointment, one hour charged, the confirmation without the
    counsellor or the concern."""
    employee, intake, counselor = people["employee"], people["intake"], people["counselor"]

    # The employee applies.
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "My counselling requests")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name=text("Apply for counselling")).click()
    _field(page, "Kind of concern").select_option(label="情緒")
    # Nothing is preselected: the employee says how urgent it is.
    _field(page, "How urgent is it?").select_option("soon")
    _field(page, "Preferred mode").select_option("face_to_face")
    _field(page, "How should we contact you?").select_option("phone")
    _field(page, "Telephone number or e-mail address").fill("0912-345-678")
    _field(page, "I have read the statement above on voluntariness and confidentiality.").check()
    submit(page)
    expect(page).to_have_url(f"{base_url}/counselling/my-requests/")
    audit(page, watch)

    # The coordinator assigns the counsellor and adds a room.
    intake_page = new_page()
    sign_in(intake_page, base_url, intake.username, PASSWORD, otp_key=intake.otp_key, watch=watch)
    follow_menu(intake_page, "Intake queue")
    with intake_page.expect_navigation():
        intake_page.get_by_role("link", name=re.compile(re.escape(text("Open and assign")))).click()
    availability = "%(name)s — %(cases)s open cases, %(free)s free times in the next two weeks"
    name = counselor.user.display_name or counselor.user.username
    label = text(availability, name=name, cases=0, free=0)
    _field(intake_page, "Counsellor").select_option(label=label)
    submit(intake_page)
    case = Case.objects.get()
    follow_menu(intake_page, "Counselling rooms")
    _heading(intake_page, text("Counselling rooms"))
    audit(intake_page, watch)
    _field(intake_page, "Room name").fill(ROOM)
    _field(intake_page, "Location").fill(LOCATION)
    submit(intake_page)
    _status(intake_page, "Room added.")
    expect(intake_page.get_by_role("cell", name=ROOM, exact=True)).to_be_visible()
    audit(intake_page, watch)
    follow_menu(intake_page, "Bookings past the quota")
    expect(intake_page.get_by_text(text("No booking is waiting for a decision."))).to_be_visible()
    audit(intake_page, watch)

    # The counsellor offers a time; a time in the past is refused, keeping what was typed.
    counselor_page = new_page()
    sign_in(
        counselor_page, base_url, counselor.username, PASSWORD,
        otp_key=counselor.otp_key, watch=watch,
    )  # fmt: skip
    follow_menu(counselor_page, "My timetable")
    _heading(counselor_page, text("My timetable"))
    audit(counselor_page, watch)
    yesterday = timezone.localdate() - timedelta(days=1)
    _field(counselor_page, "Date").fill(format_short(yesterday))
    _field(counselor_page, "Start time").fill("10:00")
    _field(counselor_page, "End time").fill("11:00")
    _field(counselor_page, "Mode").select_option("face_to_face")
    _field(counselor_page, "Room").select_option(label=ROOM)
    submit(counselor_page)
    expect(
        counselor_page.get_by_text(
            text("This time has already passed: choose a time in the future.")
        )
    ).to_be_visible()
    expect(_field(counselor_page, "Start time")).to_have_value("10:00")
    assert not Slot.objects.exists()
    audit(counselor_page, watch)
    day = timezone.localdate() + timedelta(days=2)
    _field(counselor_page, "Date").fill(format_short(day))
    submit(counselor_page)
    _status(counselor_page, "The time is offered.")
    audit(counselor_page, watch)

    # The employee books the time from her request list, seeing the quota.
    with page.expect_navigation():
        page.reload()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(re.escape(text("Book a session")))).click()
    _heading(page, text("Book a session for case %(code)s", code=case.code))
    expect(page.get_by_role("note")).to_contain_text("4")
    audit(page, watch)
    page.get_by_role("radio", name=re.compile(re.escape(ROOM))).check()
    submit(page)
    expect(page).to_have_url(f"{base_url}/counselling/booking/")
    _status(page, "Your session is booked.")
    ledger = page.get_by_role(
        "table", name=text("Hours counted this year, and where each came from")
    )
    expect(ledger.locator("tbody tr")).to_have_count(1)
    expect(ledger).to_contain_text(case.code)
    audit(page, watch)
    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.BOOKED
    assert QuotaEntry.objects.get().hours == 1

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(re.escape(text("Confirmation for leave")))).click()
    _heading(page, text("Leave slip: Employee Assistance Programme"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("王小美")
    # The slip names no counselling room (decision 0040).
    expect(main).to_contain_text(text("A place designated by the Employee Assistance Programme"))
    expect(main).not_to_contain_text(LOCATION)
    expect(main).to_contain_text("10:00")
    expect(main).not_to_contain_text(str(counselor.user))
    expect(main).not_to_contain_text("情緒")
    audit(page, watch)

    # The counsellor sees the booking and records a session of the case.
    with counselor_page.expect_navigation():
        counselor_page.reload()
    with counselor_page.expect_navigation():
        counselor_page.get_by_role("link", name=case.code, exact=True).click()
    _heading(counselor_page, text("Case %(code)s", code=case.code))
    with counselor_page.expect_navigation():
        counselor_page.get_by_role("link", name=text("Write a session record")).click()
    _field(counselor_page, "Date").fill(format_short(yesterday))
    _field(counselor_page, "Time").fill("14:30")
    for msgid in ("Presenting concern", "Assessment", "Intervention"):
        _field(counselor_page, msgid).fill("紀錄")
    _field(counselor_page, "Risk level").select_option("low")
    submit(counselor_page)
    _status(counselor_page, "Session record saved.")
    audit(counselor_page, watch)
    assert SessionRecord.objects.filter(case=case).count() == 1
