"""People and records for the reports tests: the Taipei plan on the test authority, its
readers of results (hr of 社會局, eap_admin, a committee member, an external reviewer),
and a small counselling year that can be counted by hand:

| employee | gender | agency | request (month, mode) | sessions (month, minutes, mode) |
| 王小美 | F | 社會局 | March, face to face | March 50 face, April 60 phone |
| 6 colleagues p1–p6 | F F F M M M | 社會局 | June, phone | June 50 phone each |
| 陳大文 | M | 教育局 | none | none |

Each test sets the plan's k (at least 2; the dashboard tests call it with k=1).
"""

from datetime import datetime

from django.utils import timezone

from anxin.counseling.models import CounsellingRequest, SessionRecord
from anxin.people.models import Employee
from anxin.people.roles import Role
from tests.base import give_role, make_employee, make_user
from tests.counseling.base import CounselingTestCase

YEAR = timezone.localdate().year


def moment(month: int, day: int = 10, hour: int = 10) -> datetime:
    return datetime(YEAR, month, day, hour, tzinfo=timezone.get_current_timezone())


class ReportsTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.committee = make_user("committee")
        give_role(cls.committee, Role.COMMITTEE, cls.authority)
        cls.reviewer = make_user("reviewer")
        give_role(cls.reviewer, Role.REVIEWER, cls.authority)
        cls.colleagues = [
            make_employee(
                None,
                unit=cls.unit,
                number=f"P{n}",
                name=f"同仁{n}",
                gender=Employee.Gender.FEMALE if n <= 3 else Employee.Gender.MALE,
            )
            for n in range(1, 7)
        ]
        cls.alice_case = cls.counselled(cls.alice_employee, 3, "face_to_face")
        cls.session(cls.alice_case, moment(3, 20), 50, "face_to_face")
        cls.session(cls.alice_case, moment(4, 20), 60, "phone")
        for colleague in cls.colleagues:
            case = cls.counselled(colleague, 6, "phone")
            cls.session(case, moment(6, 25), 50, "phone")

    @classmethod
    def counselled(cls, employee, month: int, mode: str):
        item = cls.make_request(employee=employee, mode=mode)
        CounsellingRequest.objects.filter(pk=item.pk).update(received_at=moment(month, 1))
        case = cls.make_case(item)
        type(case).objects.filter(pk=case.pk).update(opened_at=moment(month, 2))
        return case

    @classmethod
    def session(cls, case, at: datetime, minutes: int, mode: str) -> SessionRecord:
        record = cls.make_session(case)
        SessionRecord.objects.filter(pk=record.pk).update(held_at=at, minutes=minutes, mode=mode)
        return record

    def set_k(self, k: int) -> None:
        type(self.plan).objects.filter(pk=self.plan.pk).update(k_threshold=k)
