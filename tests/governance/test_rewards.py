"""Rewards from the plan's rules (004 §肆): proposals, eap_admin's decision, the ODS for
the personnel office."""

import io
from datetime import date

from odf import teletype
from odf.opendocument import load
from odf.table import TableRow

from anxin.core.refusals import Refused
from anxin.governance import exports, services
from anxin.governance.models import Member, RewardProposal
from tests.governance.base import YEAR, GovernanceTestCase


class RewardsTest(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.deputy = Member.objects.create(
            body=cls.steering, name="王副處長", term_start=date(YEAR, 1, 1)
        )

    def hold(self, body, on, present, **extra):
        kind = "小組會議" if body == self.steering else "定期會議"
        meeting = services.meeting_schedule(body=body, kind=kind, title=kind, held_on=on, **extra)
        services.attendance_record(meeting=meeting, present={m.pk for m in present})
        return meeting

    def close(self, meeting):
        services.minutes_save(meeting=meeting, text="紀錄", expected_version=meeting.version)
        meeting.refresh_from_db()
        services.minutes_approve(
            meeting=meeting, actor=self.eap_admin, expected_version=meeting.version
        )

    def test_it_proposes_full_attendance_with_an_adopted_proposal(self):
        first = self.hold(self.steering, date(YEAR, 3, 2), [self.convener, self.deputy])
        services.decision_add(meeting=first, text="建置關懷員地圖", proposed_by=self.deputy)
        services.decision_add(meeting=first, text="召集人提案", proposed_by=self.convener)
        self.close(first)
        second = self.hold(
            self.steering, date(YEAR, 9, 2), [self.deputy], reason="臨時會議"
        )  # the convener missed it
        self.close(second)
        made = services.rewards_propose(authority=self.authority, year=YEAR, plan=self.plan)
        self.assertEqual(made, 1)
        proposal = RewardProposal.objects.get()
        self.assertEqual((proposal.member, proposal.rule), (self.deputy, "full_attendance_adopted"))
        self.assertEqual(
            services.rewards_propose(authority=self.authority, year=YEAR, plan=self.plan), 0
        )

    def test_it_proposes_members_who_closed_their_items_on_time(self):
        meeting = self.hold(self.circle, date(YEAR, 2, 10), [self.member])
        done = services.action_add(
            meeting=meeting, text="問卷", owner=self.member, due_on=date(YEAR, 3, 1)
        )
        services.action_add(meeting=meeting, text="講師", owner=self.named, due_on=date(YEAR, 3, 1))
        services.action_close(action=done, note="完成", on=date(YEAR, 2, 28))
        services.rewards_propose(authority=self.authority, year=YEAR, plan=self.plan)
        self.assertEqual(
            list(RewardProposal.objects.values_list("member__name", "rule")),
            [("劉委員", "effective_work")],
        )

    def test_it_leaves_the_care_workers_hook_empty_until_the_care_app_records_activity(self):
        self.assertEqual(
            services.care_worker_candidates(authority_id=self.authority.pk, year=YEAR), []
        )

    def test_it_exports_the_approved_proposals_as_ods(self):
        approved = RewardProposal.objects.create(
            authority=self.authority, year=YEAR, rule="effective_work", member=self.member,
            name="劉委員", grounds="如期完成",
        )  # fmt: skip
        RewardProposal.objects.create(
            authority=self.authority, year=YEAR, rule="effective_work", member=self.named,
            name="張委員", grounds="x",
        )  # fmt: skip
        services.reward_decide(proposal=approved, approve=True, actor=self.eap_admin)
        with self.assertRaises(Refused):
            services.reward_decide(proposal=approved, approve=False, actor=self.eap_admin)
        rows = RewardProposal.objects.filter(status=RewardProposal.Status.APPROVED)
        data = exports.rewards_ods(list(rows), {"effective_work": "工作圈成員著有績效者"})
        document = load(io.BytesIO(data))
        lines = [teletype.extractText(row) for row in document.getElementsByType(TableRow)]
        self.assertEqual(len(lines), 2)
        self.assertIn("劉委員", lines[1])
        self.assertIn("工作圈成員著有績效者", lines[1])
        self.assertNotIn("張委員", "".join(lines))
