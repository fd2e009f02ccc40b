"""People and helpers for the counselling tests: the Taipei plan on the test authority,
an intake coordinator, a second counsellor, and the people who must be refused."""

from datetime import timedelta

from django.utils import timezone

from anxin.counseling import services
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.people.roles import Role
from anxin.plans.loader import load_preset
from tests.base import BaseTestCase, give_role, make_user

SESSION_FIELDS = SessionRecord.SEALED


def application(**overrides) -> dict:
    """POST data of a valid application."""
    data = {
        "concern": "emotion",
        "details": "最近睡不好",
        "urgency": "soon",
        "mode": "face_to_face",
        "preferred_times": "週二下午",
        "gender_preference": "any",
        "contact_method": "phone",
        "contact_value": "0912-345-678",
        "accept": "on",
    }
    data.update(overrides)
    return data


def session_post(**overrides) -> dict:
    day = timezone.localdate() - timedelta(days=1)
    data = {
        "held_on": f"{day.year - 1911}/{day.month:02d}/{day.day:02d}",
        "held_time": "14:30",
        "minutes": "50",
        "mode": "face_to_face",
        "presenting_concern": "失眠",
        "assessment": "壓力反應",
        "intervention": "放鬆訓練",
        "recommendations": "規律作息",
        "follow_up": "兩週後再談",
        "risk_level": "low",
    }
    data.update(overrides)
    return data


class CounselingTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = load_preset("taipei-114")
        cls.intake = make_user("intake")
        give_role(cls.intake, Role.INTAKE, cls.authority)
        cls.counselor2 = make_user("counselor2")
        give_role(cls.counselor2, Role.COUNSELOR, cls.authority)
        cls.supervisor = make_user("supervisor")
        give_role(cls.supervisor, Role.SUPERVISOR, cls.agency)
        cls.auditor = make_user("auditor")
        give_role(cls.auditor, Role.AUDITOR, cls.authority)
        cls.sysadmin = make_user("sysadmin", is_superuser=True, is_staff=True)
        give_role(cls.sysadmin, Role.SYSADMIN, cls.authority)

    @classmethod
    def make_request(cls, employee=None, **overrides) -> CounsellingRequest:
        values = {
            "concern": "emotion",
            "urgency": "soon",
            "mode": "face_to_face",
            "gender_preference": "any",
            "contact_method": "phone",
            "contact_value": "0912-345-678",
            "details": "最近睡不好",
            "preferred_times": "週二下午",
        }
        values.update(overrides)
        return services.request_submit(
            employee=employee or cls.alice_employee, plan=cls.plan, **values
        )

    @classmethod
    def make_case(cls, item=None, counselor=None) -> Case:
        item = item or cls.make_request()
        return services.case_open(item=item, counselor=counselor or cls.counselor, actor=cls.intake)

    @classmethod
    def make_session(cls, case, **clinical) -> SessionRecord:
        values = {field: f"{field} text" for field in SESSION_FIELDS}
        values["risk_level"] = "low"
        values.update(clinical)
        return services.session_record(
            case=case,
            author=case.counselor,
            held_at=timezone.now() - timedelta(days=1),
            minutes=50,
            mode="face_to_face",
            clinical=values,
        )
