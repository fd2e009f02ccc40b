"""Mentoring and the interviews with personnel heads in Debian's Chromium: hr confirms a
proposed pair; the mentor logs a talk; the counselling room schedules and records an
interview and reads the year's themes. Every page passes axe-core's WCAG 2.2 AA rules."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.care.mentoring import services
from anxin.care.mentoring.models import Mentor, MentoringPair
from anxin.events.models import Registration
from anxin.people.models import Employee
from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.services import plan_for_authority, plans_load
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, submit, text, visit


def _plan(org):
    document = read_preset("taipei-114")
    document.data["authority"] = {"name": org["authority"].name, "code": org["authority"].code}
    document.data["period"] = {
        **document.data["period"],
        "start": "2000-01-01",
        "end": "2100-12-31",
    }
    plans_load(documents=[document])


@pytest.mark.browser
def test_a_pair_is_confirmed_and_a_talk_logged(page, new_page, watch, base_url, people, org):
    _plan(org)
    mentor = Employee.objects.get(number="E0001")  # 王小美, the employee
    Mentor.objects.create(employee=mentor, added_by=people[Role.HR].user)
    # Trained: the plan's mentors' class completed, as the events app records it.
    plan = plan_for_authority(org["authority"].pk)
    for event in services.mentor_classes_generate(
        actor=people[Role.HR].user, plan=plan, owner_unit=org["authority"]
    ):
        Registration.objects.create(
            event=event, employee=mentor, status="registered", completed_at=timezone.now()
        )
    Employee.objects.create(
        authority=org["authority"], unit=org["unit"], number="E0100", name="許新人",
        staff_category=Employee.StaffCategory.CONTRACT, gender=Employee.Gender.MALE,
        birth_date=date(1998, 1, 1), hire_date=date.today() - timedelta(days=10),
    )  # fmt: skip
    hr = people[Role.HR]
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    visit(page, f"{base_url}/care/mentoring/pairs/", watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Confirm")).click()
    audit(page, watch)
    expect(page.locator("#active-pairs")).to_contain_text("許新人")
    visit(page, f"{base_url}/care/mentoring/mentors/", watch)
    expect(page.locator("#mentors")).not_to_contain_text(text("Not trained yet"))
    visit(page, f"{base_url}/care/mentoring/classes/", watch)
    visit(page, f"{base_url}/care/mentoring/rates/", watch)

    employee = people[Role.EMPLOYEE]
    other = new_page()
    sign_in(other, base_url, employee.username, PASSWORD, watch=watch)
    pair = MentoringPair.objects.get()
    visit(other, f"{base_url}/care/mentoring/", watch)
    visit(other, f"{base_url}/care/mentoring/{pair.uuid}/", watch)
    with other.expect_navigation():
        other.get_by_role("link", name=text("Log the talk")).first.click()
    audit(other, watch)
    other.get_by_label(text("Stress")).check()
    other.locator("#id_note").fill("談到適應與壓力")
    submit(other)
    audit(other, watch)
    assert pair.talks.filter(held_on__isnull=False).count() == 1


@pytest.mark.browser
def test_the_counselling_room_records_an_interview(page, watch, base_url, people, org):
    _plan(org)
    intake = people[Role.INTAKE]
    sign_in(page, base_url, intake.username, PASSWORD, otp_key=intake.otp_key, watch=watch)
    visit(page, f"{base_url}/care/interviews/", watch)
    page.locator("#id_scheduled_on").fill(date.today().isoformat())
    submit(page)
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name=org["agency"].name).click()
    audit(page, watch)
    page.locator("#id_stress").fill("業務量大，加班頻繁")
    submit(page)
    audit(page, watch)
    visit(page, f"{base_url}/care/interviews/themes/", watch)
    pdf = page.request.get(f"{base_url}/care/interviews/themes/{date.today().year}.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
