"""Fixtures for the case-conference tests: Alice's case, a conference on it, and the
people who must be refused (another agency's HR officer and supervisor)."""

from datetime import timedelta

from django.utils import timezone

from anxin.counseling.conferences import services
from anxin.counseling.conferences.models import CaseConference
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.counseling.base import CounselingTestCase

AGENDA = "討論王小美的工作調整"


def roc(day) -> str:
    return f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"


def conference_post(unit_head, personnel_head, **overrides) -> dict:
    """POST data of a valid conference a week from now."""
    day = timezone.localdate() + timedelta(days=7)
    data = {
        "starts_on": roc(day),
        "starts_time": "10:00",
        "place": "協談室A",
        "unit_head": str(unit_head.pk),
        "personnel_head": str(personnel_head.pk),
        "agenda": AGENDA,
    }
    data.update(overrides)
    return data


class ConferenceTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_hr = make_user("other-hr")
        give_role(cls.other_hr, Role.HR, cls.other_agency)
        cls.other_supervisor = make_user("other-supervisor")
        give_role(cls.other_supervisor, Role.SUPERVISOR, cls.other_agency)
        cls.case = cls.make_case()

    @classmethod
    def make_conference(cls, *, agree: bool | None = None, by=None, **overrides) -> CaseConference:
        values = {
            "case": cls.case,
            "scheduled_by": by or cls.counselor,
            "scheduler_role": Role.INTAKE if by == cls.intake else Role.COUNSELOR,
            "starts_at": timezone.now() + timedelta(days=7),
            "place": "協談室A",
            "agenda": AGENDA,
            "unit_head": cls.supervisor,
            "personnel_head": cls.hr,
        }
        values.update(overrides)
        conference = services.conference_schedule(**values)
        if agree is not None:
            conference = services.conference_answer(conference=conference, agree=agree)
        return conference
