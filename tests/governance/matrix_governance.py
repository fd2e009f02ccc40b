"""Authorization-matrix rows of the governance pages (tests/test_authorization_matrix.py).

The EAP administrator runs everything of the authority; a committee member reads the
bodies, calendar, meetings and work plan, the minutes' files once published, the files
of a body he or she sits on, his or her own action items (another's: 404); a convener
approves or returns the minutes of his or her body (another body's: 404). Only the EAP
administrator replaces or deletes a meeting's files and edits a member's term."""

import shutil
import tempfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from anxin.governance import services
from anxin.governance.models import Body, Member, RewardProposal
from anxin.people.roles import Role
from tests.matrix_profiles import EAP_ADMIN, NOT_ALLOWED

MANAGERS = EAP_ADMIN
READERS = EAP_ADMIN.but({Role.COMMITTEE: "ok"})
# A draft's files and another member's action item: the committee member gets 404.
MANAGERS_ONLY_HERE = EAP_ADMIN.but({Role.COMMITTEE: "404"})
# The convener's own steps, which the EAP administrator does not take (404).
CONVENER = READERS.but({Role.EAP_ADMIN: "404"})
NOBODY_HERE = EAP_ADMIN.but({Role.EAP_ADMIN: "404", Role.COMMITTEE: "404"})
DRAFT = "/governance/meetings/{gov_draft}/"
# A meeting of a body whose convener is the committee member of the matrix.
CONVENED = "/governance/meetings/{gov_convened}/"
PUBLISHED = "/governance/meetings/{gov_published}/"

ROWS = [
    ("governance:bodies", "GET", "/governance/bodies/", READERS),
    ("governance:bodies", "POST", "/governance/bodies/", NOT_ALLOWED),
    ("governance:bodies_from_plan", "POST", "/governance/bodies/from-plan/", MANAGERS),
    ("governance:bodies_from_plan", "GET", "/governance/bodies/from-plan/", NOT_ALLOWED),
    # An empty form is shown again with its errors (200): nothing is stored.
    ("governance:member_add", "POST", "/governance/bodies/{gov_body}/members/", MANAGERS),
    ("governance:member_add", "GET", "/governance/bodies/{gov_body}/members/", NOT_ALLOWED),
    # Without the version read: the form is shown again with its error (200).
    ("governance:member_term", "GET", "/governance/members/{gov_member}/term/", MANAGERS),
    ("governance:member_term", "POST", "/governance/members/{gov_member}/term/", MANAGERS),
    ("governance:member_term", "PUT", "/governance/members/{gov_member}/term/", NOT_ALLOWED),
    ("governance:calendar", "GET", "/governance/calendar/", READERS),
    ("governance:calendar", "POST", "/governance/calendar/", NOT_ALLOWED),
    ("governance:meetings", "GET", "/governance/meetings/", READERS),
    ("governance:meetings", "POST", "/governance/meetings/", NOT_ALLOWED),
    ("governance:meeting_schedule", "POST", "/governance/meetings/new/", MANAGERS),
    ("governance:meeting_schedule", "GET", "/governance/meetings/new/", NOT_ALLOWED),
    ("governance:meetings_schedule_year", "POST", "/governance/meetings/year/", MANAGERS),
    ("governance:meetings_schedule_year", "GET", "/governance/meetings/year/", NOT_ALLOWED),
    ("governance:meeting_detail", "GET", DRAFT, READERS),
    ("governance:meeting_detail", "GET", PUBLISHED, READERS),
    ("governance:meeting_detail", "POST", DRAFT, NOT_ALLOWED),
    ("governance:meeting_agenda_add", "POST", DRAFT + "agenda/", MANAGERS),
    ("governance:meeting_agenda_add", "GET", DRAFT + "agenda/", NOT_ALLOWED),
    # An empty form is shown again with its errors (200): nothing is stored.
    ("governance:meeting_document_add", "POST", DRAFT + "documents/", MANAGERS),
    ("governance:meeting_document_add", "GET", DRAFT + "documents/", NOT_ALLOWED),
    # The committee member sits on the document's body.
    ("governance:meeting_document", "GET", "/governance/documents/{gov_document}/", READERS),
    ("governance:meeting_document", "POST", "/governance/documents/{gov_document}/",
     NOT_ALLOWED),
    # An empty form is shown again with its errors (200): nothing is replaced.
    ("governance:meeting_document_replace", "POST",
     "/governance/documents/{gov_document}/replace/", MANAGERS),
    ("governance:meeting_document_replace", "GET",
     "/governance/documents/{gov_document}/replace/", NOT_ALLOWED),
    # Without the version read: refused as stale, shown on the meeting's page; kept.
    ("governance:meeting_document_delete", "POST",
     "/governance/documents/{gov_document}/delete/", MANAGERS),
    ("governance:meeting_document_delete", "GET",
     "/governance/documents/{gov_document}/delete/", NOT_ALLOWED),
    ("governance:meeting_attendance", "POST", DRAFT + "attendance/", MANAGERS),
    ("governance:meeting_attendance", "GET", DRAFT + "attendance/", NOT_ALLOWED),
    ("governance:meeting_minutes", "POST", DRAFT + "minutes/", MANAGERS),
    ("governance:meeting_minutes", "GET", DRAFT + "minutes/", NOT_ALLOWED),
    # Without the version read: refused as stale, shown on the meeting's page.
    ("governance:meeting_submit", "POST", DRAFT + "submit/", MANAGERS),
    ("governance:meeting_submit", "GET", DRAFT + "submit/", NOT_ALLOWED),
    ("governance:meeting_approve", "POST", DRAFT + "approve/", MANAGERS_ONLY_HERE),
    ("governance:meeting_approve", "POST", CONVENED + "approve/", READERS),
    ("governance:meeting_approve", "GET", DRAFT + "approve/", NOT_ALLOWED),
    # An empty comment: the form is shown again with its error (200).
    ("governance:meeting_return", "POST", CONVENED + "return/", CONVENER),
    ("governance:meeting_return", "POST", DRAFT + "return/", NOBODY_HERE),
    ("governance:meeting_return", "GET", CONVENED + "return/", NOT_ALLOWED),
    ("governance:meeting_publish", "POST", DRAFT + "publish/", MANAGERS),
    ("governance:meeting_publish", "GET", DRAFT + "publish/", NOT_ALLOWED),
    ("governance:meeting_decision_add", "POST", DRAFT + "decisions/", MANAGERS),
    ("governance:meeting_decision_add", "GET", DRAFT + "decisions/", NOT_ALLOWED),
    ("governance:meeting_action_add", "POST", DRAFT + "actions/", MANAGERS),
    ("governance:meeting_action_add", "GET", DRAFT + "actions/", NOT_ALLOWED),
    ("governance:minutes_odt", "GET", DRAFT + "minutes.odt", MANAGERS_ONLY_HERE),
    ("governance:minutes_odt", "GET", PUBLISHED + "minutes.odt", READERS),
    ("governance:minutes_odt", "POST", PUBLISHED + "minutes.odt", NOT_ALLOWED),
    ("governance:minutes_pdf", "GET", DRAFT + "minutes.pdf", MANAGERS_ONLY_HERE),
    ("governance:minutes_pdf", "GET", PUBLISHED + "minutes.pdf", READERS),
    ("governance:minutes_pdf", "POST", PUBLISHED + "minutes.pdf", NOT_ALLOWED),
    # Owned by a named member without an account: the committee member may not close it.
    ("governance:action_close", "POST", "/governance/actions/{gov_action}/close/",
     MANAGERS_ONLY_HERE),
    ("governance:action_close", "GET", "/governance/actions/{gov_action}/close/", NOT_ALLOWED),
    ("governance:action_progress", "POST", "/governance/actions/{gov_action}/progress/",
     MANAGERS_ONLY_HERE),
    ("governance:action_progress", "GET", "/governance/actions/{gov_action}/progress/",
     NOT_ALLOWED),
    ("governance:my_actions", "GET", "/governance/actions/", READERS),
    ("governance:my_actions", "POST", "/governance/actions/", NOT_ALLOWED),
    ("governance:workplan", "GET", "/governance/work-plan/", READERS),
    ("governance:workplan", "POST", "/governance/work-plan/", NOT_ALLOWED),
    ("governance:workplan_add", "POST", "/governance/work-plan/new/", MANAGERS),
    ("governance:workplan_add", "GET", "/governance/work-plan/new/", NOT_ALLOWED),
    ("governance:workplan_update", "GET", "/governance/work-plan/{gov_item}/", MANAGERS),
    ("governance:workplan_update", "POST", "/governance/work-plan/{gov_item}/", MANAGERS),
    ("governance:workplan_update", "PUT", "/governance/work-plan/{gov_item}/", NOT_ALLOWED),
    ("governance:rewards", "GET", "/governance/rewards/", MANAGERS),
    ("governance:rewards", "POST", "/governance/rewards/", NOT_ALLOWED),
    ("governance:rewards_propose", "POST", "/governance/rewards/propose/", MANAGERS),
    ("governance:rewards_propose", "GET", "/governance/rewards/propose/", NOT_ALLOWED),
    # An empty form is shown again with its errors (200).
    ("governance:reward_add", "POST", "/governance/rewards/new/", MANAGERS),
    ("governance:reward_add", "GET", "/governance/rewards/new/", NOT_ALLOWED),
    ("governance:reward_decide", "POST", "/governance/rewards/{gov_reward}/decide/", MANAGERS),
    ("governance:reward_decide", "GET", "/governance/rewards/{gov_reward}/decide/", NOT_ALLOWED),
    ("governance:rewards_ods", "GET", "/governance/rewards/export.ods", MANAGERS),
    ("governance:rewards_ods", "POST", "/governance/rewards/export.ods", NOT_ALLOWED),
]  # fmt: skip


def _media_for(cls) -> None:
    """The uploaded file of the matrix goes to a folder of its own, removed after."""
    media = tempfile.mkdtemp(prefix="anxin-matrix-media-")
    override = override_settings(MEDIA_ROOT=media)
    override.enable()
    cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
    cls.addClassCleanup(override.disable)


def placeholders(cls) -> dict:
    _media_for(cls)
    committee = cls.people[Role.COMMITTEE]
    body = Body.objects.create(authority=cls.authority, key="matrix_circle", name="工作圈")
    member = Member.objects.create(body=body, name="張委員", term_start=date(2026, 1, 1))
    Member.objects.create(body=body, name="委員", user=committee, term_start=date(2026, 1, 1))
    steering = Body.objects.create(authority=cls.authority, key="matrix_steering", name="小組")
    Member.objects.create(
        body=steering, name="召集人", user=committee, position=Member.Position.CONVENER,
        term_start=date(2026, 1, 1),
    )  # fmt: skip
    convened = services.meeting_schedule(
        body=steering, kind="", title="小組臨時會議", held_on=date(2026, 3, 2), reason="需要"
    )
    services.minutes_save(meeting=convened, text="紀錄", expected_version=1)
    services.minutes_submit(meeting=convened, actor=cls.eap_admin, expected_version=2)
    draft = services.meeting_schedule(
        body=body, kind="", title="臨時會議", held_on=date(2026, 3, 1), reason="需要"
    )
    action = services.action_add(
        meeting=draft, text="整理資料", owner=member, due_on=date(2026, 4, 1)
    )
    document = services.document_add(
        meeting=draft, title="會議資料", content_type="application/pdf", actor=cls.eap_admin,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
    )  # fmt: skip
    published = services.meeting_schedule(
        body=body, kind="", title="第二次臨時會議", held_on=date(2026, 2, 1), reason="需要"
    )
    services.minutes_save(meeting=published, text="紀錄", expected_version=1)
    published.refresh_from_db()
    services.minutes_approve(meeting=published, actor=cls.eap_admin, expected_version=2)
    services.minutes_publish(meeting=published, expected_version=3)
    item = services.workplan_item_add(
        authority=cls.authority, year=2026, aspect="計畫擬定", item="需求調查",
        practice="辦理需求調查", owner_unit=cls.agency,
    )  # fmt: skip
    reward = RewardProposal.objects.create(
        authority=cls.authority, year=2026, rule="effective_work", member=member,
        name=member.name, grounds="如期完成",
    )  # fmt: skip
    return {
        "gov_body": body.pk,
        "gov_member": member.pk,
        "gov_draft": draft.pk,
        "gov_convened": convened.pk,
        "gov_document": document.pk,
        "gov_published": published.pk,
        "gov_action": action.pk,
        "gov_item": item.pk,
        "gov_reward": reward.pk,
    }
