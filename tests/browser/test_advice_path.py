"""Advice at fixed times in Debian's Chromium: the employee books a time with a topic, is
refused a time taken a moment ago with the topic kept, and the adviser reads the topic.
Every page shown passes axe-core's WCAG 2.2 AA rules."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.plans.models import ProgramPlan
from anxin.resources.advice.models import AdviceBooking, AdviceService, AdviceSlot
from anxin.resources.advice.services import advice_book
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, submit, visit

TOPIC = "房東不退押金"


def _slot(service, day_offset: int, hour: int) -> AdviceSlot:
    day = timezone.localdate() + timedelta(days=day_offset)
    starts = timezone.make_aware(datetime.combine(day, time(hour)))
    return AdviceSlot.objects.create(
        service=service, starts_at=starts, ends_at=starts + timedelta(minutes=30), place="六樓"
    )


@pytest.mark.browser
def test_it_books_advice_and_the_adviser_reads_the_topic(page, watch, base_url, people, org):
    from anxin.people.models import Employee

    plan = ProgramPlan.objects.create(
        slug="advice-browser", name="範例市政府員工協助方案", authority=org["authority"],
        period_start=timezone.localdate() - timedelta(days=10),
    )  # fmt: skip
    service = AdviceService.objects.create(plan=plan, name="法律扶助諮詢", slot_minutes=30)
    counselor = people["counselor"]
    service.advisers.add(counselor.user)
    first, second = _slot(service, 1, 10), _slot(service, 1, 11)
    other = Employee.objects.create(
        authority=org["authority"], unit=org["unit"], number="E0002", name="陳大文",
        staff_category="civil_servant", gender="male",
        birth_date=datetime(1980, 1, 1).date(), hire_date=datetime(2010, 1, 1).date(),
    )  # fmt: skip

    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "Legal and financial advice")
    audit(page, watch)
    visit(page, f"{base_url}/resources/advice/{service.uuid}/book/", watch)
    page.locator(f"input[value='{first.uuid}']").check()
    page.locator("#id_topic").fill(TOPIC)
    # Someone else takes the time while she writes.
    advice_book(slot=first, employee=other, topic="x", actor=None)
    submit(page)
    expect(page.locator("#slot_error")).to_contain_text("剛剛已有人預約")
    expect(page.locator("#id_topic")).to_have_value(TOPIC)
    audit(page, watch)
    page.locator(f"input[value='{second.uuid}']").check()
    submit(page)
    booking = AdviceBooking.objects.get(slot=second)
    assert booking.employee.name == "王小美"
    audit(page, watch)

    page.context.clear_cookies()
    sign_in(page, base_url, counselor.username, PASSWORD, otp_key=counselor.otp_key, watch=watch)
    visit(
        page, f"{base_url}/resources/advice/day/?day={second.starts_at.date().isoformat()}", watch
    )
    expect(page.get_by_role("main")).not_to_contain_text(TOPIC)
    visit(page, f"{base_url}/resources/advice/day/{booking.uuid}/", watch)
    expect(page.get_by_role("main")).to_contain_text(TOPIC)
