"""Mentoring and interviews demo data (one line): in the demo cast's agency, three
mentors (the demo employee among them) trained by the plan's mentors' class (an event,
completed in an earlier year), a pair that started three months ago
with its talks logged, and the year's interviews with personnel heads, three of them
recorded (anxin/care/interviews/demo.py). Through the services; idempotent; demo mode
only."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from anxin.care.interviews.demo import demo_interviews
from anxin.care.mentoring import services
from anxin.care.mentoring.models import MentoringPair, MentoringTalk
from anxin.core.demo import DemoRun, demo_step
from anxin.events import services as events
from anxin.events.models import Event, EventSession, Registration
from anxin.people.demo import CAST_AGENCY, demo_require, username_for
from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.services import plan_for_authority

NOTES = (
    "聊到科內公文流程與常用系統，約好下次帶看檔案室。",
    "分享機關文化與跨科室協調的眉角。",
    "談到到職後的壓力與作息，提供協談室的聯絡方式。",
)
TOPICS = ("work_skills", "culture", "stress")


@transaction.atomic
def demo_mentoring() -> tuple[int, int]:
    """(pairs, talks logged); (0, 0) when the demo has them already or lacks the cast."""
    demo_require()
    agency = OrgUnit.objects.filter(code=CAST_AGENCY).first()
    hr = User.objects.filter(username=username_for(Role.HR)).first()
    own = Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first()
    if agency is None or hr is None or own is None:
        return 0, 0
    if MentoringPair.objects.filter(agency__path__startswith=agency.path).exists():
        return 0, 0
    settings = services.mentoring_of(agency)
    if settings is None:
        return 0, 0
    today = timezone.localdate()
    colleagues = list(
        Employee.objects.filter(agency.subtree_q("unit__"), is_active=True, user__isnull=True)
        .exclude(pk=own.pk)
        .order_by("-hire_date", "number")[:3]
    )
    if len(colleagues) < 3:
        return 0, 0
    hire, *others = colleagues
    eap_admin = User.objects.filter(username=username_for(Role.EAP_ADMIN)).first() or hr
    plan = plan_for_authority(agency.root_id)
    classes = services.mentor_classes_generate(
        actor=eap_admin, plan=plan, owner_unit=agency.authority()
    ) or [links[0] for links in services.mentor_classes_of(plan).values()]
    mentors = [services.mentor_add(actor=hr, scope=agency, number=p.number) for p in (own, *others)]
    # The classes were held some 200 days ago: made, published and registered for before
    # their session, completed after it, as the events app records them.
    held = timezone.now() - timedelta(days=200)
    for event in classes:
        EventSession.objects.get_or_create(
            event=event,
            defaults={"starts_at": held, "ends_at": held + timedelta(hours=3), "place": "訓練教室"},
        )
    Event.objects.filter(pk__in=[event.pk for event in classes]).update(
        status=Event.Status.PUBLISHED,
        created_at=held - timedelta(days=35),
        published_at=held - timedelta(days=30),
    )
    for person in (own, *others[:1]):  # the third one is not trained yet
        for event in classes:
            registration = Registration.objects.create(
                event=event, employee=person, status=Registration.Status.REGISTERED
            )
            Registration.objects.filter(pk=registration.pk).update(
                created_at=held - timedelta(days=20)
            )
            events.registration_complete(registration=registration, at=held + timedelta(hours=3))
    starts = today - timedelta(days=95)
    pair = services._open_pair(
        actor=hr, mentee=hire, mentor=mentors[0], starts_on=starts,
        ends_on=starts + timedelta(days=365), cadence=settings.cadence_months,
    )  # fmt: skip
    logged = 0
    for talk, note, topic in zip(
        MentoringTalk.objects.filter(pair=pair, due_on__lte=today), NOTES, TOPICS, strict=False
    ):
        services.talk_log(
            talk=talk, held_on=talk.due_on, topic=topic, note=note,
            expected_version=talk.version, today=today,
        )  # fmt: skip
        logged += 1
    return 1, logged


@demo_step(order=80, summary="a mentoring pair with its talks; interviews with personnel heads")
def mentoring_step(run: DemoRun) -> str | None:
    pairs, talks = demo_mentoring()
    scheduled, recorded = demo_interviews()
    if not pairs and not scheduled:
        return None
    return (
        f"Mentoring: {pairs} pair with {talks} talks logged; interviews with personnel "
        f"heads: {scheduled} scheduled, {recorded} recorded."
    )
