"""Issue 13 item 3 in a browser: the employee's 「誰讀取了我的資料」 with a disclosure, an
emergency read and routine looks passes axe-core, says what happened in words, and keeps
the disclosure and the emergency read on top of every page; the own-reads switch and the
filters work without JavaScript."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.core.audit import access_log_append
from anxin.counseling import services as counselling
from anxin.counseling.consent import services as consent_services
from anxin.counseling.consent.models import ConsentRecord
from anxin.counseling.flows.services import PURPOSE_BREAK_GLASS
from anxin.counseling.models import SessionRecord
from anxin.people.roles import Role
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text


@pytest.mark.browser
def test_the_employee_reads_her_access_log_in_words(page, watch, base_url, people, org):
    employee, counselor, intake = people[Role.EMPLOYEE], people[Role.COUNSELOR], people[Role.INTAKE]
    plan = load_preset("taipei-114")
    subject = employee.user.employee
    item = counselling.request_submit(
        employee=subject, plan=plan, concern="emotion", urgency="soon", mode="face_to_face",
        gender_preference="any", contact_method="phone", contact_value="0912-345-678",
        details="最近睡不好", preferred_times="週二下午",
    )  # fmt: skip
    case = counselling.case_open(item=item, counselor=counselor.user, actor=intake.user)
    record = counselling.session_record(
        case=case, author=counselor.user, held_at=timezone.now() - timedelta(days=1),
        minutes=50, mode="face_to_face",
        clinical={field: "x" for field in SessionRecord.SEALED} | {"risk_level": "low"},
    )  # fmt: skip
    consent = consent_services.consent_sign(
        consent=consent_services.consent_propose(
            case=case, recipient="人事室 張主任", scope="attendance", purpose="work_adjustment",
            scope_text="出席與否", purpose_text="調整工作量", actor=counselor.user,
            valid_until=timezone.localdate() + timedelta(days=30),
        )
    )  # fmt: skip
    consent_services.disclosure_record(
        case=case, consent=consent, scope="attendance", recipient=consent.recipient,
        details="", actor=counselor.user, role="counselor",
    )  # fmt: skip
    counselling.session_read(
        record=record, case=case, actor=intake.user, role="intake", purpose=PURPOSE_BREAK_GLASS
    )
    start = timezone.now() - timedelta(days=2)
    for minute in range(60):  # more looks than a page holds
        at = start + timedelta(minutes=minute)
        with mock.patch("django.utils.timezone.now", return_value=at):
            counselling.session_read(
                record=record, case=case, actor=counselor.user, role="counselor"
            )
    access_log_append(
        actor=employee.user, role="employee", record=item, field="details",
        purpose="self_view", subject_uuid=subject.uuid,
    )  # fmt: skip

    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "Who read my file")
    on_top = page.locator("section[aria-labelledby=standing-out]")
    expect(on_top).to_contain_text(text("Disclosure"))
    expect(on_top).to_contain_text(text("Emergency read"))
    expect(on_top).to_contain_text("人事室 張主任")
    expect(on_top).to_contain_text(text(ConsentRecord.Scope.ATTENDANCE.label))
    lines = page.locator("section[aria-labelledby=reads] tbody tr")
    expect(lines).to_have_count(50)
    expect(lines.filter(has_text=text("You yourself"))).to_have_count(0)
    audit(page, watch)

    page.get_by_role("link", name=text("Next page")).first.click()
    expect(page.locator("section[aria-labelledby=standing-out]")).to_contain_text("人事室 張主任")
    audit(page, watch)

    page.get_by_label(text("Reader's role")).select_option(label=text(Role.INTAKE.label))
    page.get_by_role("button", name=text("Filter")).click()
    expect(lines).to_have_count(1)
    expect(lines).to_contain_text(text(Role.INTAKE.label))
    audit(page, watch)

    page.get_by_label(text("Reader's role")).select_option(index=0)
    page.get_by_role("button", name=text("Filter")).click()
    page.get_by_role("link", name=text("Also show your own looks at your file")).click()
    expect(lines.filter(has_text=text("You yourself"))).to_have_count(1)
    audit(page, watch)
