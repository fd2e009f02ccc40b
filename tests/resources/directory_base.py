"""The people and plan of the directory's tests: the authority of tests/base.py under
Taipei's preset (003's four harassment categories and the care map), and a helper that
writes entries through the service."""

from datetime import date, time
from decimal import Decimal

from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from anxin.resources.directory import search
from anxin.resources.directory.hours import Opening
from anxin.resources.directory.models import Organisation, Service
from anxin.resources.directory.services import EntryData, service_create
from tests.base import BaseTestCase, give_role, make_user

PLAN_START = date(2025, 1, 1)


def make_plan(authority, *, slug: str = "taipei-test", preset: str = "taipei-114") -> ProgramPlan:
    return ProgramPlan.objects.create(
        slug=slug,
        name=f"{preset} (test)",
        authority=authority,
        period_start=PLAN_START,
        config=read_preset(preset).data,
    )


def make_entry(authority, owner, *, agency=None, verified_on=None, **fields) -> Service:
    values = {"organisation": "範例機構", "name": "服務"} | fields
    return service_create(
        authority=authority,
        agency=agency or authority,
        owner=owner,
        data=EntryData(**values),
        verified_on=verified_on or date.today(),
    )


def make_many(authority, owner, count: int, *, agency=None) -> None:
    """`count` entries at once (bulk, indexed as the services index them)."""
    organisation, _ = Organisation.objects.get_or_create(authority=authority, name="大量機構")
    rows = [
        Service(
            authority=authority,
            agency=agency or authority,
            organisation=organisation,
            owner=owner,
            name=f"心理諮詢服務{number}",
            district="信義區",
            category="心理相關",
            latitude=Decimal("25.03") + Decimal(number % 100) / 1000,
            longitude=Decimal("121.56"),
            last_verified=date.today(),
            search_tokens=search.tokens(f"心理諮詢服務{number}", "大量機構"),
        )
        for number in range(count)
    ]
    for service in Service.objects.bulk_create(rows):
        if service.pk is None:  # backends that do not return ids
            service = Service.objects.get(name=service.name, organisation=organisation)
        search.index_service(service)


class DirectoryTestCase(BaseTestCase):
    """Adds an HR officer of the other agency (教育局), who may read the directory but
    edit only his agency's entries, and the authority's plan."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(cls.authority)
        cls.other_hr = make_user("otherhr")
        give_role(cls.other_hr, Role.HR, cls.other_agency)
        cls.legal = make_entry(
            cls.authority,
            cls.eap_admin,
            agency=cls.agency,
            organisation="民政處",
            name="法律扶助諮詢",
            category="法律諮詢",
            service_area="legal",
            description="聘請律師解答法律問題",
            district="西區",
            hours=(Opening(0, time(9, 30), time(12), "六樓第一會議室"),),
        )
