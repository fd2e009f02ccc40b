"""Surveys demo data. For the demo authority (範例市政府):

- the annual needs survey of the last two ROC years, closed, anonymous, reported by gender,
  age band, staff category and agency, with a few hundred answers each (open suggestions
  included), so that the analysis, its cross-tabs, the trend and the themes have figures;
- this year's needs survey, open, which the demo employee can answer;
- the satisfaction survey after counselling (附表三), anonymous, inviting each employee
  whose case closed in the last weeks (from the counselling demo), a few answers in;
- the feedback questionnaire after every event of the authority (from the next event that
  ends), and the feedback survey of each event that ended three to twelve weeks ago (the
  events demo's past class), answered by most of its participants and closed, so that
  the dashboard's event satisfaction has figures (decision 0077);
- the counselling satisfaction questionnaire put to everyone for the last half-year,
  closed, reported by agency: the dashboard's survey satisfaction;
- the new-hire care questionnaire, identified, one to three months after hiring, its
  invitations sent and some answered, so that hr's follow-up list has names.

For each preset authority (the staff of the counselling demo's agency): its satisfaction
survey after counselling, its events' feedback (the events demo's year), and the closed
half-year satisfaction round, so that its dashboard and dossier have survey figures.

Everything goes through the services as eap_admin and the employees would, except that the
closed surveys' answers are given while they are open and the surveys then moved back to
their year (an answer cannot be given to a closed survey), then counted in their closing
batch at once instead of waiting for the `survey_ballots` job. Idempotent: nothing is added to
an authority that owns surveys of its own questionnaires. Demo mode only.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from anxin.core.demo import DemoRun, demo_step
from anxin.core.roc import roc_year
from anxin.people.demo import AUTHORITY_CODE, SEED, demo_require, username_for
from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.demo import preset_plans
from anxin.surveys import ballots, schedules, services, triggers
from anxin.surveys.demo_answers import needs_answer, suggestion
from anxin.surveys.models import Preset, QuestionnaireVersion, Survey

BREAKDOWNS = ["gender", "age_band", "staff_category", "agency"]
NEEDS_ANSWERS = (340, 420)  # the year before last, last year
SATISFACTION_ANSWERS = 0.6  # share of those invited who answer
FEEDBACK_ANSWERS = 0.75  # share of an ended event's participants who answer its feedback
HALF_YEAR_ANSWERS = 24  # answers to the closed half-year satisfaction round
HALF_YEAR_SHARE = 0.75  # at most this share of the staff answers it
NEW_HIRE_ANSWERS = 0.5
# Joined in the last four months (the roster's demo staff all joined before this year):
# (number, name, gender, days since hiring).
RECENT_HIRES = [
    ("N0001", "陳柏翰", "M", 35), ("N0002", "林佳穎", "F", 42), ("N0003", "黃冠宇", "M", 50),
    ("N0004", "張詠晴", "F", 58), ("N0005", "李承恩", "M", 66), ("N0006", "王思妤", "F", 75),
    ("N0007", "吳宥廷", "M", 83), ("N0008", "劉品萱", "F", 88), ("N0009", "蔡昀蓁", "F", 20),
    ("N0010", "楊子睿", "M", 110),
]  # fmt: skip


@dataclass
class DemoSurveysSummary:
    surveys: int = 0
    answers: int = 0
    invited: int = 0
    authorities: int = 0


def _published(preset_key: str, authority: OrgUnit, admin: User) -> QuestionnaireVersion:
    """The preset copied, its example wording marked reviewed (by the demo), published."""
    preset = Preset.objects.get(key=preset_key)
    version = services.questionnaire_from_preset(preset=preset, owner=authority, actor=admin)
    definition = {**version.definition, "example_wording": False}
    version = services.draft_update(
        version=version, expected_version=version.version, definition=definition
    )
    services.version_publish(version=version, expected_version=version.version)
    version.refresh_from_db()
    return version


def _age(employee: Employee, on: date) -> int:
    born = employee.birth_date
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _needs_round(
    version, authority, admin, *, year: int, index: int, count: int, people, rng
) -> Survey:
    """One year's needs survey: answered while open, then moved to November of `year`."""
    today = timezone.localdate()
    survey = services.survey_create(
        version=version, owner=authority, actor=admin,
        title=f"{roc_year(date(year, 11, 1))}年度員工協助方案需求調查",
        scope=authority, staff_categories=[], opens_on=today, closes_on=today,
        mode=Survey.Mode.ANONYMOUS, breakdowns=BREAKDOWNS, remind_days_before=0,
    )  # fmt: skip
    for employee in rng.sample(people, min(count, len(people))):
        answers = needs_answer(
            rng, age=_age(employee, today), gender=employee.gender, year_index=index
        )
        services.answer_submit(survey=survey, employee=employee, answers=answers)
    opens, closes = date(year, 11, 1), date(year, 12, 15)
    # Sent long ago: the survey is marked invited, so the schedule does not send it again.
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=opens, closes_on=closes, invited_at=timezone.now()
    )
    # Closed now: its answers go from the pending pool into one shuffled batch, as the
    # survey_ballots job does after a survey closes (decision 0019).
    survey.refresh_from_db()
    ballots.survey_ballots_count(survey=survey, today=today)
    return survey


def _likert(rng: random.Random, centre: float) -> int:
    return min(5, max(1, round(rng.gauss(centre, 0.8))))


def _satisfaction_answer(rng: random.Random) -> dict:
    answers = {key: _likert(rng, 4.2) for key in ("booking", "place", "counsellor", "helped")}
    answers["overall"] = min(10, max(0, round(rng.gauss(8.3, 1.3))))
    answers["recommend"] = rng.choices(["願意", "不確定", "不願意"], weights=[8, 2, 1])[0]
    if rng.random() < 0.4:
        answers["comments"] = rng.choice(
            [
                "心理師很用心傾聽，謝謝。",
                "預約很方便，希望晚上也能晤談。",
                "晤談室很安靜，感覺安心。",
            ]
        )
    return answers


def _feedback_answer(rng: random.Random) -> dict:
    answers = {key: _likert(rng, 4.1) for key in ("content", "speaker", "useful")}
    answers["time"] = rng.choices(["太短", "剛好", "太長"], weights=[2, 7, 1])[0]
    answers["overall"] = min(10, max(0, round(rng.gauss(8.0, 1.6))))
    if rng.random() < 0.3:
        answers["next_topics"] = rng.choice(["情緒管理", "睡眠與紓壓", "職場溝通"])
    return answers


def _closed_copy(survey: Survey, today: date, **closed) -> None:
    """A survey answered while open, moved back to its dates (and its event) and counted
    in its closing batch, as the survey_ballots job does after a survey closes."""
    Survey.objects.filter(pk=survey.pk).update(invited_at=timezone.now(), **closed)
    survey.refresh_from_db()
    ballots.survey_ballots_count(survey=survey, today=today)


def _past_feedback(default: Survey, authority, admin, rng, now) -> tuple[int, int]:
    """The feedback survey of each event of the authority that ended three weeks to
    twelve weeks ago, or since 1 January, and has none (the schedule makes copies only of
    events that end from now on): answered by most of its registered participants, then
    closed two weeks after the event. Events are found through the survey trigger events
    registered. Returns (surveys, answers)."""
    trigger = triggers.trigger_for(Survey.Schedule.EVENT_ENDED)
    if trigger is None or trigger.subjects is None:
        return 0, 0
    today = timezone.localdate()
    year_start = timezone.localtime(now).replace(
        month=1, day=1, hour=0, minute=0, second=0, microsecond=0
    )
    subjects = trigger.subjects(
        within=authority,
        ended_from=min(now - timedelta(weeks=12), year_start),
        now=now - timedelta(weeks=3),
        excluding=Survey.objects.filter(event__isnull=False).values("event_id"),
    )
    people = Employee.objects.filter(authority=authority)
    made = answered = 0
    for subject in sorted(subjects, key=lambda subject: (subject.ended_at, subject.pk)):
        anchor = timezone.localtime(subject.ended_at).date()
        participants = trigger.anchors(
            people=people, low=anchor, high=anchor, now=now, subject_id=subject.pk
        )
        chosen = {pk for pk, _user, _anchor in participants if rng.random() < FEEDBACK_ANSWERS}
        if not chosen:
            continue
        survey = services.survey_create(
            version=default.version, owner=authority, actor=admin,
            title=f"{default.title}：{subject.title}"[:200], scope=authority,
            staff_categories=[], opens_on=today, closes_on=today, mode=default.mode,
            remind_days_before=0,
        )  # fmt: skip
        for employee in people.filter(pk__in=chosen).order_by("number"):
            services.answer_submit(survey=survey, employee=employee, answers=_feedback_answer(rng))
        _closed_copy(
            survey, today, opens_on=anchor, closes_on=anchor + timedelta(days=14),
            schedule=Survey.Schedule.EVENT_ENDED, window_end=14, event_id=subject.pk,
        )  # fmt: skip
        made += 1
        answered += len(chosen)
    return made, answered


def _half_year_satisfaction(version, authority, admin, people, rng) -> Survey:
    """The counselling satisfaction questionnaire put to everyone for the last whole
    half-year, closed, reported by agency."""
    today = timezone.localdate()
    if today.month > 6:
        opens, closes, half = date(today.year, 1, 1), date(today.year, 6, 30), "上半年"
    else:
        opens, closes, half = date(today.year - 1, 7, 1), date(today.year - 1, 12, 31), "下半年"
    survey = services.survey_create(
        version=version, owner=authority, actor=admin,
        title=f"{roc_year(opens)}年{half}諮商服務滿意度調查", scope=authority,
        staff_categories=[], opens_on=today, closes_on=today, mode=Survey.Mode.ANONYMOUS,
        breakdowns=["agency"], remind_days_before=0,
    )  # fmt: skip
    for employee in rng.sample(people, _half_year_answers(people)):
        services.answer_submit(survey=survey, employee=employee, answers=_satisfaction_answer(rng))
    _closed_copy(survey, today, opens_on=opens, closes_on=closes)
    return survey


def _half_year_answers(people: list) -> int:
    return min(HALF_YEAR_ANSWERS, round(len(people) * HALF_YEAR_SHARE))


def _new_hire_answer(rng: random.Random, employee: Employee) -> dict:
    answers = {
        "start_date": employee.hire_date.isoformat(),
        "understand": _likert(rng, 3.8),
        "colleagues": _likert(rng, 4.0),
        "supervisor": _likert(rng, 3.9),
        "mentor": rng.choices(["有", "沒有", "不清楚"], weights=[6, 3, 1])[0],
        "mentor_meetings": rng.randint(0, 3),
        "stress": min(10, max(0, round(rng.gauss(5, 2)))),
        "help": rng.sample(["工作技能訓練", "職場人際", "生活安頓", "身心健康"], rng.randint(1, 2)),
        "contact": rng.choices(["希望", "不需要"], weights=[1, 4])[0],
    }
    if rng.random() < 0.3:
        answers["comments"] = suggestion(rng)
    return answers


def _satisfaction_of(rng: random.Random, _employee: Employee) -> dict:
    return _satisfaction_answer(rng)


def _answer_invited(survey: Survey, share: float, make, rng) -> int:
    """Those invited to `survey` answer, each with the chance `share`, what
    `make(rng, employee)` gives."""
    answered = 0
    for invitation in survey.invitations.select_related("employee").order_by("pk"):
        if rng.random() < share:
            services.answer_submit(
                survey=survey, employee=invitation.employee, answers=make(rng, invitation.employee)
            )
            answered += 1
    return answered


def _recent_hires(authority: OrgUnit, today: date) -> None:
    """New staff, as the next roster import would bring them, in the demo employee's unit."""
    unit = Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first()
    unit = unit.unit if unit else authority
    for number, name, gender, days in RECENT_HIRES:
        Employee.objects.get_or_create(
            authority=authority,
            number=number,
            defaults={
                "name": name, "unit": unit, "gender": gender,
                "staff_category": Employee.StaffCategory.CIVIL_SERVANT,
                "birth_date": date(today.year - 26, 1 + days % 12, 1 + days % 27),
                "hire_date": today - timedelta(days=days),
            },
        )  # fmt: skip


def _counselling_satisfaction(version, authority, admin, title: str) -> Survey:
    """The satisfaction survey after counselling, all year: each employee whose case
    closed is invited three to 45 days after."""
    today = timezone.localdate()
    return services.survey_create(
        version=version, owner=authority, actor=admin, title=title, scope=authority,
        staff_categories=[], opens_on=date(today.year, 1, 1), closes_on=date(today.year, 12, 31),
        mode=Survey.Mode.ANONYMOUS, schedule=Survey.Schedule.CASE_CLOSED, window_start=3,
        window_end=45, window_unit=Survey.WindowUnit.DAYS, breakdowns=["gender"],
    )  # fmt: skip


def _event_feedback(version, authority, admin) -> Survey:
    """Feedback after every event the authority organises that has no feedback survey of
    its own: each event's participants are invited when its last session ends."""
    today = timezone.localdate()
    return services.survey_create(
        version=version, owner=authority, actor=admin, title="活動回饋問卷", scope=authority,
        staff_categories=[], opens_on=date(today.year, 1, 1), closes_on=date(today.year, 12, 31),
        mode=Survey.Mode.ANONYMOUS, schedule=Survey.Schedule.EVENT_ENDED, window_start=0,
        window_end=14, window_unit=Survey.WindowUnit.DAYS,
    )  # fmt: skip


def _has_surveys(authority: OrgUnit) -> bool:
    return Survey.objects.filter(owner=authority, version__questionnaire__owner=authority).exists()


def _staff(authority: OrgUnit) -> list[Employee]:
    return list(
        Employee.objects.filter(authority=authority, is_active=True)
        .select_related("unit")
        .order_by("number")
    )


def demo_surveys(*, seed: int = SEED) -> DemoSurveysSummary:
    demo_require()
    summary = DemoSurveysSummary()
    admin = User.objects.filter(username=username_for(Role.EAP_ADMIN)).first()
    if admin is None:
        return summary
    if not Preset.objects.exists():
        services.presets_load()
    now = timezone.now()
    # Each authority's surveys, then the invitations of their schedules sent, then the
    # answers of those invited.
    to_answer = []
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    if authority is not None and not _has_surveys(authority):
        rng = random.Random(seed)
        satisfaction, new_hire = _demo_authority(authority, admin, rng, now, summary)
        to_answer += [
            (satisfaction, SATISFACTION_ANSWERS, _satisfaction_of, rng),
            (new_hire, NEW_HIRE_ANSWERS, _new_hire_answer, rng),
        ]
    for plan in preset_plans():
        if _has_surveys(plan.authority) or len(people := _staff(plan.authority)) < 10:
            continue
        rng = random.Random(f"{seed}-{plan.slug}")
        satisfaction = _preset_authority(plan.authority, admin, people, rng, now, summary)
        to_answer.append((satisfaction, SATISFACTION_ANSWERS, _satisfaction_of, rng))
    if not to_answer:
        return summary
    summary.invited = schedules.invitations_send(now=now)
    for survey, share, make, rng in to_answer:
        summary.answers += _answer_invited(survey, share, make, rng)
    return summary


def _demo_authority(authority, admin, rng, now, summary) -> tuple[Survey, Survey]:
    """The demo authority's surveys; returns its satisfaction survey after counselling
    and its new-hire questionnaire, whose invited answer once the invitations are sent."""
    today = timezone.localdate()
    people = _staff(authority)
    needs = _published("needs_survey", authority, admin)
    for index, count in enumerate(NEEDS_ANSWERS):
        _needs_round(
            needs, authority, admin, year=today.year - 2 + index, index=index, count=count,
            people=people, rng=rng,
        )  # fmt: skip
        summary.surveys += 1
        summary.answers += count
    # This year's round, open until mid-December, for everyone (the demo employee too).
    services.survey_create(
        version=needs, owner=authority, actor=admin,
        title=f"{roc_year(today)}年度員工協助方案需求調查", scope=authority,
        staff_categories=[], opens_on=min(today, date(today.year, 11, 1)),
        closes_on=max(today + timedelta(days=21), date(today.year, 12, 15)),
        mode=Survey.Mode.ANONYMOUS, breakdowns=BREAKDOWNS,
    )  # fmt: skip
    summary.surveys += 1

    year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
    counselling = _published("satisfaction_counselling", authority, admin)
    satisfaction = _counselling_satisfaction(
        counselling, authority, admin, "個別諮商滿意度調查（附表三）"
    )
    new_hire = services.survey_create(
        version=_published("new_hire_care", authority, admin), owner=authority, actor=admin,
        title="新進同仁關懷問卷（到職 1 至 3 個月）", scope=authority, staff_categories=[],
        opens_on=year_start, closes_on=year_end, mode=Survey.Mode.IDENTIFIED,
        schedule=Survey.Schedule.HIRE_DATE, window_start=1, window_end=3,
        window_unit=Survey.WindowUnit.MONTHS,
    )  # fmt: skip
    feedback = _event_feedback(_published("event_feedback", authority, admin), authority, admin)
    summary.surveys += 3
    # Closed satisfaction figures for the dashboard (decision 0077).
    made, answered = _past_feedback(feedback, authority, admin, rng, now)
    _half_year_satisfaction(counselling, authority, admin, people, rng)
    summary.surveys += made + 1
    summary.answers += answered + _half_year_answers(people)
    _recent_hires(authority, today)
    return satisfaction, new_hire


def _preset_authority(authority, admin, people, rng, now, summary) -> Survey:
    """A preset authority's satisfaction survey after counselling (returned: those it
    invites answer once the invitations are sent), its events' feedback and its closed
    half-year satisfaction round."""
    counselling = _published("satisfaction_counselling", authority, admin)
    satisfaction = _counselling_satisfaction(counselling, authority, admin, "個別諮商滿意度調查")
    feedback = _event_feedback(_published("event_feedback", authority, admin), authority, admin)
    made, answered = _past_feedback(feedback, authority, admin, rng, now)
    _half_year_satisfaction(counselling, authority, admin, people, rng)
    summary.surveys += 3 + made
    summary.answers += answered + _half_year_answers(people)
    summary.authorities += 1
    return satisfaction


@demo_step(order=60, summary="needs surveys, a satisfaction survey, new-hire questionnaires")
def surveys_step(run: DemoRun) -> str | None:
    """Needs the counselling and events demo data."""
    summary = demo_surveys()
    if not summary.surveys:
        return None
    presets = f" ({summary.authorities} preset authorities')" if summary.authorities else ""
    return (
        f"Surveys: {summary.surveys} surveys{presets}, {summary.answers} answers, "
        f"{summary.invited} invitations sent."
    )
