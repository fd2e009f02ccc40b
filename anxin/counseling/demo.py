"""Counselling demo data: for every plan in the database (the four seed presets and the
demo authority's own plan) a small counselling service in use — waiting requests, open
and closed cases with session records — and the demo's staff accounts given their roles
in each preset's authority, so that the role switcher reaches every service.

Everything goes through the services, as a person using the pages would; the texts are
invented and generic. Demo mode only (`anxin.people.demo.demo_require`)."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from anxin.core.audit import read_sealed
from anxin.core.demo import DemoRun, demo_step
from anxin.counseling import services
from anxin.counseling.booking import services as booking
from anxin.counseling.booking.models import Appointment, Room, Slot
from anxin.counseling.consent import services as consent
from anxin.counseling.consent.models import ConsentRecord
from anxin.counseling.flows import services as flows
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.counseling.policies import PURPOSE_CARE
from anxin.counseling.providers import services as providers
from anxin.counseling.providers.models import GroupRequest, ProviderAdmin
from anxin.counseling.station import services as station
from anxin.counseling.station.models import HotlineCall
from anxin.people.demo import AUTHORITY_CODE, _person_name, demo_require, username_for
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User
from anxin.people.roles import Role
from anxin.people.services import orgunit_create
from anxin.plans.models import ProgramPlan

SEED = 114
# The demo's staff who work in every authority's counselling room as well.
ROOM_ROLES = (Role.COUNSELOR, Role.INTAKE, Role.PROVIDER_ADMIN, Role.AUDITOR, Role.EAP_ADMIN)
DEMO_AGENCY = "員工協助示範機關"
DEMO_UNITS = ("第一科", "第二科", "人事室")
PEOPLE_PER_AUTHORITY = 24

DETAILS = (
    "最近工作量很大，晚上常常睡不著，想找人談談。",
    "和主管溝通不順利，不知道怎麼處理比較好。",
    "家人生病需要照顧，覺得蠟燭兩頭燒。",
    "想了解如何調適換單位後的壓力。",
    "與同事相處有些摩擦，影響心情。",
    "最近情緒低落，對很多事提不起勁。",
)
SESSION_NOTES = (
    {
        "presenting_concern": "工作壓力與睡眠困擾",
        "assessment": "適應性壓力反應，支持系統尚可",
        "intervention": "壓力源盤點、放鬆訓練",
        "recommendations": "規律作息，每日記錄睡眠",
        "follow_up": "兩週後追蹤睡眠情形",
        "risk_level": "low",
    },
    {
        "presenting_concern": "人際溝通困擾",
        "assessment": "溝通模式衝突，情緒調節尚可",
        "intervention": "溝通技巧演練",
        "recommendations": "練習以我訊息表達",
        "follow_up": "下次晤談檢視練習成果",
        "risk_level": "none",
    },
)


STATION_MESSAGES = (
    "最近工作壓力很大，常常失眠，不知道該怎麼調適。",
    "和同事之間有些誤會，想請教怎麼開口溝通。",
    "家裡長輩需要照顧，覺得很累，有時候覺得不想活了。",
)
STATION_REPLY = "謝謝您的來信。您描述的情況很常見，建議先從規律作息開始，也歡迎預約面談。"


@dataclass
class DemoCounsellingSummary:
    plans: list[str] = field(default_factory=list)
    requests: int = 0
    cases_open: int = 0
    cases_closed: int = 0
    threads: int = 0
    calls: int = 0
    appointments: int = 0


def _staff(role: str) -> User:
    return User.objects.get(username=username_for(role))


def _authority_people(plan: ProgramPlan, rng: random.Random) -> list[Employee]:
    """The employees the demo uses in a plan's authority: the demo authority's own for its
    plan; for a preset's authority, a small demo agency created once."""
    authority = plan.authority
    categories = plan.staff_categories or [Employee.StaffCategory.CIVIL_SERVANT]
    if authority.code == AUTHORITY_CODE:
        people = Employee.objects.filter(
            authority=authority, is_active=True, staff_category__in=categories
        ).order_by("number")
        return list(people[:PEOPLE_PER_AUTHORITY])
    agency = OrgUnit.objects.filter(parent=authority, name=DEMO_AGENCY).first()
    if agency is None:
        agency = orgunit_create(name=DEMO_AGENCY, kind=OrgUnit.Kind.AGENCY, parent=authority)
        units = [
            orgunit_create(name=name, kind=OrgUnit.Kind.UNIT, parent=agency) for name in DEMO_UNITS
        ]
        prefix = plan.slug.split("-")[0][:3].upper()
        for n in range(PEOPLE_PER_AUTHORITY):
            gender = rng.choice("FFM")
            Employee.objects.create(
                authority=authority,
                unit=units[n % len(units)],
                number=f"{prefix}{n + 1:04d}",
                name=_person_name(rng, gender),
                staff_category=categories[n % len(categories)],
                gender=gender,
                birth_date=date(1970 + rng.randrange(30), rng.randrange(1, 13), 1),
                hire_date=date(2000 + rng.randrange(20), rng.randrange(1, 13), 1),
            )
    return list(Employee.objects.filter(authority=authority).order_by("number"))


def _give_room_roles(authority: OrgUnit) -> None:
    for role in ROOM_ROLES:
        RoleAssignment.objects.get_or_create(user=_staff(role), role=role, scope=authority)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _request(plan, employee, rng, **overrides) -> CounsellingRequest:
    areas = [area.key for area in plan.service_areas]
    values = {
        "employee": employee,
        "plan": plan,
        "concern": rng.choice(areas),
        "urgency": rng.choice(["soon", "routine", "soon"]),
        "mode": rng.choice(["face_to_face", "phone", "video"]),
        "gender_preference": "any",
        "contact_method": "phone",
        "contact_value": f"09{rng.randrange(10**8):08d}",
        "details": rng.choice(DETAILS),
        "preferred_times": "平日下午",
    }
    values.update(overrides)
    return services.request_submit(**values)


def _case_open(item: CounsellingRequest, *, counselor, intake, on: date) -> Case:
    """Open a case on a past day. The services stamp the request's arrival and the case's
    opening with the present time; the demo tells a past, so both are moved back to
    `on` (the request came in three days before), that nothing happens before it began."""
    case = services.case_open(item=item, counselor=counselor, actor=intake, on=on)
    opened = _at(on, 9)
    CounsellingRequest.objects.filter(pk=item.pk).update(received_at=opened - timedelta(days=3))
    Case.objects.filter(pk=case.pk).update(opened_at=opened)
    case.refresh_from_db()
    return case


def _received(item: CounsellingRequest, hours_ago: int) -> None:
    """A waiting request that came in some time ago (the queue's clocks are running)."""
    at = timezone.now() - timedelta(hours=hours_ago)
    CounsellingRequest.objects.filter(pk=item.pk).update(received_at=at)


def _sessions(case: Case, count: int, first: date, rng) -> None:
    for n in range(count):
        services.session_record(
            case=case,
            author=case.counselor,
            held_at=_at(first + timedelta(days=14 * n), 14),
            minutes=50,
            mode=case.request.mode if case.request else "face_to_face",
            clinical=dict(rng.choice(SESSION_NOTES)),
        )


def demo_counselling_plan(plan: ProgramPlan, *, today: date, rng) -> DemoCounsellingSummary:
    """One plan's counselling service in use; nothing is added to a plan that has some."""
    summary = DemoCounsellingSummary()
    if not plan.service_areas or CounsellingRequest.objects.filter(plan=plan).exists():
        return summary
    _give_room_roles(plan.authority)
    people = _authority_people(plan, rng)
    if len(people) < 10:
        return summary
    counselor, intake = _staff(Role.COUNSELOR), _staff(Role.INTAKE)
    summary.plans.append(plan.slug)
    # Waiting in the intake queue: one urgent, two not.
    for n, employee in enumerate(people[:3]):
        item = _request(plan, employee, rng, urgency="urgent" if n == 0 else "routine")
        _received(item, hours_ago=(2, 20, 45)[n])
        summary.requests += 1
    # Open cases with one to three sessions; the demo employee's own case among them on
    # the demo authority's plan, so that "my requests" shows an assigned request.
    demo_employee = Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first()
    open_people = people[3:6]
    if demo_employee is not None and demo_employee.authority_id == plan.authority_id:
        open_people = [demo_employee, *people[3:5]]
    for n, employee in enumerate(open_people):
        case = _case_open(
            _request(plan, employee, rng),
            counselor=counselor,
            intake=intake,
            on=today - timedelta(days=40),
        )
        _sessions(case, n + 1, today - timedelta(days=35), rng)
        summary.requests += 1
        summary.cases_open += 1
    open_cases = list(Case.objects.filter(plan=plan, closed_on__isnull=True).order_by("pk"))
    _station(plan, people[8:11], counselor, intake, rng, today, summary)
    _hotline(plan, people[11:13], counselor, rng, today, summary)
    _booking(plan, open_cases, counselor, today, summary)
    if plan.authority.code == AUTHORITY_CODE:
        _this_week(plan, open_cases, counselor, today, summary)
    _consent(open_cases[0], counselor, today)
    _provider(plan, people[13:15], intake, rng, today)
    _flow(plan, people[15], counselor, intake)
    # Closed cases: months ago, and in the last weeks (whom the satisfaction survey after
    # counselling invites).
    closed = [(people[6], 150), (people[7], 150)]
    closed += [(employee, 6 + 5 * n) for n, employee in enumerate(people[16:22])]
    for employee, days_ago in closed:
        case = _case_open(
            _request(plan, employee, rng),
            counselor=counselor,
            intake=intake,
            on=today - timedelta(days=days_ago + 50),
        )
        _sessions(case, 2, today - timedelta(days=days_ago + 40), rng)
        services.case_close(
            case=case,
            outcome=Case.Outcome.RESOLVED,
            closed_on=today - timedelta(days=days_ago),
            expected_version=case.version,
        )
        summary.requests += 1
        summary.cases_closed += 1
    return summary


def _station(plan, people, counselor, intake, rng, today, summary) -> None:
    """Messages at the e-mail station: one answered, one overdue, one flagged for risk,
    and one written anonymously."""
    if station.station_channel(plan) is None:
        return
    now = timezone.now()
    writers = [*people, None]
    received = [now - timedelta(days=2), now - timedelta(days=6), now - timedelta(hours=3), now]
    bodies = [*STATION_MESSAGES, "想問問看，調職後一直很焦慮，這樣正常嗎？"]
    for n, (writer, at, body) in enumerate(zip(writers, received, bodies, strict=True)):
        thread, _token = station.thread_start(plan=plan, employee=writer, body=body, now=at)
        summary.threads += 1
        if n == 0:
            thread = station.thread_assign(
                thread=thread, counselor=counselor, actor=intake, expected_version=thread.version
            )
            station.thread_reply(
                thread=thread,
                counselor=counselor,
                body=STATION_REPLY,
                expected_version=thread.version,
            )


def _hotline(plan, people, counselor, rng, today, summary) -> None:
    if not any(channel.kind == "hotline" for channel in plan.channels):
        return
    areas = [area.key for area in plan.service_areas]
    minutes = station.hotline_minutes(plan) or 30
    outcomes = [HotlineCall.Outcome.RESOLVED, HotlineCall.Outcome.REFERRED]
    for n, caller in enumerate([*people, None]):
        station.call_record(
            plan=plan,
            counselor=counselor,
            employee=caller,
            called_at=_at(today - timedelta(days=3 + n), 10 + n),
            minutes=minutes,
            concern=rng.choice(areas),
            outcome=outcomes[n % len(outcomes)],
            note="來電者說明近況，提供情緒支持與資源資訊。",
        )
        summary.calls += 1


def _booking(plan, cases: list[Case], counselor, today, summary) -> None:
    """A room, a week of offered times, and two of them booked."""
    room = Room.objects.filter(authority=plan.authority).first() or booking.room_create(
        authority=plan.authority, name="諮商室一", location="行政大樓3樓"
    )
    # The demo counsellor works for every plan: each plan's times go in a week of its own.
    next_monday = today + timedelta(days=7 - today.weekday())
    week = Slot.objects.filter(counselor=counselor, starts_at__gte=_at(next_monday, 0)).count() // 8
    monday = next_monday + timedelta(weeks=week)
    slots = []
    for day in range(4):
        for hour in (10, 14):
            starts = _at(monday + timedelta(days=day), hour)
            slots.append(
                booking.slot_publish(
                    counselor=counselor,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=50),
                    mode="face_to_face",
                    room=room,
                )
            )
    for case, slot in zip(cases[:2], slots, strict=False):
        booking.appointment_book(case=case, slot=slot, actor=case.employee.user or counselor)
        summary.appointments += 1


def _this_week(plan, cases: list[Case], counselor, today: date, summary) -> None:
    """The counsellor's day and week: three appointments today (one of them already
    past) and one on each working day left this week, for the open cases in turn."""
    room = Room.objects.filter(authority=plan.authority).first()
    now = timezone.now()
    times = [_at(today, hour) for hour in (9, 14, 16)]
    times += [_at(today + timedelta(days=n), 10) for n in range(1, 5 - today.weekday())]
    for n, starts in enumerate(times):
        case = cases[n % len(cases)]
        # A time already past can no longer be offered nor booked: it is offered and
        # booked late tonight (or, after 23:00, in a few minutes), then moved to its hour,
        # booked three days before it.
        late = max(_at(today, 23), now + timedelta(minutes=5))
        offered = starts if starts > now else late + timedelta(minutes=n)
        slot = booking.slot_publish(
            counselor=counselor,
            starts_at=offered,
            ends_at=offered + timedelta(minutes=50),
            mode="face_to_face",
            room=room,
        )
        appointment = booking.appointment_book(
            case=case, slot=slot, actor=case.employee.user or counselor
        )
        if offered != starts:
            Slot.objects.filter(pk=slot.pk).update(
                starts_at=starts, ends_at=starts + timedelta(minutes=50)
            )
        Appointment.objects.filter(pk=appointment.pk).update(
            booked_at=min(now, starts - timedelta(days=3))
        )
        summary.appointments += 1


def _consent(case: Case, counselor, today) -> None:
    """A consent the employee signed: feedback on attendance to the referrer."""
    record = consent.consent_propose(
        case=case,
        scope=ConsentRecord.Scope.ATTENDANCE,
        purpose=ConsentRecord.Purpose.REFERRAL_FEEDBACK,
        recipient="人事室",
        valid_until=today + timedelta(days=180),
        scope_text="是否出席諮商",
        purpose_text="回覆轉介單位",
        actor=counselor,
    )
    consent.consent_sign(consent=record)


def _provider(plan, people, intake, rng, today) -> None:
    """An external provider with its rates and a counsellor of its own, who saw two
    employees last month: its timetable and monthly statement have rows to pay."""
    year_start = date(today.year, 1, 1)
    provider = providers.provider_create(
        authority=plan.authority,
        name="心晴心理諮商所",
        contract_start=year_start - timedelta(days=365),
        contract_end=date(today.year, 12, 31),
    )
    for mode, rate in (("face_to_face", 2000), ("video", 1600), ("phone", 1200)):
        providers.rate_create(
            provider=provider,
            mode=mode,
            hourly_rate=rate,
            valid_from=year_start - timedelta(days=365),
            valid_to=None,
        )
    username = f"demo-provider-counselor-{plan.slug}"
    counselor = User.objects.filter(username=username).first()
    if counselor is None:
        counselor = User.objects.create_user(username=username, display_name="陳心晴")
        counselor.set_unusable_password()
        counselor.save()
    RoleAssignment.objects.get_or_create(user=counselor, role=Role.COUNSELOR, scope=plan.authority)
    providers.provider_counselor_add(provider=provider, user=counselor)
    # The demo's provider admin manages the demo authority's provider (one provider each).
    admin = _staff(Role.PROVIDER_ADMIN)
    if plan.authority.code == AUTHORITY_CODE and not ProviderAdmin.objects.filter(user=admin):
        providers.provider_admin_add(provider=provider, user=admin)
    last_month = today.replace(day=1) - timedelta(days=1)
    for n, employee in enumerate(people):
        case = _case_open(
            _request(plan, employee, rng),
            counselor=counselor,
            intake=intake,
            on=last_month.replace(day=1),
        )
        _sessions(case, 2, last_month.replace(day=3 + n), rng)


def _flow(plan, employee, counselor, intake) -> None:
    """A non-voluntary flow under way, with a counsellor assigned."""
    run = flows.flow_start(plan=plan, flow_key="non_voluntary", employee=employee, actor=intake)
    flows.flow_assign(run=run, counselor=counselor, actor=intake)


@transaction.atomic
def demo_counselling(*, today: date | None = None, seed: int = SEED) -> DemoCounsellingSummary:
    """Every plan's counselling demo data (idempotent). Needs the demo accounts."""
    demo_require()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    total = DemoCounsellingSummary()
    for plan in ProgramPlan.objects.select_related("authority").order_by("slug"):
        part = demo_counselling_plan(plan, today=today, rng=rng)
        total.plans += part.plans
        total.requests += part.requests
        total.cases_open += part.cases_open
        total.cases_closed += part.cases_closed
        total.threads += part.threads
        total.calls += part.calls
        total.appointments += part.appointments
    return total


@demo_step(order=30, summary="each plan's counselling service in use")
def counselling_step(run: DemoRun) -> str | None:
    """Needs the plans and the accounts."""
    summary = demo_counselling()
    if not summary.plans:
        return None
    return (
        f"Counselling: {summary.requests} requests, {summary.cases_open} open and "
        f"{summary.cases_closed} closed cases, {summary.threads} e-mail station "
        f"messages, {summary.calls} calls, {summary.appointments} appointments in "
        f"{', '.join(summary.plans)}."
    )


# --- work waiting for the supervisor and the auditor ----------------------------------------


def _supervisor_work(plan: ProgramPlan, today: date) -> int:
    """A flow the supervisor started for someone of the unit, and two group requests of
    the unit: one waiting for the coordinator, one scheduled (the supervisor is told)."""
    supervisor = _staff(Role.SUPERVISOR)
    unit = supervisor.employee.unit
    colleague = (
        Employee.objects.filter(unit=unit, is_active=True, user__isnull=True).order_by("number")
    ).first()
    if colleague is not None:
        flows.flow_start(plan=plan, flow_key="non_voluntary", employee=colleague, actor=supervisor)
    made = 0
    for topic, kind in (
        (GroupRequest.Topic.WORK_STRESS, GroupRequest.Kind.GROUP),
        (GroupRequest.Topic.TEAM_RELATIONS, GroupRequest.Kind.MANAGEMENT),
    ):
        item = providers.group_request_submit(
            requester=supervisor,
            role=Role.SUPERVISOR,
            unit=unit,
            kind=kind,
            topic=topic,
            preferred_from=today + timedelta(days=14),
            preferred_to=today + timedelta(days=45),
            expected_participants=12,
        )
        made += 1
        if kind == GroupRequest.Kind.MANAGEMENT:
            providers.group_request_schedule(
                item=item,
                scheduled_at=_at(today + timedelta(days=21), 15),
                place="人事室會議室",
                counselor=_staff(Role.COUNSELOR),
                provider=None,
                expected_version=item.version,
            )
    return made


def _auditor_work(plan: ProgramPlan) -> tuple[int, int, int]:
    """What a privacy officer reviews: a disclosure under the employee's consent, an
    emergency access with reads made under it, and reads refused by policy."""
    counselor, intake, hr = _staff(Role.COUNSELOR), _staff(Role.INTAKE), _staff(Role.HR)
    disclosures = 0
    record = (
        ConsentRecord.objects.filter(case__plan=plan, signed_at__isnull=False)
        .select_related("case")
        .first()
    )
    if record is not None:
        consent.disclosure_record(
            case=record.case,
            scope=record.scope,
            recipient=record.recipient,
            details="",
            actor=counselor,
            role=Role.COUNSELOR,
            consent=record,
        )
        disclosures += 1
    case = (
        Case.objects.filter(plan=plan, closed_on__isnull=True, counselor=counselor)
        .exclude(sessions=None)
        .order_by("-pk")
        .first()
    )
    reads = refused = 0
    if case is not None:
        flows.emergency_open(
            case=case, coordinator=intake, reason="員工於來信表示有自傷念頭，值班心理師聯繫不上。"
        )
        for session in case.sessions.all()[:1]:
            services.session_read(
                record=session,
                case=case,
                actor=intake,
                role=Role.INTAKE,
                purpose=flows.PURPOSE_BREAK_GLASS,
            )
            reads += 1
            # An HR officer's attempt at the same record: refused, and logged.
            for _attempt in range(2):
                try:
                    read_sealed(
                        session,
                        SessionRecord.SEALED[0],
                        actor=hr,
                        role=Role.HR,
                        purpose=PURPOSE_CARE,
                        subject_uuid=case.employee.uuid,
                        allowed=False,
                    )
                except Http404:
                    refused += 1
    return disclosures, reads, refused


@transaction.atomic
def demo_oversight(*, today: date | None = None) -> str | None:
    """Work waiting on the first sign-in of the supervisor and the auditor (once)."""
    demo_require()
    today = today or timezone.localdate()
    plan = ProgramPlan.objects.filter(authority__code=AUTHORITY_CODE).first()
    if plan is None or GroupRequest.objects.filter(requested_by=_staff(Role.SUPERVISOR)):
        return None
    requests = _supervisor_work(plan, today)
    disclosures, reads, refused = _auditor_work(plan)
    return (
        f"Oversight: {requests} group requests and a flow of the supervisor's unit; "
        f"{disclosures} disclosure, {reads} emergency read, {refused} refused reads to review."
    )


@demo_step(
    order=35, summary="a supervisor's flow and group requests; disclosures and reads to audit"
)
def oversight_step(run: DemoRun) -> str | None:
    """Needs the counselling demo data (a signed consent, open cases)."""
    return demo_oversight()
