"""A provider with an administrator, two counsellors, rates and sessions in March 2025
(ROC 114/03), for the provider tests."""

from datetime import date, datetime

from django.utils import timezone

from anxin.counseling import services as counselling
from anxin.counseling.providers import services
from anxin.people.roles import Role
from tests.base import give_role, make_employee, make_user
from tests.counseling.base import CounselingTestCase

YEAR, MONTH = 2025, 3


def at(day: int, hour: int = 10, month: int = MONTH) -> datetime:
    return timezone.make_aware(datetime(YEAR, month, day, hour, 0))


class ProvidersTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.provider = services.provider_create(
            authority=cls.authority,
            name="心橋諮商所",
            contract_start=date(2025, 1, 1),
            contract_end=date(2025, 12, 31),
        )
        cls.other_provider = services.provider_create(
            authority=cls.authority,
            name="晴天心理治療所",
            contract_start=date(2025, 1, 1),
            contract_end=date(2025, 12, 31),
        )
        cls.provider_admin = make_user("provadmin")
        give_role(cls.provider_admin, Role.PROVIDER_ADMIN, cls.authority)
        services.provider_admin_add(provider=cls.provider, user=cls.provider_admin)
        cls.other_admin = make_user("otheradmin")
        give_role(cls.other_admin, Role.PROVIDER_ADMIN, cls.authority)
        services.provider_admin_add(provider=cls.other_provider, user=cls.other_admin)

        cls.pcounselor = make_user("pcounselor", display_name="林諮商師")
        give_role(cls.pcounselor, Role.COUNSELOR, cls.authority)
        services.provider_counselor_add(provider=cls.provider, user=cls.pcounselor)
        # Face to face: 1,600 until 3/15, 2,000 from 3/16; phone: 1,200.
        cls.rate = services.rate_create(
            provider=cls.provider,
            mode="face_to_face",
            hourly_rate=1600,
            valid_from=date(2025, 1, 1),
            valid_to=date(2025, 3, 15),
        )
        services.rate_create(
            provider=cls.provider,
            mode="face_to_face",
            hourly_rate=2000,
            valid_from=date(2025, 3, 16),
            valid_to=None,
        )
        services.rate_create(
            provider=cls.provider,
            mode="phone",
            hourly_rate=1200,
            valid_from=date(2025, 1, 1),
            valid_to=None,
        )
        cls.bob_employee = make_employee(None, unit=cls.unit, number="E0003", name="張志明")
        cls.case_a = cls.make_case(counselor=cls.pcounselor)
        cls.case_b = cls.make_case(
            item=cls.make_request(employee=cls.bob_employee), counselor=cls.pcounselor
        )
        # A case of the counselling room's own counsellor: never on the provider's pages.
        cls.room_case = cls.make_case(counselor=cls.counselor)
        cls.add_session(cls.case_a, at(3), 50, "face_to_face")  # 1600
        cls.add_session(cls.case_a, at(20), 50, "face_to_face")  # 2000
        cls.add_session(cls.case_a, at(27), 60, "face_to_face")  # 2000
        cls.add_session(cls.case_b, at(5), 30, "phone")  # 1200
        cls.add_session(cls.case_b, at(12), 45, "phone")  # 1200
        cls.add_session(cls.case_b, at(28, month=4), 50, "phone")  # next month
        cls.add_session(cls.room_case, at(10), 50, "face_to_face")

    @classmethod
    def add_session(cls, case, held_at, minutes, mode):
        return counselling.session_record(
            case=case,
            author=case.counselor,
            held_at=held_at,
            minutes=minutes,
            mode=mode,
            clinical={
                "presenting_concern": "SEALED-TEXT 失眠",
                "assessment": "SEALED-TEXT",
                "risk_level": "low",
            },
        )

    def names(self) -> list[str]:
        """What must never show on a provider's page or in a statement."""
        return [
            self.alice_employee.name,
            self.bob_employee.name,
            self.alice_employee.number,
            "SEALED-TEXT",
            "失眠",
        ]
