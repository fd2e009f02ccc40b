"""Advice in Debian's Chromium, the second path: the employee reads the directory entry's
place and accessibility, is refused a second time of one service (the topic kept); the
adviser closes the day of her booking with a reason; she sees her time cancelled, not the
reason. Every page shown passes axe-core's WCAG 2.2 AA rules."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.plans.models import ProgramPlan
from anxin.resources.advice.models import AdviceBooking, AdviceClosure, AdviceService, AdviceSlot
from anxin.resources.directory.services import EntryData, service_create
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, submit, visit

TOPIC = "車禍和解金額"


def _slot(service, day_offset: int, hour: int) -> AdviceSlot:
    day = timezone.localdate() + timedelta(days=day_offset)
    starts = timezone.make_aware(datetime.combine(day, time(hour)))
    return AdviceSlot.objects.create(
        service=service, starts_at=starts, ends_at=starts + timedelta(minutes=30), place="六樓"
    )


@pytest.mark.browser
def test_the_limit_refuses_and_the_adviser_closes_a_day(page, watch, base_url, people, org):
    plan = ProgramPlan.objects.create(
        slug="advice-closing", name="範例市政府員工協助方案", authority=org["authority"],
        period_start=timezone.localdate() - timedelta(days=10),
    )  # fmt: skip
    entry = service_create(
        authority=org["authority"],
        agency=org["authority"],
        owner=people["counselor"].user,
        data=EntryData(
            organisation="民政處",
            name="法律扶助諮詢",
            address="中山路199號6樓",
            accessibility="無障礙電梯可達六樓",
        ),
        verified_on=date.today(),
    )
    service = AdviceService.objects.create(
        plan=plan, name="法律扶助諮詢", slot_minutes=30, entry=entry
    )
    counselor = people["counselor"]
    service.advisers.add(counselor.user)
    first, second = _slot(service, 2, 10), _slot(service, 3, 10)

    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    visit(page, f"{base_url}/resources/directory/{entry.pk}/", watch)
    page.get_by_role("link", name="預約時段").click()
    expect(page.get_by_role("main")).to_contain_text("無障礙電梯可達六樓")
    audit(page, watch)
    page.locator(f"input[value='{first.uuid}']").check()
    page.locator("#id_topic").fill(TOPIC)
    submit(page)
    assert AdviceBooking.objects.get(slot=first).status == "booked"
    visit(page, f"{base_url}/resources/advice/{service.uuid}/book/", watch)
    page.locator(f"input[value='{second.uuid}']").check()
    page.locator("#id_topic").fill(TOPIC)
    submit(page)
    expect(page.get_by_role("alert").first).to_contain_text("已達本方案允許的上限")
    expect(page.locator("#id_topic")).to_have_value(TOPIC)
    audit(page, watch)

    page.context.clear_cookies()
    sign_in(page, base_url, counselor.username, PASSWORD, otp_key=counselor.otp_key, watch=watch)
    visit(page, f"{base_url}/resources/advice/day/?day={first.starts_at.date().isoformat()}", watch)
    page.get_by_role("link", name="關閉這一天").click()
    audit(page, watch)
    page.locator("#id_reason").fill("律師出庭")
    submit(page)
    expect(page.get_by_role("main")).to_contain_text("律師出庭")
    audit(page, watch)
    assert AdviceClosure.objects.get().day == timezone.localtime(first.starts_at).date()

    page.context.clear_cookies()
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    visit(page, f"{base_url}/resources/advice/", watch)
    expect(page.get_by_role("main")).to_contain_text("已取消：當日不提供諮詢")
    expect(page.get_by_role("main")).not_to_contain_text("律師出庭")
    audit(page, watch)
