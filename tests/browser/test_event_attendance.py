"""Attendance in Debian's Chromium: the facilitator (a member of staff) finds the class in
her events, ticks the roster of the session that is running (present, late with the
minutes attended, partly present), saves it and reads it back after a reload, issues the
certificates of those who completed; anyone then verifies a certificate by its code on
the public page, without signing in. Every page shown passes axe-core's WCAG 2.2 AA
rules."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.events import services
from anxin.events.attendance.models import Attendance, Certificate
from anxin.events.models import Event, EventSession
from anxin.people.models import Employee
from tests.browser.conftest import PASSWORD, _user
from tests.browser.helpers import audit, follow_menu, sign_in, text, visit
from tests.browser.reflow import NARROW, assert_reflows

TITLE = "關懷員初階訓練班"
LEARNERS = ["王小美", "陳大文", "林美玲"]


@pytest.fixture
def facilitator(org):
    """李大同, a member of staff of 第一科 who leads the class (signs in as an employee)."""
    user = _user("li.datong")
    Employee.objects.create(
        user=user, authority=org["authority"], unit=org["unit"], number="E0100", name="李大同",
        staff_category=Employee.StaffCategory.CIVIL_SERVANT, gender=Employee.Gender.MALE,
        birth_date="1980-02-03", hire_date="2008-09-01",
    )  # fmt: skip
    return user


@pytest.fixture
def course(org, people, facilitator, settings):
    """A training class of one two-hour session, registered by three people while it was
    open, that started ten minutes ago."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    organiser = people["eap_admin"].user
    event = services.event_create(
        actor=organiser,
        owner_unit=org["authority"],
        data={
            "kind": Event.Kind.TRAINING, "title": TITLE, "description": "", "materials": "",
            "facilitator": facilitator, "capacity": 20, "learning_hours": Decimal("2"),
            "registration_closes_at": None, "prerequisite": None,
            "audience_unit": org["authority"], "audience_categories": [],
            "audience_age_min": None, "audience_age_max": None, "audience_age_on": None,
            "audience_months_hired_min": None, "audience_months_hired_max": None,
            "audience_declared": [],
        },
    )  # fmt: skip
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
    services.session_add(
        event=event, starts_at=start, ends_at=start + timedelta(hours=2), place="訓練中心 301 室"
    )
    services.event_publish(event=event, actor=organiser)
    learners = [people["employee"].user.employee]
    for number, name in enumerate(LEARNERS[1:], start=1):
        learners.append(
            Employee.objects.create(
                authority=org["authority"],
                unit=org["unit"],
                number=f"E02{number}",
                name=name,
                staff_category=Employee.StaffCategory.CIVIL_SERVANT,
                gender=Employee.Gender.FEMALE,
                birth_date="1990-01-01",
                hire_date="2020-01-01",
            )
        )
    for employee in learners:
        services.registration_create(event=event, employee=employee, actor=organiser)
    # The day has come: the session started ten minutes ago.
    now = timezone.now().replace(second=0, microsecond=0)
    EventSession.objects.filter(event=event).update(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(minutes=110)
    )
    return event


def _row(table, name: str):
    # `has` is matched inside each row: it starts from the page, not the table.
    return table.get_by_role("row").filter(has=table.page.get_by_role("rowheader", name=name))


def _roster(page):
    return page.get_by_role(
        "table", name=text("Attendance of each registered participant at this session")
    )


def _status(page, name: str):
    return page.get_by_label(text("Attendance of %(name)s", name=name))


def _minutes(page, name: str):
    return page.get_by_label(text("Minutes attended by %(name)s", name=name))


def _save(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=text("Save the attendance")).click()


@pytest.mark.browser
def test_the_facilitator_ticks_the_roster_and_issues_certificates_that_anyone_verifies(
    page, watch, base_url, course, facilitator
):
    sign_in(page, base_url, facilitator.username, PASSWORD, watch=watch)
    follow_menu(page, "Events and trainings")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role(
            "link",
            name=text("Attendance, QR check-in and certificates (you facilitate this event)"),
        ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    audit(page, watch)
    assert_reflows(page)
    # On a phone in the room the roster scrolls in its box, and each choice stays readable
    # (it was squeezed to one character).
    page.set_viewport_size(NARROW)
    assert _status(page, "王小美").bounding_box()["width"] >= 7 * 16
    page.set_viewport_size({"width": 1280, "height": 900})

    # Late without the minutes: refused at that row, nothing saved, the choices kept.
    _status(page, "王小美").select_option("present")
    _status(page, "陳大文").select_option("late")
    _status(page, "林美玲").select_option("partial")
    _minutes(page, "林美玲").fill("30")
    _save(page)
    expect(page.get_by_role("status")).to_contain_text(
        text("Some rows need correcting: nothing was saved.")
    )
    expect(_minutes(page, "陳大文")).to_have_attribute("aria-invalid", "true")
    expect(_row(_roster(page), "陳大文")).to_contain_text(
        text("Enter the minutes attended for someone late or partly present.")
    )
    expect(_status(page, "王小美")).to_have_value("present")
    expect(_minutes(page, "林美玲")).to_have_value("30")
    audit(page, watch)
    assert not Attendance.objects.exists()

    _minutes(page, "陳大文").fill("90")
    _save(page)
    expect(page.get_by_role("status")).to_have_text(text("The attendance is saved."))
    audit(page, watch)

    # What was saved is what the roster shows after a reload.
    page.reload()
    expect(_status(page, "王小美")).to_have_value("present")
    expect(_status(page, "陳大文")).to_have_value("late")
    expect(_minutes(page, "陳大文")).to_have_value("90")
    expect(_status(page, "林美玲")).to_have_value("partial")
    expect(_minutes(page, "林美玲")).to_have_value("30")
    stored = {a.registration.employee.name: (a.status, a.minutes) for a in Attendance.objects.all()}
    assert stored == {
        "王小美": ("present", None),
        "陳大文": ("late", 90),
        "林美玲": ("partial", 30),
    }

    # Two completed (half a session or more); 林美玲's half hour does not.
    hours = page.get_by_role("table", name=text(
        "Sessions attended, learning hours and certificate of each participant"
    ))  # fmt: skip
    expect(_row(hours, "陳大文")).to_contain_text("1.5")
    with page.expect_navigation():
        page.get_by_role(
            "button", name=text("Issue certificates to everyone who completed")
        ).click()
    expect(page.get_by_role("status")).to_have_text(text("%(count)d certificates issued.", count=2))
    audit(page, watch)
    certificates = {c.registration.employee.name: c for c in Certificate.objects.all()}
    assert sorted(certificates) == ["王小美", "陳大文"]
    for name, certificate in certificates.items():
        expect(_row(hours, name).get_by_role("link")).to_contain_text(certificate.number)
    expect(_row(hours, "林美玲").get_by_role("link")).to_have_count(0)

    # Anyone verifies a code, signed in or not: a mistyped one first, then the right one.
    public = page.context.browser.new_context(locale="zh-TW").new_page()
    watch.attach(public)
    visit(public, f"{base_url}/events/verify/", watch)
    code = public.get_by_label(re.compile(text("Verification code")))
    code.fill("ABC")
    with public.expect_navigation():
        public.get_by_role("button", name=text("Verify"), exact=True).click()
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_have_value("ABC")
    audit(public, watch)

    certificate = certificates["陳大文"]
    code.fill(certificate.code_display.lower())
    with public.expect_navigation():
        public.get_by_role("button", name=text("Verify"), exact=True).click()
    expect(public.get_by_role("status")).to_contain_text(text("This certificate is valid."))
    main = public.get_by_role("main")
    expect(main).to_contain_text(certificate.number)
    expect(main).to_contain_text("陳○文")
    expect(main).not_to_contain_text("陳大文")
    audit(public, watch)
    public.context.close()
