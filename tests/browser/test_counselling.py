"""The whole counselling path in Debian's Chromium: the employee applies, the intake
coordinator assigns a counsellor, the counsellor writes a sealed session record, and the
employee finds every read of her file in "Who read my file". Each person has a browser
context of her own, and every page shown passes axe-core's WCAG 2.2 AA rules."""

import re
import secrets
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import ngettext
from playwright.sync_api import Page, expect

from anxin.core.models import AccessLog
from anxin.core.roc import format_short
from anxin.counseling.forms import STATEMENT
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.people.roles import Role
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import (
    PageWatch,
    audit,
    follow_menu,
    sign_in,
    submit,
    text,
)

DETAILS = "最近睡不好，工作時常常分心"
AVAILABILITY = "%(name)s — %(cases)s open cases, %(free)s free times in the next two weeks"
PHONE = "0912-345-678"
# The sealed text fields of a session record, by their labels.
SEALED_LABELS = {
    "Presenting concern": "presenting_concern",
    "Assessment": "assessment",
    "Intervention": "intervention",
    "Recommendations": "recommendations",
    "Follow-up plan": "follow_up",
}


@pytest.fixture
def plan(org):
    """The Taipei 114 plan: its agency code 379000000A is the fixtures' authority."""
    return load_preset("taipei-114")


def _field(page: Page, msgid: str):
    """The form control labelled exactly `msgid` (a required field's label ends with an
    asterisk hidden from screen readers)."""
    return page.get_by_label(re.compile(rf"^{re.escape(text(msgid))}(\s*\*)?$"))


def _heading(page: Page, message: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(message)


def _apply(page: Page, watch: PageWatch, base_url: str) -> None:
    """The employee's part: the empty form, the form refused for the statement not
    accepted (keeping what she typed), then sent; her request is listed."""
    follow_menu(page, "My counselling requests")
    expect(page).to_have_url(f"{base_url}/counselling/my-requests/")
    _heading(page, text("My counselling requests"))
    expect(page.get_by_text(text("You have not applied for counselling."))).to_be_visible()
    audit(page, watch)

    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name=text("Apply for counselling")).click()
    _heading(page, text("Apply for counselling"))
    expect(page.get_by_text(text(STATEMENT))).to_be_visible()
    audit(page, watch)

    concern = _field(page, "Kind of concern")
    details = _field(page, "What would you like help with? (optional)")
    contact = _field(page, "Telephone number or e-mail address")
    accept = _field(page, "I have read the statement above on voluntariness and confidentiality.")
    concern.select_option(label="情緒")
    details.fill(DETAILS)
    _field(page, "How urgent is it?").select_option("soon")
    _field(page, "Preferred mode").select_option("video")
    _field(page, "How should we contact you?").select_option("phone")
    contact.fill(PHONE)
    submit(page)

    expect(
        page.get_by_text(
            text("Please confirm that you have read the statement to send the request.")
        )
    ).to_be_visible()
    expect(accept).to_have_attribute("aria-invalid", "true")
    expect(concern).to_have_value("emotion")
    expect(details).to_have_value(DETAILS)
    expect(_field(page, "Preferred mode")).to_have_value("video")
    expect(contact).to_have_value(PHONE)
    assert not CounsellingRequest.objects.exists()
    audit(page, watch)

    accept.check()
    submit(page)
    expect(page).to_have_url(f"{base_url}/counselling/my-requests/")
    expect(page.get_by_role("status")).to_have_text(
        text("Your request has been sent. A coordinator will assign a counsellor to you.")
    )
    rows = page.get_by_role("table", name=text("Your requests, the latest first")).locator(
        "tbody tr"
    )
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("情緒")
    expect(rows.first).to_contain_text(text("Waiting for a counsellor to be assigned"))
    audit(page, watch)


def _assign(page: Page, watch: PageWatch, base_url: str, counselor_name: str) -> Case:
    """The intake coordinator's part: the queue, the request with its text, the case."""
    follow_menu(page, "Intake queue")
    expect(page).to_have_url(f"{base_url}/counselling/queue/")
    _heading(page, text("Intake queue"))
    queue = page.get_by_role("table", name=text("Waiting requests: urgent first, then the oldest"))
    expect(queue.locator("tbody tr")).to_have_count(1)
    audit(page, watch)

    with page.expect_navigation():
        queue.get_by_role("link", name=re.compile(re.escape(text("Open and assign")))).click()
    _heading(page, text("Counselling request"))
    expect(page.get_by_text(DETAILS)).to_be_visible()
    expect(page.get_by_text(PHONE, exact=False)).to_be_visible()
    audit(page, watch)

    # Each counsellor is offered with open cases and free times (none yet).
    _field(page, "Counsellor").select_option(
        label=text(AVAILABILITY, name=counselor_name, cases=0, free=0)
    )
    submit(page)
    case = Case.objects.get()
    expect(page).to_have_url(f"{base_url}/counselling/queue/")
    expect(page.get_by_role("status")).to_have_text(
        text("Case %(code)s opened and assigned.", code=case.code)
    )
    expect(page.get_by_text(text("No request is waiting."))).to_be_visible()
    audit(page, watch)
    return case


def _record(page: Page, watch: PageWatch, base_url: str, case: Case, marker: str) -> None:
    """The counsellor's part: her cases, the case, a session record written and shown."""
    follow_menu(page, "My cases")
    expect(page).to_have_url(f"{base_url}/counselling/cases/")
    _heading(page, text("My cases"))
    with translation.override("zh-hant"):
        caption = ngettext(
            "%(counter)s case, open cases first", "%(counter)s cases, open cases first", 1
        ) % {"counter": 1}
    cases = page.get_by_role("table", name=caption)
    expect(cases.locator("tbody tr")).to_have_count(1)
    audit(page, watch)

    with page.expect_navigation():
        cases.get_by_role("link", name=case.code, exact=True).click()
    _heading(page, text("Case %(code)s", code=case.code))
    expect(page.get_by_text(DETAILS)).to_be_visible()
    expect(page.get_by_text(text("No session has been recorded yet."))).to_be_visible()
    audit(page, watch)

    with page.expect_navigation():
        page.get_by_role("link", name=text("Write a session record")).click()
    _heading(page, text("New session record for case %(code)s", code=case.code))
    audit(page, watch)

    yesterday = timezone.localdate() - timedelta(days=1)
    _field(page, "Date").fill(format_short(yesterday))
    _field(page, "Time").fill("14:30")
    for msgid, field in SEALED_LABELS.items():
        _field(page, msgid).fill(f"{field} {marker}")
    _field(page, "Risk level").select_option("low")
    submit(page)

    expect(page).to_have_url(f"{base_url}{case.get_absolute_url()}")
    expect(page.get_by_role("status")).to_have_text(text("Session record saved."))
    record = page.get_by_role("region", name=re.compile("14:30"))
    for field in SEALED_LABELS.values():
        expect(record.get_by_text(f"{field} {marker}", exact=True)).to_be_visible()
    expect(record.get_by_text(text("Low"), exact=True)).to_be_visible()
    audit(page, watch)


def _stored_row_text(table: str) -> str:
    """Every stored value of `table`, as the database holds it, in one string."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a constant table name)
        rows = cursor.fetchall()
    return " ".join(
        bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else str(value)
        for row in rows
        for value in row
    )


@pytest.mark.browser
def test_it_carries_a_request_from_application_to_session_record(
    page, watch, base_url, people, plan, new_page
):
    """An employee applies (told to accept the statement first, keeping what she typed);
    the intake coordinator reads the request and assigns the counsellor; the counsellor
    writes a session record, sealed in the database and shown on the case page; the
    employee then sees the coordinator's and the counsellor's reads in "Who read my
    file". Every page on the way passes the audit."""
    employee, intake, counselor = people["employee"], people["intake"], people["counselor"]
    marker = f"marker-{secrets.token_hex(8)}"

    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    _apply(page, watch, base_url)

    intake_page = new_page()
    sign_in(intake_page, base_url, intake.username, PASSWORD, otp_key=intake.otp_key, watch=watch)
    case = _assign(intake_page, watch, base_url, str(counselor.user))
    assert case.counselor == counselor.user
    assert CounsellingRequest.objects.get().status == CounsellingRequest.Status.ASSIGNED

    counselor_page = new_page()
    sign_in(
        counselor_page,
        base_url,
        counselor.username,
        PASSWORD,
        otp_key=counselor.otp_key,
        watch=watch,
    )
    _record(counselor_page, watch, base_url, case, marker)
    assert SessionRecord.objects.filter(case=case).count() == 1
    stored = _stored_row_text(SessionRecord._meta.db_table)
    assert "video" in stored  # the mode the employee asked for, stored in clear
    assert marker not in stored  # what the counsellor wrote, sealed

    employee_page = new_page()
    sign_in(employee_page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(employee_page, "Who read my file")
    expect(employee_page).to_have_url(f"{base_url}/people/me/access-log/")
    _heading(employee_page, text("Who read my file"))
    subject = employee.user.employee.uuid
    reads = AccessLog.objects.filter(subject_uuid=subject)
    assert reads.filter(actor=intake.user).exists()
    assert reads.filter(actor=counselor.user).exists()
    # One line per look, in words, with the reader's name and role (issue 13).
    lines = employee_page.locator("section[aria-labelledby=reads] tbody tr")
    for person, role in ((intake, Role.INTAKE), (counselor, Role.COUNSELOR)):
        mine = lines.filter(has_text=str(person.user)).filter(has_text=text(role.label))
        expect(mine.first).to_be_visible()
    expect(lines.filter(has_text=text(SessionRecord._meta.verbose_name)).first).to_be_visible()
    audit(employee_page, watch)
