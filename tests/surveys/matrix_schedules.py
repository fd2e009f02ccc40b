"""Authorization-matrix rows of the follow-up pages of identified surveys
(tests/test_authorization_matrix.py; docs/decisions/0013-survey-schedules.md)."""

from datetime import timedelta

from django.utils import timezone

from anxin.surveys import services
from anxin.surveys.models import Response, Survey
from tests.surveys.base import EVERY_TYPE, publish

HR_ONLY = "login 403 403 403 403 ok 403 403 403 403 403 403"
HR_404 = "login 403 403 403 403 404 403 403 403 403 403 403"
ALL_405 = "405 " * 12
F = "/surveys/manage/follow-ups/"

ROWS = [
    ("surveys:follow_ups", "GET", F, HR_ONLY),
    ("surveys:follow_ups", "POST", F, ALL_405),
    ("surveys:follow_up", "GET", F + "{sched_survey}/", HR_ONLY),
    ("surveys:follow_up", "POST", F + "{sched_survey}/", ALL_405),
    # Not identified: no follow-up list.
    ("surveys:follow_up", "GET", F + "{sched_confidential}/", HR_404),
    ("surveys:follow_up_answers", "GET", F + "{sched_survey}/{sched_response}/", HR_ONLY),
    ("surveys:follow_up_answers", "POST", F + "{sched_survey}/{sched_response}/", ALL_405),
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
