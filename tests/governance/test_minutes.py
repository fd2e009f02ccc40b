"""Minutes: drafted, approved, published; stale edits refused; re-read from ODT and PDF;
never clinical."""

import io
from datetime import date

from odf import teletype
from odf.opendocument import load
from odf.text import H, P

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused
from anxin.governance import exports, services
from anxin.governance.models import Meeting
from tests.governance.base import YEAR, GovernanceTestCase
from tests.pdf_tools import pdf_text

MINUTES = "一、滿意度調查回收率達六成。\n二、下半年增辦主管敏感度訓練。"


class MinutesTest(GovernanceTestCase):
    def setUp(self):
        self.meeting = self.schedule(place="人事處會議室")
        services.agenda_add(
            meeting=self.meeting, title="年度滿意度調查結果", document="府人企字第1130001號"
        )
        services.attendance_record(meeting=self.meeting, present={self.member.pk})
        services.decision_add(
            meeting=self.meeting, text="增辦主管敏感度訓練", proposed_by=self.member
        )
        services.action_add(
            meeting=self.meeting, text="擬訂訓練計畫", owner=self.member, due_on=date(YEAR, 4, 30)
        )
        services.minutes_save(meeting=self.meeting, text=MINUTES, expected_version=1)

    def test_it_drafts_approves_and_publishes(self):
        self.meeting.refresh_from_db()
        services.minutes_approve(meeting=self.meeting, actor=self.eap_admin, expected_version=2)
        services.minutes_publish(meeting=self.meeting, expected_version=3)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.minutes_status, Meeting.Minutes.PUBLISHED)
        self.assertEqual(self.meeting.approved_by, self.eap_admin)
        with self.assertRaises(Refused):
            services.minutes_save(meeting=self.meeting, text="改寫", expected_version=4)

    def test_it_refuses_a_stale_edit(self):
        with self.assertRaises(StaleEdit):
            services.minutes_save(meeting=self.meeting, text="舊版本的修改", expected_version=1)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.minutes, MINUTES)
        self.assertEqual(self.meeting.version, 2)

    def test_it_refuses_to_publish_unapproved_minutes(self):
        with self.assertRaises(Refused) as refused:
            services.minutes_publish(meeting=self.meeting, expected_version=2)
        self.assertEqual(refused.exception.code, "not_approved")

    def test_it_refuses_minutes_that_quote_a_case(self):
        for text in ("討論個案 PTH113-0042 之轉介", "TPE114-0007 申請延長"):
            with self.assertRaises(Refused) as refused:
                services.minutes_save(meeting=self.meeting, text=text, expected_version=2)
            self.assertEqual(refused.exception.code, "clinical")
        with self.assertRaises(Refused):
            services.decision_add(meeting=self.meeting, text="同意 PTH113-0042 延長")
        with self.assertRaises(Refused):
            services.action_add(
                meeting=self.meeting,
                text="追蹤TPE114-0042",
                owner=self.member,
                due_on=date(YEAR, 5, 1),
            )

    def test_it_reads_back_the_minutes_from_odt(self):
        document = load(io.BytesIO(exports.minutes_odt(self.meeting)))
        headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
        paragraphs = [teletype.extractText(p) for p in document.getElementsByType(P)]
        self.assertEqual(headings[0], f"{self.circle.name} 定期會議")
        text = "\n".join(paragraphs)
        for expected in (
            "一、滿意度調查回收率達六成。",
            "二、下半年增辦主管敏感度訓練。",
            "年度滿意度調查結果",
            "增辦主管敏感度訓練",
            "擬訂訓練計畫",
            "劉委員",
            "人事處會議室",
        ):
            self.assertIn(expected, text)
        self.assertIn("張委員", text)  # absent

    def test_it_reads_back_the_minutes_from_pdf(self):
        text = "".join(pdf_text(exports.minutes_pdf(self.meeting)).split())
        for expected in (
            "一、滿意度調查回收率達六成。",
            "年度滿意度調查結果",
            "擬訂訓練計畫",
            "劉委員",
        ):
            self.assertIn(expected, text)
