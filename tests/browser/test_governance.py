"""The governance pages in Debian's Chromium: the EAP administrator reaches them from the
menu, each passes axe-core's WCAG 2.2 AA rules, and the committee member's home page
shows the next meeting and his or her open action item."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.governance import services
from anxin.governance.models import Member
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text, visit


@pytest.mark.browser
def test_the_governance_pages_pass_the_audit(page, watch, base_url, people, org):
    today = timezone.localdate()
    plan = ProgramPlan.objects.create(
        slug="pingtung-browser", name="屏東", authority=org["authority"],
        period_start=date(2020, 1, 1), config=read_preset("pingtung").data,
    )  # fmt: skip
    _steering, circle = services.bodies_from_plan(plan=plan)
    member = services.member_add(
        body=circle, name="劉委員", position=Member.Position.GROUP_LEADER,
        group=circle.groups.get(number=1), term_start=today, user=people["committee"].user,
    )  # fmt: skip
    meeting = services.meeting_schedule(
        body=circle, kind="", title="臨時會議", held_on=today, reason="颱風災後關懷"
    )
    services.agenda_add(meeting=meeting, title="災後關懷措施")
    services.action_add(
        meeting=meeting, text="彙整關懷需求", owner=member, due_on=today + timedelta(days=7)
    )
    services.workplan_item_add(
        authority=org["authority"], year=today.year, aspect="計畫擬定", item="需求調查",
        practice="辦理需求調查", owner_unit=org["agency"], target="回收率五成",
    )  # fmt: skip

    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    follow_menu(page, "Committee meetings")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Committee meetings"))
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name="臨時會議", exact=True).click()
    audit(page, watch)
    for url in ("/governance/bodies/", "/governance/calendar/", "/governance/work-plan/",
                "/governance/rewards/"):  # fmt: skip
        visit(page, f"{base_url}{url}", watch)

    page.context.clear_cookies()
    committee = people["committee"]
    sign_in(page, base_url, committee.username, PASSWORD, otp_key=committee.otp_key, watch=watch)
    expect(page.get_by_text("彙整關懷需求")).to_be_visible()
    audit(page, watch)
