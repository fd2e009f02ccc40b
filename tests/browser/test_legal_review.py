"""The second person's confirmation of a legal process, in Debian's Chromium: the privacy
officer follows the menu to the legal processes, opens the one waiting, sees what it names
(never its sealed details) and confirms it. Every page passes axe-core's WCAG 2.2 AA rules."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.counseling import services as counselling
from anxin.counseling.consent import services as consent
from anxin.counseling.consent.models import LegalProcess
from anxin.people.models import Employee
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, submit, text

DETAILS = "命令全文：請提供晤談摘要"


@pytest.mark.browser
def test_the_privacy_officer_confirms_a_legal_process(page, watch, base_url, people):
    plan = load_preset("taipei-114")
    item = counselling.request_submit(
        employee=Employee.objects.get(number="E0001"), plan=plan, concern="emotion",
        urgency="soon", mode="phone", gender_preference="any", contact_method="phone",
        contact_value="0912-345-678", details="", preferred_times="",
    )  # fmt: skip
    case = counselling.case_open(
        item=item, counselor=people["counselor"].user, actor=people["intake"].user
    )
    legal = consent.legal_process_record(
        case=case, kind="court_order", reference="北院114年度訴字第1號",
        issued_on=timezone.localdate(), recipient="臺灣臺北地方法院", scope="summary",
        details=DETAILS, actor=people["counselor"].user,
    )  # fmt: skip
    auditor = people["auditor"]
    sign_in(page, base_url, auditor.username, PASSWORD, otp_key=auditor.otp_key, watch=watch)

    follow_menu(page, "Legal processes")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Legal processes"))
    audit(page, watch)

    page.get_by_role("link", name=text("Waiting for a second person's confirmation")).click()
    expect(page.get_by_text("臺灣臺北地方法院")).to_be_visible()
    expect(page.get_by_text(DETAILS)).to_have_count(0)
    audit(page, watch)

    submit(page)  # nothing chosen: the error is shown and passes the audit too
    expect(page.get_by_text(text("Choose whether you confirm it."))).to_be_visible()
    audit(page, watch)

    page.get_by_label(text("Confirm: I have checked the document and what it names")).check()
    submit(page)
    expect(page.get_by_text(text("Your decision has been recorded."))).to_be_visible()
    audit(page, watch)
    legal.refresh_from_db()
    assert (legal.status, legal.decided_by) == (LegalProcess.Status.CONFIRMED, auditor.user)
