"""Set-up shared by the analysis tests: a questionnaire, people with known attributes, and
answers submitted through the real service, then the survey closed."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.people.models import Employee
from anxin.surveys import ballots, services
from anxin.surveys.models import Survey
from tests.base import BaseTestCase, make_employee
from tests.surveys.base import definition, make_survey, publish, question

QUESTIONS = definition(
    question("pick", "single", options=["是", "否"]),
    question("agree", "likert5"),
    question("score", "rating10"),
    question("count", "number", min=0, max=100),
    question("many", "multiple", options=["甲", "乙", "丙"]),
    question("note", "long_text"),
    title="員工需求調查",
)


class AnalysisTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.version = publish(owner=cls.agency, actor=cls.hr, data=QUESTIONS)
        cls.serial = 100

    @classmethod
    def person(cls, *, unit=None, **extra) -> Employee:
        cls.serial += 1
        return make_employee(
            None, unit=unit or cls.unit, number=f"A{cls.serial}", name=f"員工{cls.serial}", **extra
        )

    @classmethod
    def new_survey(cls, *, breakdowns=("gender",), mode=Survey.Mode.ANONYMOUS, **extra) -> Survey:
        survey = make_survey(
            cls.version, owner=cls.agency, actor=cls.hr, mode=mode, days=(-10, 7), **extra
        )
        survey.breakdowns = list(breakdowns)
        survey.save(update_fields=["breakdowns"])
        return survey

    @classmethod
    def answer(cls, survey: Survey, answers: dict, **person) -> Employee:
        employee = cls.person(**person)
        services.answer_submit(survey=survey, employee=employee, answers=answers)
        return employee

    @staticmethod
    def close(survey: Survey, *, year: int | None = None) -> None:
        """Close the survey yesterday, or move it to (a closed period of) `year`; then
        count its answers as the `survey_ballots` job does after closing."""
        if year is None:
            today = timezone.localdate()
            Survey.objects.filter(pk=survey.pk).update(
                opens_on=today - timedelta(days=10), closes_on=today - timedelta(days=1)
            )
        else:
            Survey.objects.filter(pk=survey.pk).update(
                opens_on=date(year, 3, 1), closes_on=date(year, 3, 31)
            )
        survey.refresh_from_db()
        ballots.survey_ballots_count(survey=survey, today=timezone.localdate())
