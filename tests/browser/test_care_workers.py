"""Care workers in Debian's Chromium: an employee offers to be a care worker; hr sees the
gap on the coverage map, approves the offer and schedules the group's meeting; the new
care worker (given the role with the term) finds the meeting on the home page and
records a month's activity from the menu; a colleague finds her on the map of the unit.
Every page passes axe-core's WCAG 2.2 AA rules."""

import secrets
from datetime import date, timedelta

import pytest
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from anxin.care.workers.models import CareActivity, CareWorker
from anxin.people.models import Employee, RoleAssignment, User
from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.services import plans_load
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, submit, text, visit


def _plan(org):
    document = read_preset("pingtung")
    document.data["authority"] = {"name": org["authority"].name, "code": org["authority"].code}
    document.data["period"] = {
        **document.data["period"],
        "start": "2000-01-01",
        "end": "2100-12-31",
    }
    plans_load(documents=[document])


@pytest.mark.browser
def test_an_offer_approved_makes_a_care_worker_with_her_pages(
    page, new_page, watch, base_url, people, org
):
    _plan(org)
    employee = people[Role.EMPLOYEE]  # 王小美 of 第一科

    # She offers to be a care worker, listed on the map with her extension.
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    visit(page, f"{base_url}/care/workers/mine/", watch)
    page.get_by_label(text("A willing colleague")).check()
    page.get_by_label(text("List me on my colleagues' care-worker map")).check()
    page.locator("#id_contact").fill("分機 2345")
    submit(page)
    audit(page, watch)
    offer = CareWorker.objects.get(employee__number="E0001")

    # hr sees 第一科 without a care worker, approves the offer, schedules the meeting.
    hr = people[Role.HR]
    office = new_page()
    sign_in(office, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    visit(office, f"{base_url}/care/workers/coverage/", watch)
    expect(office.locator("main")).to_contain_text("第一科")
    visit(office, f"{base_url}/care/workers/", watch)
    visit(office, f"{base_url}/care/workers/{offer.pk}/", watch)
    with office.expect_navigation():
        office.get_by_role("button", name=text("Approve"), exact=True).click()
    audit(office, watch)
    assert RoleAssignment.objects.filter(
        user=employee.user, role=Role.CARE_WORKER, scope=org["agency"]
    ).exists()
    visit(office, f"{base_url}/care/workers/meetings/", watch)
    office.locator("#id_starts_at").fill(f"{date.today() + timedelta(days=20):%Y-%m-%d}T14:00")
    office.locator("#id_place").fill("社會局三樓會議室")
    office.locator("#id_agenda").fill("關懷技巧交流")
    submit(office)
    audit(office, watch)
    expect(office.locator("main")).to_contain_text("王小美")

    # The care worker role is a staff role: she has set up her authenticator.
    key = secrets.token_bytes(20)
    TOTPDevice.objects.create(user=employee.user, name="phone", key=key.hex(), confirmed=True)
    worker = new_page()
    sign_in(worker, base_url, employee.username, PASSWORD, otp_key=key, watch=watch)
    expect(worker.locator("#care-term-heading")).to_be_visible()
    expect(worker.locator("main")).to_contain_text("社會局三樓會議室")
    follow_menu(worker, pgettext_lazy("care worker menu", "Activity"))
    audit(worker, watch)
    worker.get_by_label(text("Reaching out to colleagues")).fill("3")
    submit(worker)
    audit(worker, watch)
    assert CareActivity.objects.get(category="reaching_out").count == 3
    follow_menu(worker, pgettext_lazy("care worker menu", "Meetings"))
    audit(worker, watch)
    expect(worker.locator("main")).to_contain_text("關懷技巧交流")
    follow_menu(worker, pgettext_lazy("care worker menu", "My units"))
    audit(worker, watch)
    follow_menu(worker, pgettext_lazy("care worker menu", "Training"))
    audit(worker, watch)

    # A colleague of 第一科 finds her on the map of the unit.
    colleague = User.objects.create_user(username="li.jialing", password=PASSWORD)
    Employee.objects.create(
        user=colleague, authority=org["authority"], unit=org["unit"], number="E0002",
        name="李佳玲", staff_category=Employee.StaffCategory.CIVIL_SERVANT,
        gender=Employee.Gender.FEMALE, birth_date=date(1990, 1, 1), hire_date=date(2020, 1, 1),
    )  # fmt: skip
    reader = new_page()
    sign_in(reader, base_url, "li.jialing", PASSWORD, watch=watch)
    visit(reader, f"{base_url}/care/workers/map/", watch)
    expect(reader.locator("main")).to_contain_text("王小美")
    expect(reader.locator("main")).to_contain_text("分機 2345")
