"""Authorization-matrix rows of the follow-up pages of identified surveys
(tests/test_authorization_matrix.py; docs/decisions/0013-survey-schedules.md)."""

from datetime import timedelta

from django.utils import timezone

from anxin.surveys import services
from anxin.surveys.models import Response, Survey
from tests.matrix_profiles import HR_OFFICERS, NOT_ALLOWED
from tests.surveys.base import EVERY_TYPE, publish

HR_404 = HR_OFFICERS.but(inside="404")
F = "/surveys/manage/follow-ups/"

ROWS = [
    ("surveys:follow_ups", "GET", F, HR_OFFICERS),
    ("surveys:follow_ups", "POST", F, NOT_ALLOWED),
    ("surveys:follow_up", "GET", F + "{sched_survey}/", HR_OFFICERS),
    ("surveys:follow_up", "POST", F + "{sched_survey}/", NOT_ALLOWED),
    # Not identified: no follow-up list.
    ("surveys:follow_up", "GET", F + "{sched_confidential}/", HR_404),
    ("surveys:follow_up_answers", "GET", F + "{sched_survey}/{sched_response}/", HR_OFFICERS),
    ("surveys:follow_up_answers", "POST", F + "{sched_survey}/{sched_response}/", NOT_ALLOWED),
    # The answers of someone outside the officer's agency.
    ("surveys:follow_up_answers", "GET", F + "{sched_survey}/{sched_outside}/", HR_404),
]


def placeholders(cls) -> dict:
    today = timezone.localdate()
    version = publish(owner=cls.authority, actor=cls.eap_admin, data=EVERY_TYPE)

    def survey(mode: str) -> Survey:
        return services.survey_create(
            version=version, owner=cls.authority, actor=cls.eap_admin, title="新進人員關懷問卷",
            scope=cls.authority, staff_categories=[], opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=7), mode=mode,
        )  # fmt: skip

    identified = survey(Survey.Mode.IDENTIFIED)
    confidential = survey(Survey.Mode.CONFIDENTIAL)
    own = Response.objects.create(
        survey=identified, employee=cls.alice_employee, status=Response.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )  # fmt: skip
    outside = Response.objects.create(
        survey=identified, employee=cls.outsider_employee, status=Response.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )  # fmt: skip
    return {
        "sched_survey": identified.uuid,
        "sched_confidential": confidential.uuid,
        "sched_response": own.uuid,
        "sched_outside": outside.uuid,
    }
