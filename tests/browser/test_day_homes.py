"""The day's home pages in Debian's Chromium (issue 13, item 1): the counsellor's with
today's appointment and the work waiting, the coordinator's with the queue's deadline
clocks, HR's with its figures, and the case list and case timeline; every page passes
axe-core's WCAG 2.2 AA rules, empty and full."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.counseling import services
from anxin.counseling.booking.models import Appointment, Room, Slot
from anxin.people.models import Employee
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, visit


def _request(plan):
    employee = Employee.objects.get(number="E0001")
    item = services.request_submit(
        employee=employee, plan=plan, concern="emotion", urgency="urgent", mode="face_to_face",
        gender_preference="any", contact_method="phone", contact_value="0912-345-678",
        details="最近睡不好", preferred_times="週二下午",
    )  # fmt: skip
    return item


@pytest.mark.browser
def test_the_homes_and_case_pages_pass_the_audit_empty_and_full(
    page, new_page, watch, base_url, people
):
    plan = load_preset("taipei-114")
    counselor, intake, hr = people["counselor"], people["intake"], people["hr"]

    # Empty: nothing booked, nothing waiting.
    sign_in(page, base_url, counselor.username, PASSWORD, otp_key=counselor.otp_key, watch=watch)
    audit(page, watch)
    visit(page, f"{base_url}/counselling/cases/", watch)

    # Full: a request waiting (the coordinator's clock), then a case with an appointment
    # today and one held yesterday without a record.
    item = _request(plan)
    other = new_page()
    sign_in(other, base_url, intake.username, PASSWORD, otp_key=intake.otp_key, watch=watch)
    expect(other.get_by_role("link", name="開啟派案佇列")).to_be_visible()
    expect(other.get_by_text("尚餘", exact=False).first).to_be_visible()
    audit(other, watch)
    other.context.clear_cookies()

    case = services.case_open(item=item, counselor=counselor.user, actor=intake.user)
    room = Room.objects.create(authority=plan.authority, name="諮商室一", location="3樓")
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 0)))
    for starts in (today, timezone.now() - timedelta(days=1)):
        slot = Slot.objects.create(
            counselor=counselor.user, starts_at=starts, ends_at=starts + timedelta(minutes=50),
            mode="face_to_face", room=room,
        )  # fmt: skip
        Appointment.objects.create(slot=slot, case=case, employee=case.employee, status="booked")
    visit(page, f"{base_url}/", watch)  # still signed in
    expect(page.get_by_role("cell", name="王小美")).to_be_visible()
    expect(page.get_by_text("1 次晤談尚未撰寫紀錄")).to_be_visible()
    audit(page, watch)
    visit(page, f"{base_url}/counselling/cases/", watch)
    expect(page.get_by_role("cell", name="王小美")).to_be_visible()
    visit(page, f"{base_url}{case.get_absolute_url()}", watch)
    expect(page.get_by_role("heading", name="時間軸")).to_be_visible()

    sign_in(other, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    expect(other.get_by_role("heading", name="待處理的活動")).to_be_visible()
    audit(other, watch)
