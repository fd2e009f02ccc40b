"""Issue 13 item 3: 「誰讀取了我的資料」 in plain words.

As found on the demo: the page showed `assessments.selftesthistory`,
`counseling.sessionrecord`, `self_view`, `triage`; the employee's own reads (87 of 121)
buried the staff's; a disclosure showed no recipient, scope or basis; only the latest 500
rows were shown, and each counsellor's look at a case wrote 9 rows, so 56 looks pushed
three disclosures off the page; the menu and the home page named the page differently.
"""

import re
import uuid
from datetime import timedelta
from html import unescape
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from anxin.core.access_terms import purpose_of, purposes, record_kind_name
from anxin.core.audit import access_log_append
from anxin.core.models import AccessLog
from anxin.counseling import services as counselling
from anxin.counseling.consent import services as consent_services
from anxin.counseling.consent.models import ConsentRecord
from anxin.counseling.flows.services import PURPOSE_BREAK_GLASS
from anxin.counseling.policies import PURPOSE_CARE, PURPOSE_TRIAGE
from tests.counseling.consent_base import ConsentTestCase

PAGE = "/people/me/access-log/"


def visible_text(html: str) -> str:
    """What a person reads: no tags, attributes, scripts or styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def main_text(html: str) -> str:
    """The page's own content (between <main> and </main>), as read."""
    start, end = html.find("<main"), html.rfind("</main>")
    return visible_text(html[start:end] if start >= 0 and end > start else html)


class AccessLogTestCase(ConsentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.counselor.display_name = "林心怡"
        cls.counselor.save(update_fields=["display_name"])
        cls.intake.display_name = "陳派案"
        cls.intake.save(update_fields=["display_name"])
        cls.counselor2.display_name = "張心理"
        cls.counselor2.save(update_fields=["display_name"])
        cls.session = cls.make_session(cls.case)

    def counsellor_looks(self, *, at=None):
        """What opening the case page reads: the request (3 fields), a record (6)."""
        with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
            counselling.request_read(
                item=self.case.request, actor=self.counselor, role="counselor", purpose=PURPOSE_CARE
            )
            counselling.session_read(
                record=self.session, case=self.case, actor=self.counselor, role="counselor"
            )

    def own_read(self, *, at=None):
        with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
            access_log_append(
                actor=self.alice, role="employee", record=self.session.case.request,
                field="details", purpose="self_view", subject_uuid=self.alice_employee.uuid,
            )  # fmt: skip

    def page(self, query: str = ""):
        self.login(self.alice)
        response = self.client.get(PAGE + query)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class PlainWordsTestCase(AccessLogTestCase):
    def test_it_says_who_read_which_kind_of_record_and_why_in_words(self):
        self.counsellor_looks()
        html = self.page()
        text = main_text(html)
        self.assertIn("心理師閱讀晤談紀錄", text.replace(" ", ""))
        self.assertIn("諮商申請", text)
        self.assertIn("林心怡（心理師）", text)
        self.assertIn(str(purpose_of(PURPOSE_CARE).label), text)
        self.assertNotIn("counseling.sessionrecord", html)

    def test_no_internal_name_reaches_the_page(self):
        """Every kind of row the apps write, own reads shown: no `app_label.model`, no
        snake_case purpose or role, no raw outcome."""
        self.counsellor_looks()
        self.own_read()
        request = self.case.request
        for purpose, actor, role, outcome in [
            (PURPOSE_TRIAGE, self.intake, "intake", AccessLog.Outcome.GRANTED),
            (PURPOSE_BREAK_GLASS, self.intake, "intake", AccessLog.Outcome.GRANTED),
            ("targeting", "targeting", "", AccessLog.Outcome.GRANTED),
            ("care", self.counselor2, "counselor", AccessLog.Outcome.DENIED),
            ("care", self.counselor, "counselor", AccessLog.Outcome.UNREADABLE),
            ("a_purpose_nobody_declared", self.counselor, "provider_admin", "granted"),
        ]:
            access_log_append(
                actor=actor, role=role, record=request, field="details", purpose=purpose,
                subject_uuid=self.alice_employee.uuid, outcome=outcome,
            )  # fmt: skip
        consent = self.make_consent()
        consent_services.disclosure_record(
            case=self.case, consent=consent, scope="session_count",
            recipient=consent.recipient, details="", actor=self.counselor, role="counselor",
        )  # fmt: skip
        html = self.page("?own=1")
        # Not even in an attribute (a filter's value), Django's form ids (id_kind) aside.
        main = html[html.find("<main") : html.rfind("</main>")]
        internal = r"\b[a-z]+\.[a-z_]+\b|\b(?!id_)[a-z]+_[a-z_]+\b"
        self.assertIsNone(re.search(internal, main), main)
        text = main_text(html)
        self.assertIsNone(re.search(r"\b[a-z]+\.[a-z_]+\b", text), text)
        self.assertIsNone(re.search(r"\b[a-z]+_[a-z_]+\b", text), text)
        for raw in ("granted", "denied", "unreadable", "counselor", "intake", "targeting"):
            self.assertNotIn(raw, text)
        self.assertIn("遭拒絕", text)
        self.assertIn("無法開啟", text)
        self.assertIn("安心系統（自動作業）", text)
        self.assertIn("其他目的", text)

    def test_every_purpose_written_in_the_code_has_words(self):
        """Each `PURPOSE_* = "..."` the apps write to the log is declared with a label."""
        from pathlib import Path

        root = Path(__file__).resolve().parents[2] / "anxin"
        written = set()
        for path in root.rglob("*.py"):
            written |= set(re.findall(r'^PURPOSE\w* = "(\w+)"', path.read_text(), re.M))
        self.assertTrue({"care", "triage", "self_view", "disclosure"} <= written)
        self.assertEqual(written - set(purposes()), set())

    def test_a_kind_of_record_nobody_knows_reads_as_a_record(self):
        self.assertEqual(str(record_kind_name("gone.model")), "一筆紀錄")
        self.assertEqual(str(record_kind_name("nonsense")), "一筆紀錄")
        self.assertEqual(str(record_kind_name("counseling.sessionrecord")), "晤談紀錄")
        self.assertEqual(str(purpose_of("a_purpose_nobody_declared").label), "其他目的")


class OwnReadsTestCase(AccessLogTestCase):
    def test_staff_reads_come_first_and_own_reads_are_behind_a_switch(self):
        now = timezone.now()
        for minutes in range(5):
            self.own_read(at=now - timedelta(minutes=minutes))
        self.counsellor_looks(at=now - timedelta(hours=1))
        text = main_text(self.page())
        self.assertIn("林心怡", text)
        self.assertNotIn("您閱讀", text.replace(" ", ""))
        html = self.page()
        self.assertIn('href="?own=1"', html)
        self.assertIn("（5 筆）", main_text(html))
        shown = main_text(self.page("?own=1")).replace(" ", "")
        self.assertEqual(shown.count("您閱讀諮商申請"), 5)
        self.assertIn("心理師閱讀", shown)

    def test_reads_are_grouped_under_roc_month_headings(self):
        now = timezone.localtime()
        last_month = now.replace(day=1) - timedelta(days=3)
        self.counsellor_looks(at=now)
        self.counsellor_looks(at=last_month)
        text = main_text(self.page())
        for day in (now, last_month):
            self.assertIn(f"民國{day.year - 1911}年{day.month}月", text)

    def test_it_filters_by_kind_role_and_period(self):
        now = timezone.now()
        self.counsellor_looks(at=now - timedelta(days=100))
        access_log_append(
            actor=self.intake, role="intake", record=self.case.request, field="details",
            purpose=PURPOSE_TRIAGE, subject_uuid=self.alice_employee.uuid,
        )  # fmt: skip
        html = self.page()
        kind = re.search(r'<option value="(\w+)">晤談紀錄</option>', html).group(1)
        role = re.search(r'<option value="(\w+)">派案協調人員</option>', html).group(1)
        by_role = main_text(self.page(f"?role={role}")).replace(" ", "")
        self.assertIn("派案協調人員閱讀諮商申請", by_role)
        self.assertNotIn("心理師閱讀", by_role)
        by_kind = main_text(self.page(f"?kind={kind}")).replace(" ", "")
        self.assertIn("心理師閱讀晤談紀錄", by_kind)
        self.assertNotIn("派案協調人員", by_kind.split("篩選")[-1])
        recent = main_text(self.page("?period=30")).replace(" ", "")
        self.assertIn("派案協調人員閱讀", recent)
        self.assertNotIn("心理師閱讀", recent)
        # A value the form does not offer is ignored, not an error.
        self.assertIn("心理師閱讀", main_text(self.page("?period=7&kind=x.y")).replace(" ", ""))


class OneLookOneLineTestCase(AccessLogTestCase):
    def test_one_look_at_a_case_is_one_line_saying_what_was_read(self):
        """Opening the case writes 9 rows; the page shows one line, with the 9 counted."""
        self.counsellor_looks()
        self.assertEqual(AccessLog.objects.filter(actor=self.counselor).count(), 9)
        html = self.page()
        self.assertEqual(main_text(html).count("林心怡（心理師）"), 1)
        self.assertIn("9 筆紀錄", main_text(html))


class StandOutTestCase(AccessLogTestCase):
    def disclose(self):
        consent = self.make_consent()
        consent_services.disclosure_record(
            case=self.case, consent=consent, scope="session_count",
            recipient=consent.recipient, details="", actor=self.counselor, role="counselor",
        )  # fmt: skip
        return consent

    def test_a_disclosure_stands_out_with_recipient_scope_and_basis(self):
        consent = self.disclose()
        html = self.page()
        top = main_text(html.split('id="reads"')[0])
        self.assertIn("資料提供", top)
        self.assertIn(consent.recipient, top)
        self.assertIn(str(ConsentRecord.Scope.SESSION_COUNT.label), top)
        self.assertIn("您的同意書", top)
        self.assertIn(f"民國{consent.valid_until.year - 1911}年", top)

    def test_a_disclosure_under_a_notice_ban_shows_no_recipient_or_basis(self):
        """Decision 0036: where a legal process forbids telling, the page says no more
        than it did (a disclosure was recorded), never to whom or on what basis."""
        legal = consent_services.legal_process_record(
            case=self.case, kind="court_order", reference="北院114年度訴字第1號",
            issued_on=timezone.localdate(), recipient="臺灣臺北地方法院", scope="summary",
            details="命令內容", actor=self.counselor, notice_withheld_reason="偵查不公開",
        )  # fmt: skip
        legal = consent_services.legal_process_decide(
            item=legal, confirm=True, note="已核對", actor=self.auditor, role="auditor",
            expected_version=legal.version,
        )  # fmt: skip
        consent_services.disclosure_record(
            case=self.case, legal_process=legal, scope="summary", recipient="臺灣臺北地方法院",
            details="摘要", actor=self.counselor, role="counselor",
        )  # fmt: skip
        text = main_text(self.page())
        self.assertNotIn("臺灣臺北地方法院", text)
        self.assertNotIn("北院114年度訴字第1號", text)

    def test_an_emergency_read_stands_out_in_words_not_colour_only(self):
        with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
            counselling.session_read(
                record=self.session, case=self.case, actor=self.intake, role="intake",
                purpose=PURPOSE_BREAK_GLASS,
            )  # fmt: skip
        top = main_text(self.page().split('id="reads"')[0]).replace(" ", "")
        self.assertIn("緊急調閱", top)
        self.assertIn("派案協調人員閱讀晤談紀錄", top)
        self.assertIn("陳派案", top)

    def test_disclosures_stay_on_top_after_many_looks(self):
        """As found: 56 looks of 9 rows pushed three disclosures off the last 500 rows."""
        for _ in range(3):
            self.disclose()
        start = timezone.now() + timedelta(minutes=1)
        for n in range(56):
            self.counsellor_looks(at=start + timedelta(minutes=n))
        top = main_text(self.page().split('id="reads"')[0])
        self.assertEqual(top.count("人事室 張主任"), 3)
        for page in ("?page=2", "?page=99"):
            top = main_text(self.page(page).split('id="reads"')[0])
            self.assertEqual(top.count("人事室 張主任"), 3)


class PagingTestCase(AccessLogTestCase):
    def fill(self, looks: int, *, first: int = 0):
        """`looks` looks of 9 rows each, a minute apart, written straight to the table
        (their chain is not what this page checks)."""
        start = timezone.now() - timedelta(days=60)
        AccessLog.objects.bulk_create(
            AccessLog(
                at=start + timedelta(minutes=n),
                actor=self.counselor,
                actor_label="counselor",
                actor_role="counselor",
                record_type="counseling.sessionrecord",
                record_uuid=self.session.uuid,
                field=f"f{field}",
                subject_uuid=self.alice_employee.uuid,
                purpose="care",
                outcome="granted",
                prev_hash="",
                hash=uuid.uuid4().hex,
            )
            for n in range(first, first + looks)
            for field in range(9)
        )

    def test_every_row_is_reachable_a_page_at_a_time(self):
        self.fill(120)
        lines = 0
        for number in (1, 2, 3):
            text = main_text(self.page(f"?page={number}"))
            lines += text.count("林心怡（心理師）")
        self.assertEqual(lines, 120)
        self.assertIn("第 3 頁", main_text(self.page("?page=3")).replace("，", " "))

    def queries(self) -> int:
        self.login(self.alice)
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(PAGE + "?own=1&page=2").status_code, 200)
        return len(captured)

    def test_the_page_costs_the_same_whatever_the_size(self):
        """30 looks (270 rows), then 600 (5,400 rows): the same number of queries."""
        self.disclose_once()
        self.own_read()
        self.fill(30)
        small = self.queries()
        self.fill(570, first=30)
        self.assertEqual(self.queries(), small)

    def disclose_once(self):
        consent = self.make_consent()
        consent_services.disclosure_record(
            case=self.case, consent=consent, scope="attendance",
            recipient=consent.recipient, details="", actor=self.counselor, role="counselor",
        )  # fmt: skip


class OneNameTestCase(AccessLogTestCase):
    def test_the_menu_the_page_and_the_home_call_it_the_same(self):
        name = "誰讀取了我的資料"
        html = self.page()
        self.assertIn(f'<h1 class="h3">{name}</h1>', html)
        self.assertIn(f">{name}<", html.split("<main")[0])  # the menu
        home = self.client.get("/").content.decode()
        card = home[home.find("<main") : home.rfind("</main>")]
        self.assertRegex(card, rf'href="{reverse("people:my_access_log")}"[^>]*>\s*{name}\s*<')

    def test_other_pages_that_point_to_it_use_its_name(self):
        from django.utils.translation import gettext

        for msgid in [
            "Every field shown on this page was read through the access log; the employee "
            "sees each read on “Who read my file”.",
            "Each disclosure made under a consent shows on the page “Who read my file”.",
        ]:
            self.assertIn("「誰讀取了我的資料」", gettext(msgid))

    def test_it_answers_get_only(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(PAGE).status_code, 405)


class HomeCountTestCase(AccessLogTestCase):
    def test_the_home_page_counts_the_reads_the_page_lists_first(self):
        """The employee's home says how often others read her file, the number the page
        lists by default; her own looks (behind the page's switch) do not swell it."""
        AccessLog.objects.all().delete()
        self.counsellor_looks()
        for _ in range(5):
            self.own_read()
        others = AccessLog.objects.exclude(actor=self.alice).count()
        self.assertEqual(others, 9)
        self.login(self.alice)
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["file_reads"], others)
