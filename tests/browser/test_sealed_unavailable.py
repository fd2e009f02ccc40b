"""A case page holding one session-record field that will not open (its ciphertext copied
from another record), in Debian's Chromium: the page opens, the field says why it cannot be
shown, the rest reads as usual, and the page passes axe-core's WCAG 2.2 AA rules."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.core.models import AccessLog
from anxin.counseling import services
from anxin.counseling.models import SessionRecord
from anxin.people.models import Employee
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text, visit

NOTE = (
    "This item cannot be shown: its sealed content did not open (it may have been altered, "
    "or the key it was sealed with is missing). The privacy officer has been told. The rest "
    "of the page is not affected."
)


@pytest.fixture
def case(org, people):
    plan = load_preset("taipei-114")
    item = services.request_submit(
        employee=Employee.objects.get(number="E0001"),
        plan=plan,
        concern="emotion",
        urgency="soon",
        mode="face_to_face",
        gender_preference="any",
        contact_method="phone",
        contact_value="0912-345-678",
        details="最近睡不好",
        preferred_times="週二下午",
    )
    case = services.case_open(
        item=item, counselor=people["counselor"].user, actor=people["intake"].user
    )
    records = [
        services.session_record(
            case=case,
            author=case.counselor,
            held_at=timezone.now() - timedelta(days=days),
            minutes=50,
            mode="face_to_face",
            clinical={
                "presenting_concern": f"主訴{days}",
                "assessment": f"評估{days}",
                "intervention": "放鬆訓練",
                "recommendations": "",
                "follow_up": "",
                "risk_level": "low",
            },
        )
        for days in (2, 1)
    ]
    token = SessionRecord.objects.values_list("assessment", flat=True).get(pk=records[0].pk)
    SessionRecord.objects.filter(pk=records[1].pk).update(assessment=token)
    return case


def test_the_case_page_shows_the_one_field_as_unavailable(page, watch, base_url, people, case):
    counselor = people["counselor"]
    sign_in(page, base_url, counselor.username, PASSWORD, otp_key=counselor.otp_key, watch=watch)
    visit(page, f"{base_url}{case.get_absolute_url()}", watch)
    expect(page.get_by_role("note")).to_have_count(1)
    expect(page.get_by_role("note")).to_have_text(text(NOTE))
    expect(page.get_by_text("評估2", exact=True)).to_be_visible()
    expect(page.get_by_text("評估1", exact=True)).to_have_count(0)
    expect(page.get_by_text("主訴1", exact=True)).to_be_visible()
    audit(page, watch)
    assert AccessLog.objects.filter(outcome=AccessLog.Outcome.UNREADABLE).count() == 1
