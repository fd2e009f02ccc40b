"""Governance demo: Pingtung's steering group and working circle (004 §參, from its preset:
the demo plan has no bodies of its own) set up for the demo authority, with members, the
demo committee account (劉國華) leading the first group; this year's and next year's
meetings scheduled at the plan's cadence; the latest meeting held this year minuted,
approved and published, its open action item (owned by 劉國華) carried to the next
meeting's agenda; and a work plan in 003 §陸's three columns.

Everything goes through the services. Idempotent: nothing is added when the demo
authority has bodies already. Demo mode only (`anxin.people.demo.demo_require`)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.governance import services
from anxin.governance.models import AgendaItem, Body, Meeting, Member, WorkPlanItem
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan

PRESET = "pingtung"
STEERING = [
    ("林秘書長", "秘書長", Member.Position.CONVENER),
    ("陳副處長", "民政處副處長", Member.Position.MEMBER),
    ("黃副處長", "社會處副處長", Member.Position.MEMBER),
    ("吳副處長", "勞動暨青年發展處副處長", Member.Position.MEMBER),
    ("鄭副處長", "人事處副處長", Member.Position.SECRETARIAT),
    ("周副局長", "衛生局副局長", Member.Position.MEMBER),
]
CIRCLE = [
    ("許副處長", "人事處副處長", Member.Position.CONVENER, None),
    ("謝科長", "人事處科長", Member.Position.SECRETARIAT, None),
    ("李專員", "教育局人事室專員", Member.Position.MEMBER, 1),
    ("蘇專員", "社會局人事室專員", Member.Position.GROUP_LEADER, 2),
    ("楊組員", "工務局人事室組員", Member.Position.GROUP_LEADER, 3),
    ("何專員", "衛生局人事室專員", Member.Position.MEMBER, 6),
]
WORK_PLAN = [
    ("計畫擬定", "需求調查", "辦理員工協助方案需求調查及工作壓力狀況問卷。", "回收率達五成"),
    ("計畫擬定", "標準作業流程", "檢視一般個案、危機事件及非自願個案處理流程。", "完成修訂"),
    ("計畫擬定", "常用表單", "修訂個別協談申請表及滿意度調查表。", "完成修訂"),
    ("方案規劃", "特定人員研習班", "辦理主管人員敏感度訓練及EAP承辦人員培訓。", "辦理2場"),
    (
        "成效評估",
        "滿意度調查",
        "針對年度各項推動措施辦理滿意度調查並提出分析報告。",
        "滿意度八成以上",
    ),
]


def _latest_meeting_this_year(circle: Body, today: date) -> Meeting | None:
    return (
        Meeting.objects.filter(body=circle, held_on__year=today.year, held_on__lt=today)
        .order_by("-held_on", "-pk")
        .first()
    )


@transaction.atomic
def demo_governance(*, today: date | None = None) -> str | None:
    demo_require()
    today = today or timezone.localdate()
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    if authority is None or Body.objects.filter(authority=authority).exists():
        return None
    admin = User.objects.get(username=username_for(Role.EAP_ADMIN))
    committee = User.objects.filter(username=username_for(Role.COMMITTEE)).first()
    plan = ProgramPlan(config=read_preset(PRESET).data, authority=authority)
    steering, circle = services.bodies_from_plan(plan=plan)
    term = date(today.year, 1, 1)
    for name, title, position in STEERING:
        services.member_add(
            body=steering, name=name, title=title, position=position, term_start=term
        )
    groups = {group.number: group for group in circle.groups.all()}
    for name, title, position, number in CIRCLE:
        services.member_add(
            body=circle, name=name, title=title, position=position, term_start=term,
            group=groups.get(number),
        )  # fmt: skip
    owner = services.member_add(
        body=circle, name="劉國華", title="人事處專員", term_start=term, user=committee,
        position=Member.Position.GROUP_LEADER, group=groups[1],
    )  # fmt: skip
    scheduled = sum(
        services.meetings_schedule_year(body=body, year=year)
        for body in (steering, circle)
        for year in (today.year, today.year + 1)
    )
    meeting = _latest_meeting_this_year(circle, today)
    carried = 0
    if meeting is not None:
        services.agenda_add(meeting=meeting, title="各組年度工作辦理情形報告")
        services.agenda_add(
            meeting=meeting, title="次年度滿意度及需求調查規劃", document="問卷草案"
        )
        services.attendance_record(meeting=meeting, present={m.pk for m in circle.members.all()})
        services.decision_add(meeting=meeting, text="次年度問卷增列工作壓力題組", proposed_by=owner)
        services.action_add(
            meeting=meeting, text="完成次年度滿意度及需求調查問卷定稿", owner=owner,
            due_on=today + timedelta(days=20),
        )  # fmt: skip
        services.minutes_save(
            meeting=meeting,
            text="一、各組報告年度工作辦理情形，洽悉。\n二、次年度問卷增列工作壓力題組。",
            expected_version=meeting.version,
        )
        meeting.refresh_from_db()
        services.minutes_approve(meeting=meeting, actor=admin, expected_version=meeting.version)
        services.minutes_publish(meeting=meeting, expected_version=meeting.version)
        carried = AgendaItem.objects.filter(carried__meeting=meeting, meeting__body=circle).count()
    unit = OrgUnit.objects.filter(name__endswith="人事處", parent=authority).first() or authority
    for index, (aspect, item, practice, target) in enumerate(WORK_PLAN):
        row = services.workplan_item_add(
            authority=authority, year=today.year, aspect=aspect, item=item,
            practice=practice, owner_unit=unit, target=target,
        )  # fmt: skip
        status = [WorkPlanItem.Status.DONE] * 3 + [WorkPlanItem.Status.UNDER_WAY] * 2
        services.workplan_item_update(
            item=row, status=status[index], evidence="", expected_version=row.version
        )
    return (
        f"Governance: Pingtung's 2 bodies, {scheduled} meetings at its cadence, "
        f"1 minuted and published, {carried} action item carried to the next agenda."
    )


@demo_step(order=80, summary="Pingtung's bodies meet, minute and follow up")
def governance_step(run: DemoRun) -> str | None:
    return demo_governance()
