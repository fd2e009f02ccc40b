"""The people every test meets, after healthchecks' `BaseTestCase`.

範例市政府 (the authority) has two agencies. 王小美 (Alice) works in 社會局's 第一科;
her counsellor, the HR officer of 社會局, the EAP administrator at the authority, and an
outsider employee at 教育局 who must be refused wherever Alice's things are concerned.
"""

from datetime import date

from django.test import TestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.people.models import Employee, RoleAssignment, User
from anxin.people.roles import Role
from anxin.people.services import orgunit_create

PASSWORD = "correct horse battery staple"


def make_user(username: str, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    return user


def make_employee(user: User | None, *, unit, number: str, name: str, **extra) -> Employee:
    fields = {
        "staff_category": Employee.StaffCategory.CIVIL_SERVANT,
        "gender": Employee.Gender.FEMALE,
        "birth_date": date(1985, 4, 1),
        "hire_date": date(2015, 8, 1),
        "email": f"{number}@example.gov.tw",
    }
    fields.update(extra)
    return Employee.objects.create(
        user=user, authority=unit.authority(), unit=unit, number=number, name=name, **fields
    )


def give_role(user: User, role: str, scope) -> RoleAssignment:
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})
    return RoleAssignment.objects.create(user=user, role=role, scope=scope)


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        cls.agency = orgunit_create(
            name="範例市政府社會局", kind="agency", parent=cls.authority, code="379100000G"
        )
        cls.unit = orgunit_create(name="第一科", kind="unit", parent=cls.agency)
        cls.other_agency = orgunit_create(
            name="範例市政府教育局", kind="agency", parent=cls.authority, code="379200000H"
        )

        cls.alice = make_user("alice")
        cls.alice_employee = make_employee(cls.alice, unit=cls.unit, number="E0001", name="王小美")
        cls.outsider = make_user("outsider")
        cls.outsider_employee = make_employee(
            cls.outsider,
            unit=cls.other_agency,
            number="E0002",
            name="陳大文",
            gender=Employee.Gender.MALE,
        )

        cls.counselor = make_user("counselor")
        give_role(cls.counselor, Role.COUNSELOR, cls.authority)
        cls.hr = make_user("hr")
        give_role(cls.hr, Role.HR, cls.agency)
        cls.eap_admin = make_user("eapadmin")
        give_role(cls.eap_admin, Role.EAP_ADMIN, cls.authority)

    def login(self, user: User, *, verified: bool = True) -> None:
        """Sign `user` in; a staff member also passes the second factor unless told not."""
        self.client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if verified and device is not None:
            session = self.client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
