"""Governance demo: Pingtung's steering group and working circle (004 §參, from its preset:
the demo plan has no bodies of its own) set up for the demo authority, with members and
terms. The working circle's convener is the demo committee account (劉國華, a deputy head
of personnel); the steering group's convener (林秘書長) has an account of the committee
role without a sign-in (the sign-in table keeps one account per role). This year's and
next year's meetings are scheduled at the plan's cadence; the latest meeting each body
held this year goes through agenda, attendance, decisions, action items and minutes
drafted, submitted by the secretariat, approved by the body's convener in Anxin and
published (for the working circle, the meeting before its latest); of the working
circle's two action items one is closed and the other, owned by 劉國華 with a progress
note, is carried to the next meeting's agenda. That next meeting, the circle's latest,
was held too: its minutes are drafted and submitted, awaiting 劉國華's approval (the
committee sign-in's home shows them). One member's term ends within the warning window,
and a work plan in 003 §陸's three columns.

Everything goes through the services. Idempotent: nothing is added when the demo
authority has bodies already. Demo mode only (`anxin.people.demo.demo_require`)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.governance import services
from anxin.governance.models import AgendaItem, Body, Meeting, Member, WorkPlanItem
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import OrgUnit, RoleAssignment, User
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
# The working circle's convener is the demo committee account (劉國華), added below.
CIRCLE = [
    ("謝科長", "人事處科長", Member.Position.SECRETARIAT, None),
    ("李專員", "教育局人事室專員", Member.Position.GROUP_LEADER, 1),
    ("蘇專員", "社會局人事室專員", Member.Position.GROUP_LEADER, 2),
    ("楊組員", "工務局人事室組員", Member.Position.GROUP_LEADER, 3),
    ("何專員", "衛生局人事室專員", Member.Position.MEMBER, 6),
]
# The steering group's convener: an account of the committee role, no sign-in.
STEERING_CONVENER = "demo-steering-convener"
# 何專員's term ends within the warning window: the EAP administrator's home shows it.
TERM_ENDING_IN = timedelta(days=45)
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


def _held_this_year(body: Body, today: date) -> list[Meeting]:
    """The body's meetings held this year before today, the latest first."""
    return list(
        Meeting.objects.filter(body=body, held_on__year=today.year, held_on__lt=today).order_by(
            "-held_on", "-pk"
        )
    )


def _latest_meeting_this_year(body: Body, today: date) -> Meeting | None:
    return next(iter(_held_this_year(body, today)), None)


def _steering_convener(authority: OrgUnit) -> User:
    user = User.objects.filter(username=STEERING_CONVENER).first()
    if user is None:
        user = User.objects.create_user(username=STEERING_CONVENER, display_name="林秘書長")
        user.set_unusable_password()
        user.save()
    RoleAssignment.objects.get_or_create(user=user, role=Role.COMMITTEE, scope=authority)
    return user


def _minute(meeting: Meeting, *, text: str, secretariat: User, convener: User) -> None:
    """Minutes drafted, submitted by the secretariat, approved by the convener, published."""
    services.minutes_save(meeting=meeting, text=text, expected_version=meeting.version)
    services.minutes_submit(meeting=meeting, actor=secretariat, expected_version=meeting.version)
    services.minutes_approve(meeting=meeting, actor=convener, expected_version=meeting.version)
    services.minutes_publish(meeting=meeting, expected_version=meeting.version)


def _steering_meets(steering: Body, today: date, admin: User, convener: User) -> int:
    meeting = _latest_meeting_this_year(steering, today)
    if meeting is None:
        return 0
    services.agenda_add(meeting=meeting, title="年度員工協助方案推動成果報告")
    services.attendance_record(meeting=meeting, present={m.pk for m in steering.members.all()})
    services.decision_add(meeting=meeting, text="年度推動成果洽悉，次年度續辦需求調查")
    _minute(
        meeting,
        text="一、年度員工協助方案推動成果報告，洽悉。\n二、次年度續辦需求調查。",
        secretariat=admin,
        convener=convener,
    )
    return 1


def _circle_meets(circle: Body, today: date, admin: User, convener: Member) -> tuple[int, int, int]:
    """The working circle's meeting before its latest this year (or its latest, when it
    held one), minuted and approved by 劉國華, and its latest minuted and submitted to
    him: the meetings minuted (0 or 1), the action items carried to the next meeting's
    agenda and the minutes awaiting approval (0 or 1)."""
    held = _held_this_year(circle, today)
    if not held:
        return 0, 0, 0
    meeting, latest = (held[1], held[0]) if len(held) > 1 else (held[0], None)
    members = {m.name: m for m in circle.members.all()}
    services.agenda_add(meeting=meeting, title="各組年度工作辦理情形報告")
    services.agenda_add(meeting=meeting, title="次年度滿意度及需求調查規劃", document="問卷草案")
    services.attendance_record(
        meeting=meeting, present={m.pk for name, m in members.items() if name != "楊組員"}
    )
    services.decision_add(
        meeting=meeting, text="次年度問卷增列工作壓力題組", proposed_by=members["李專員"]
    )
    services.decision_add(meeting=meeting, text="個別協談申請表依流程修訂")
    survey = services.action_add(
        meeting=meeting, text="完成次年度滿意度及需求調查問卷定稿", owner=convener,
        due_on=today + timedelta(days=20),
    )  # fmt: skip
    form = services.action_add(
        meeting=meeting, text="修訂個別協談申請表", owner=members["李專員"],
        due_on=meeting.held_on + timedelta(days=30),
    )  # fmt: skip
    meeting.refresh_from_db()
    _minute(
        meeting,
        text=(
            "一、各組報告年度工作辦理情形，洽悉。\n二、次年度問卷增列工作壓力題組。\n"
            "三、個別協談申請表依流程修訂。"
        ),
        secretariat=admin,
        convener=convener.user,
    )
    services.action_close(
        action=form,
        note="已修訂並公告於員工協助專區",
        on=min(meeting.held_on + timedelta(days=21), today),
    )
    services.action_progress(action=survey, note="問卷初稿已送各組檢視", actor=convener.user)
    carried = AgendaItem.objects.filter(carried__meeting=meeting, meeting__body=circle).count()
    if latest is None:
        return 1, carried, 0
    _circle_awaits(latest, members, admin)
    return 1, carried, 1


def _circle_awaits(meeting: Meeting, members: dict, admin: User) -> None:
    """The circle's latest meeting (the carried action item on its agenda): attendance,
    a decision and the minutes drafted by the secretariat and submitted to the convener,
    who has not answered yet."""
    services.agenda_add(meeting=meeting, title="員工協助方案年度成果彙整")
    services.attendance_record(
        meeting=meeting, present={m.pk for name, m in members.items() if name != "何專員"}
    )
    services.decision_add(meeting=meeting, text="年度成果彙整後提報推動小組")
    meeting.refresh_from_db()
    services.minutes_save(
        meeting=meeting,
        text=(
            "一、前次會議決議事項辦理情形：申請表已修訂公告；問卷定稿持續辦理。\n"
            "二、員工協助方案年度成果彙整後提報推動小組。"
        ),
        expected_version=meeting.version,
    )
    services.minutes_submit(meeting=meeting, actor=admin, expected_version=meeting.version)


@transaction.atomic
def demo_governance(*, today: date | None = None) -> str | None:
    demo_require()
    today = today or timezone.localdate()
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    if authority is None or Body.objects.filter(authority=authority).exists():
        return None
    admin = User.objects.get(username=username_for(Role.EAP_ADMIN))
    committee = User.objects.filter(username=username_for(Role.COMMITTEE)).first()
    steering_convener = _steering_convener(authority)
    plan = ProgramPlan(config=read_preset(PRESET).data, authority=authority)
    steering, circle = services.bodies_from_plan(plan=plan)
    term = date(today.year, 1, 1)
    for name, title, position in STEERING:
        services.member_add(
            body=steering, name=name, title=title, position=position, term_start=term,
            user=steering_convener if position == Member.Position.CONVENER else None,
        )  # fmt: skip
    convener = services.member_add(
        body=circle, name="劉國華", title="人事處副處長", term_start=term, user=committee,
        position=Member.Position.CONVENER,
    )  # fmt: skip
    groups = {group.number: group for group in circle.groups.all()}
    for name, title, position, number in CIRCLE:
        ending = today + TERM_ENDING_IN if name == "何專員" else None
        services.member_add(
            body=circle, name=name, title=title, position=position, term_start=term,
            term_end=ending, group=groups.get(number),
        )  # fmt: skip
    scheduled = sum(
        services.meetings_schedule_year(body=body, year=year)
        for body in (steering, circle)
        for year in (today.year, today.year + 1)
    )
    minuted = _steering_meets(steering, today, admin, steering_convener)
    carried = awaiting = 0
    if committee is not None:  # the demo's sign-ins are made before its steps
        circle_minuted, carried, awaiting = _circle_meets(circle, today, admin, convener)
        minuted += circle_minuted
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
        f"{minuted} minuted, approved by their conveners and published, "
        f"{carried} action item carried to the next agenda, "
        f"{awaiting} minutes awaiting the convener's approval."
    )


@demo_step(order=80, summary="Pingtung's bodies meet, minute and follow up")
def governance_step(run: DemoRun) -> str | None:
    return demo_governance()
