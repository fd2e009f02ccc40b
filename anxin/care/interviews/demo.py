"""Interviews demo data, run by the mentoring demo step (one line for both): this
year's interviews with four agencies' personnel heads, three of them recorded, written
without names, with words that several agencies share. Demo mode only; idempotent."""

from django.db import transaction
from django.utils import timezone

from anxin.care.interviews import services
from anxin.care.interviews.models import Interview
from anxin.core.refusals import Refused
from anxin.people.demo import AUTHORITY_CODE, demo_require, username_for
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role

ANSWERS = (
    {
        "stress": "陳情案件多，業務量大，加班頻繁。",
        "adaptation": "新進人員不熟悉業務流程，需要資深同事帶領。",
        "concerns": "少數同仁請假增加，單位主管已主動關心。",
    },
    {
        "stress": "人力不足，業務量大，假日常需加班。",
        "adaptation": "約聘人員流動率高，業務流程交接不完整。",
        "concerns": "績效落後的同仁多與家庭照顧壓力有關。",
    },
    {
        "stress": "民眾期待高，加班與輪班造成身心疲憊。",
        "adaptation": "新進人員希望有固定的導師協助熟悉業務流程。",
        "concerns": "主管希望學習辨識異常徵候與轉介協談室。",
    },
)
AGENCIES = 4


@transaction.atomic
def demo_interviews() -> tuple[int, int]:
    """(scheduled, recorded); (0, 0) when this year's exist already."""
    demo_require()
    authority = OrgUnit.objects.filter(code=AUTHORITY_CODE).first()
    intake = User.objects.filter(username=username_for(Role.INTAKE)).first()
    if authority is None or intake is None or services.interviews_of(authority) is None:
        return 0, 0
    today = timezone.localdate()
    if Interview.objects.filter(agency__path__startswith=authority.path, year=today.year).exists():
        return 0, 0
    agencies = list(services.agencies_in(authority)[:AGENCIES])
    recorded = 0
    for index, agency in enumerate(agencies):
        interview = services.interview_schedule(
            actor=intake, scope=authority, agency=agency, scheduled_on=today
        )
        if index >= len(ANSWERS):
            continue
        try:
            services.interview_record(
                interview=interview, answers=ANSWERS[index], expected_version=interview.version
            )
        except Refused:  # a generated colleague's name happens to be in the text: left open
            continue
        recorded += 1
    return len(agencies), recorded
