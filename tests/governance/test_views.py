"""The governance pages: the way that works, the wrong method, the outsider refused;
the committee member's home card; fixed query counts on the lists."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.governance import services
from anxin.governance.models import ActionItem, Meeting, RewardProposal, WorkPlanItem
from anxin.people.roles import Role
from anxin.people.services import orgunit_create
from tests.base import give_role, make_user
from tests.governance.base import YEAR, GovernanceTestCase


class BodiesViewTest(GovernanceTestCase):
    def test_it_shows_pingtungs_bodies_and_groups_to_a_member(self):
        self.login(self.member_user)
        response = self.client.get("/governance/bodies/")
        self.assertContains(response, "本府員工協助方案推動小組")
        self.assertContains(response, "滿意度及需求調查組")
        self.assertContains(response, "劉委員")
        self.assertNotContains(response, "/governance/bodies/from-plan/")

    def test_it_adds_a_committee_account_as_a_member(self):
        self.login(self.eap_admin)
        prefix = f"b{self.steering.pk}"
        response = self.client.post(
            f"/governance/bodies/{self.steering.pk}/members/",
            {f"{prefix}-account": self.member_user.pk, f"{prefix}-position": "member",
             f"{prefix}-term_start": "115/01/01"},
        )  # fmt: skip
        self.assertRedirects(response, "/governance/bodies/", fetch_redirect_response=False)
        self.assertTrue(self.steering.members.filter(user=self.member_user).exists())

    def test_it_refuses_the_hr_officer(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/governance/bodies/").status_code, 403)

    def test_it_answers_404_for_another_authoritys_body(self):
        elsewhere = orgunit_create(name="他縣市政府", kind="authority", code="999000000Z")
        admin = make_user("elsewhere-admin")
        give_role(admin, Role.EAP_ADMIN, elsewhere)
        self.login(admin)
        response = self.client.post(f"/governance/bodies/{self.steering.pk}/members/", {})
        self.assertEqual(response.status_code, 404)

    def test_it_draws_the_yearly_calendar(self):
        self.login(self.member_user)
        response = self.client.get(f"/governance/calendar/?year={YEAR}")
        self.assertContains(response, "執行成效檢討會議")
        self.assertContains(response, "民國115年")


class MeetingViewsTest(GovernanceTestCase):
    def test_it_asks_for_a_reason_outside_the_window_on_the_page(self):
        self.login(self.eap_admin)
        data = {"body": self.circle.pk, "kind": "執行成效檢討會議", "title": "檢討會議",
                "held_on": "115/05/20"}  # fmt: skip
        response = self.client.post("/governance/meetings/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Meeting.objects.exists())
        data["reason"] = "配合預算審查期程"
        response = self.client.post("/governance/meetings/new/", data)
        meeting = Meeting.objects.get()
        self.assertRedirects(
            response, f"/governance/meetings/{meeting.pk}/", fetch_redirect_response=False
        )

    def test_a_body_that_is_not_a_number_is_asked_for_again_not_a_server_error(self):
        self.login(self.eap_admin)
        data = {"body": "民國115年", "kind": "定期會議", "title": "會議", "held_on": "115/03/20"}
        response = self.client.post("/governance/meetings/new/", data)
        self.assertContains(response, "請選擇開會的組織")
        self.assertFalse(Meeting.objects.exists())

    def test_it_refuses_a_stale_minutes_edit_on_the_page(self):
        meeting = self.schedule()
        self.login(self.eap_admin)
        url = f"/governance/meetings/{meeting.pk}/minutes/"
        self.client.post(url, {"minutes": "第一版", "version": 1})
        response = self.client.post(url, {"minutes": "過時的修改", "version": 1})
        self.assertEqual(response.status_code, 200)
        meeting.refresh_from_db()
        self.assertEqual(meeting.minutes, "第一版")

    def test_it_shows_draft_minutes_to_the_secretariat_only(self):
        meeting = self.schedule()
        services.minutes_save(meeting=meeting, text="草稿內容", expected_version=1)
        self.login(self.member_user)
        page = self.client.get(f"/governance/meetings/{meeting.pk}/")
        self.assertNotContains(page, "草稿內容")
        self.assertEqual(
            self.client.get(f"/governance/meetings/{meeting.pk}/minutes.odt").status_code, 404
        )

    def test_it_lets_the_owner_close_an_action_item(self):
        meeting = self.schedule()
        mine = services.action_add(
            meeting=meeting, text="發送問卷", owner=self.member, due_on=date(YEAR, 3, 1)
        )
        theirs = services.action_add(
            meeting=meeting, text="聯繫講師", owner=self.named, due_on=date(YEAR, 3, 1)
        )
        self.login(self.member_user)
        response = self.client.post(f"/governance/actions/{mine.pk}/close/", {"note": "已發送"})
        self.assertEqual(response.status_code, 302)
        self.assertIsNotNone(ActionItem.objects.get(pk=mine.pk).closed_on)
        response = self.client.post(f"/governance/actions/{theirs.pk}/close/", {"note": "x"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get(f"/governance/actions/{mine.pk}/close/").status_code, 405)

    def test_it_lists_meetings_in_a_fixed_number_of_queries(self):
        self.login(self.eap_admin)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(
                    self.client.get(f"/governance/meetings/?year={YEAR}").status_code, 200
                )
            return len(queries)

        self.schedule()
        small = count()
        services.meetings_schedule_year(body=self.circle, year=YEAR)
        services.meetings_schedule_year(body=self.steering, year=YEAR)
        self.assertEqual(count(), small)


class WorkPlanViewTest(GovernanceTestCase):
    def test_it_adds_an_item_and_shows_the_progress(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/governance/work-plan/new/",
            {"year": YEAR, "aspect": "計畫擬定", "item": "需求調查", "practice": "辦理需求調查",
             "owner_unit": self.agency.pk, "target": "回收率五成"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        item = WorkPlanItem.objects.get()
        response = self.client.post(
            f"/governance/work-plan/{item.pk}/",
            {"status": "done", "evidence": "回收1,200份", "version": 1},
        )
        self.assertEqual(response.status_code, 302)
        self.login(self.member_user)
        page = self.client.get(f"/governance/work-plan/?year={YEAR}")
        self.assertContains(page, "需求調查")
        self.assertContains(page, "回收1,200份")
        self.assertContains(page, 'max="100" value="100"')


class CommitteeHomeTest(GovernanceTestCase):
    def test_it_shows_the_next_meeting_and_open_action_items(self):
        today = timezone.localdate()
        past = services.meeting_schedule(
            body=self.circle, kind="", title="上次臨時會議", held_on=today, reason="需要"
        )
        services.action_add(meeting=past, text="擬訂宣導計畫", owner=self.member, due_on=today)
        next_year = today.replace(year=today.year + 1)
        services.meeting_schedule(
            body=self.circle, kind="", title="下次臨時會議", held_on=next_year, reason="需要"
        )
        self.login(self.member_user)
        page = self.client.get("/")
        self.assertContains(page, "上次臨時會議")  # today's meeting is the next one
        self.assertContains(page, "擬訂宣導計畫")


class FixedQueriesTest(GovernanceTestCase):
    def count(self, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_the_bodies_and_work_plan_pages_run_fixed_queries(self):
        self.login(self.eap_admin)
        bodies, plan = self.count("/governance/bodies/"), self.count("/governance/work-plan/")
        for number in range(5):
            services.member_add(
                body=self.steering, name=f"委員{number}", position="member",
                term_start=date(YEAR, 1, 1),
            )  # fmt: skip
            services.workplan_item_add(
                authority=self.authority, year=timezone.localdate().year, aspect="面向",
                item=f"項目{number}", practice="做法", owner_unit=self.agency,
            )  # fmt: skip
        self.assertEqual(self.count("/governance/bodies/"), bodies)
        self.assertEqual(self.count("/governance/work-plan/"), plan)


class RewardsViewTest(GovernanceTestCase):
    def test_it_adds_a_care_worker_by_hand_and_approves(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/governance/rewards/new/",
            {"year": YEAR, "rule": "care_worker", "name": "林關懷員", "grounds": "主動關懷同仁"},
        )
        self.assertEqual(response.status_code, 302)
        proposal = RewardProposal.objects.get()
        self.client.post(f"/governance/rewards/{proposal.pk}/decide/", {"decision": "approve"})
        page = self.client.get(f"/governance/rewards/?year={YEAR}")
        self.assertContains(page, "林關懷員")
        self.assertContains(page, "關懷員成員表現優良者")  # the plan's own words
        ods = self.client.get(f"/governance/rewards/export.ods?year={YEAR}")
        self.assertEqual(ods["Content-Type"], "application/vnd.oasis.opendocument.spreadsheet")

    def test_it_refuses_the_committee_member(self):
        self.login(self.member_user)
        self.assertEqual(self.client.get("/governance/rewards/").status_code, 403)
