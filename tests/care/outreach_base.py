"""The people of the outreach tests (tests/base.py's, and a few more).

王小美 (Alice) works in 社會局's 第一科; 林主任 is the head of 第一科 (supervisor role on the
unit), 周關懷 a care worker of 社會局, the HR officer of 社會局 imports. Bob (E0003) is a
colleague of Alice's whose account is another. The plan of the authority is set per test
(`set_plan`), Taipei's settings by default."""

from datetime import date

from anxin.care.outreach.importing import outreach_import
from anxin.care.outreach.models import OutreachImport
from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.base import BaseTestCase, give_role, make_employee, make_user
from tests.people.roster_files import csv_bytes

Kind = OutreachImport.Kind
HEADERS = {
    Kind.LIFE_EVENTS: ["員工編號", "姓名", "異動類別", "異動日期"],
    Kind.OVERTIME: ["員工編號", "姓名", "年月", "加班時數"],
    Kind.FAMILY_CARE: ["員工編號", "姓名", "年月", "家庭照顧假日數"],
}


def month_text(day: date, back: int = 0) -> str:
    """The ROC month `back` months before `day`'s, as 115/11."""
    index = day.year * 12 + day.month - 1 - back
    return f"{index // 12 - 1911}/{index % 12 + 1:02d}"


class OutreachTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.supervisor = make_user("supervisor")
        give_role(cls.supervisor, Role.SUPERVISOR, cls.unit)
        make_employee(cls.supervisor, unit=cls.unit, number="E0010", name="林主任")
        cls.care_worker = make_user("careworker")
        give_role(cls.care_worker, Role.CARE_WORKER, cls.agency)
        make_employee(cls.care_worker, unit=cls.unit, number="E0011", name="周關懷")
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit, number="E0003", name="張小華")
        cls.plan = ProgramPlan.objects.create(
            slug="outreach", name="Outreach plan", authority=cls.authority,
            period_start=date(2020, 1, 1), config=cls.config(),
        )  # fmt: skip

    @classmethod
    def config(cls) -> dict:
        data = read_preset("taipei-114").data
        return {
            "overtime_care": dict(data["overtime_care"]),
            "outreach": {
                "life_events": ["marriage", "birth", "bereavement", "retirement", "transfer",
                                "unpaid_leave", "return"],
                "family_care_leave": {"days": 5, "window_months": 3},
                "source": "test",
            },
        }  # fmt: skip

    def set_plan(self, **changes) -> None:
        """Change the plan's settings: `overtime_care={...}` merges into that key."""
        config = dict(self.plan.config)
        for key, value in changes.items():
            config[key] = {**config.get(key, {}), **value}
        ProgramPlan.objects.filter(pk=self.plan.pk).update(config=config)

    def run_import(self, kind, rows, *, scope=None, importer=None, dry_run=False, name="x.csv"):
        return outreach_import(
            data=csv_bytes(rows, header=HEADERS[kind]),
            filename=name,
            kind=kind,
            scope=scope or self.agency,
            importer=importer or self.hr,
            dry_run=dry_run,
        )
