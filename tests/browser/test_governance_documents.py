"""The secretariat's corrections in Debian's Chromium: the EAP administrator replaces a
wrong meeting document with a new version and deletes another, then renews a member's
term from the home page's card of terms ending. Each page passes axe-core's WCAG 2.2 AA
rules. (The convener's approval of the minutes is walked in test_governance.py.)"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from anxin.governance import services
from anxin.governance.models import GovernanceLog, MeetingDocument, Member
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text

PDF = b"%PDF-1.4\n% wrong\n%%EOF\n"


@pytest.mark.browser
def test_the_secretariat_replaces_and_deletes_documents_and_renews_a_term(
    page, watch, base_url, people, org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the stored files go where the test cleans up
    today = timezone.localdate()
    plan = ProgramPlan.objects.create(
        slug="pingtung-browser-docs", name="屏東", authority=org["authority"],
        period_start=date(2020, 1, 1), config=read_preset("pingtung").data,
    )  # fmt: skip
    _steering, circle = services.bodies_from_plan(plan=plan)
    member = services.member_add(
        body=circle, name="何專員", position=Member.Position.MEMBER, term_start=date(2025, 1, 1),
        term_end=today + timedelta(days=30),
    )  # fmt: skip
    meeting = services.meeting_schedule(
        body=circle, kind="", title="臨時會議", held_on=today, reason="颱風災後關懷"
    )
    admin = people["eap_admin"]
    wrong, extra = (
        services.document_add(
            meeting=meeting,
            title=title,
            content_type="application/pdf",
            actor=admin.user,
            upload=SimpleUploadedFile("wrong.pdf", PDF),
        )
        for title in ("關懷需求調查表", "舊版簽到表")
    )

    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    card = page.get_by_role("region", name=text("Terms ending within 60 days"))
    expect(card.get_by_role("link", name="何專員")).to_be_visible()
    audit(page, watch)

    page.goto(f"{base_url}/governance/meetings/{meeting.pk}/")
    page.get_by_text(text("Replace or delete “%(title)s”", title="關懷需求調查表")).click()
    page.get_by_label(text("New version of the file")).first.set_input_files(
        files=[{"name": "survey-v2.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n% right\n%%EOF\n"}]
    )  # fmt: skip
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Replace with this version")).first.click()
    expect(page.get_by_text(text("New version of the document kept."))).to_be_visible()
    expect(page.get_by_text(text("version %(number)s", number=2))).to_be_visible()
    audit(page, watch)
    wrong.refresh_from_db()
    assert (wrong.version, wrong.filename) == (2, "survey-v2.pdf")

    page.get_by_text(text("Replace or delete “%(title)s”", title="舊版簽到表")).click()
    delete = text("Delete “%(title)s”", title="舊版簽到表")
    with page.expect_navigation():
        page.get_by_role("button", name=delete).click()
    expect(page.get_by_text(text("Document deleted."))).to_be_visible()
    expect(page.get_by_role("link", name="舊版簽到表")).to_have_count(0)
    expect(page.get_by_role("heading", name=text("Documents replaced or deleted"))).to_be_visible()
    audit(page, watch)
    assert not MeetingDocument.objects.filter(pk=extra.pk).exists()
    assert GovernanceLog.objects.count() == 2

    page.goto(f"{base_url}/")
    with page.expect_navigation():
        page.get_by_role("region", name=text("Terms ending within 60 days")).get_by_role(
            "link", name="何專員"
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("The term of %(name)s", name="何專員")
    )
    audit(page, watch)
    new_end = date(today.year + 2, 12, 31)
    page.get_by_label(text("Term ends")).fill(new_end.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name=text("Save the term")).click()
    expect(page.get_by_text(text("Term saved."))).to_be_visible()
    audit(page, watch)
    member.refresh_from_db()
    assert member.term_end == new_end
