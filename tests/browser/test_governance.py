"""The governance pages in Debian's Chromium: the EAP administrator reaches them from the
menu and uploads a meeting document; the committee member, convener of the steering
group, approves the minutes awaiting him from his home page and notes progress on his
own action item. Each page passes axe-core's WCAG 2.2 AA rules."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.governance import services
from anxin.governance.models import ActionProgress, Meeting, MeetingDocument, Member
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text, visit


@pytest.mark.browser
def test_the_governance_pages_pass_the_audit(
    page, watch, base_url, people, org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the uploaded file goes where the test cleans up
    today = timezone.localdate()
    plan = ProgramPlan.objects.create(
        slug="pingtung-browser", name="屏東", authority=org["authority"],
        period_start=date(2020, 1, 1), config=read_preset("pingtung").data,
    )  # fmt: skip
    steering, circle = services.bodies_from_plan(plan=plan)
    services.member_add(
        body=steering, name="劉召集人", position=Member.Position.CONVENER, term_start=today,
        user=people["committee"].user,
    )  # fmt: skip
    to_approve = services.meeting_schedule(
        body=steering, kind="", title="推動小組臨時會議", held_on=today, reason="年度檢討"
    )
    services.minutes_save(meeting=to_approve, text="一、年度成果報告，洽悉。", expected_version=1)
    services.minutes_submit(meeting=to_approve, actor=people["eap_admin"].user, expected_version=2)
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
    page.get_by_label(text("Document title")).fill("災後關懷需求調查表")
    page.get_by_label(text("File")).set_input_files(
        files=[{"name": "survey.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n% survey\n%%EOF\n"}]
    )  # fmt: skip
    with page.expect_navigation():
        page.get_by_role("button", name=text("Upload"), exact=True).click()
    expect(page.get_by_text(text("Document uploaded."))).to_be_visible()
    expect(page.get_by_role("link", name="災後關懷需求調查表")).to_be_visible()
    audit(page, watch)
    assert MeetingDocument.objects.get().content_type == "application/pdf"
    for url in ("/governance/bodies/", "/governance/calendar/", "/governance/work-plan/",
                "/governance/rewards/"):  # fmt: skip
        visit(page, f"{base_url}{url}", watch)

    page.context.clear_cookies()
    committee = people["committee"]
    sign_in(page, base_url, committee.username, PASSWORD, otp_key=committee.otp_key, watch=watch)
    expect(page.get_by_text("彙整關懷需求")).to_be_visible()
    expect(page.get_by_role("heading", name=text("Minutes awaiting your approval"))).to_be_visible()
    audit(page, watch)

    with page.expect_navigation():
        page.get_by_role("link", name="推動小組臨時會議").first.click()
    expect(page.get_by_text("一、年度成果報告，洽悉。")).to_be_visible()
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Approve the minutes")).click()
    expect(page.get_by_text(text("You approved the minutes."))).to_be_visible()
    audit(page, watch)
    to_approve.refresh_from_db()
    assert to_approve.minutes_status == Meeting.Minutes.APPROVED
    assert to_approve.approved_by == people["committee"].user

    follow_menu(page, "Your action items")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Your action items"))
    audit(page, watch)
    page.get_by_label(text("Progress note")).fill("已發出調查表")
    with page.expect_navigation():
        page.get_by_role("button", name=text("Note the progress")).click()
    expect(page.get_by_text(text("Progress noted."))).to_be_visible()
    expect(page.get_by_text("已發出調查表")).to_be_visible()
    audit(page, watch)
    assert ActionProgress.objects.get().note == "已發出調查表"
