"""Shared set-up of the survey tests: BaseTestCase's people and small questionnaires."""

from datetime import timedelta

from django.utils import timezone

from anxin.surveys import ballots, services
from anxin.surveys.models import QuestionnaireVersion, Survey
from tests.base import BaseTestCase


def question(key: str, kind: str, **extra) -> dict:
    data = {"key": key, "type": kind, "text": f"問題 {key}"}
    if kind in ("single", "multiple") and "options" not in extra:
        data["options"] = ["是", "否"]
    data.update(extra)
    return data


def definition(*questions: dict, title: str = "測試問卷") -> dict:
    return {"title": title, "sections": [{"title": "第一部分", "questions": list(questions)}]}


EVERY_TYPE = definition(
    question("pick", "single", required=True),
    question("many", "multiple", options=["甲", "乙", "丙"]),
    question("agree", "likert5", required=True),
    question("score", "rating10"),
    question("count", "number", min=0, max=10),
    question("day", "date"),
    question("short", "short_text"),
    question("long", "long_text"),
    question("why", "short_text", required=True, show_if={"question": "pick", "equals": "否"}),
)


def publish(*, owner, actor, data: dict) -> QuestionnaireVersion:
    version = services.questionnaire_create(owner=owner, actor=actor, definition=data)
    services.version_publish(version=version, expected_version=version.version)
    version.refresh_from_db()
    return version


def make_survey(version, *, owner, actor, scope=None, mode="anonymous", days=(-1, 7), **extra):
    today = timezone.localdate()
    return services.survey_create(
        version=version,
        owner=owner,
        actor=actor,
        title=extra.pop("title", "測試調查"),
        scope=scope or owner,
        staff_categories=extra.pop("staff_categories", []),
        opens_on=today + timedelta(days=days[0]),
        closes_on=today + timedelta(days=days[1]),
        mode=mode,
    )


def count_as_closed(survey: Survey) -> None:
    """Run the survey_ballots job on the survey as on the day after it closes: its
    pending answers are written in one shuffled batch (decision 0019), if there are at
    least k of them."""
    ballots.survey_ballots_count(survey=survey, today=survey.closes_on + timedelta(days=1))


class SurveyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.version = publish(owner=cls.agency, actor=cls.hr, data=EVERY_TYPE)
        cls.anonymous = make_survey(cls.version, owner=cls.agency, actor=cls.hr)
        cls.confidential = make_survey(
            cls.version, owner=cls.agency, actor=cls.hr, mode=Survey.Mode.CONFIDENTIAL
        )
        cls.identified = make_survey(
            cls.version, owner=cls.agency, actor=cls.hr, mode=Survey.Mode.IDENTIFIED
        )


VALID = {
    "pick": "是",
    "many": ["甲", "丙"],
    "agree": "4",
    "score": "10",
    "count": "3",
    "day": "114/01/22",
    "short": "好",
    "long": "很好",
}
