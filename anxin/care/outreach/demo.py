"""Outreach demo data: the demo HR officer imports a personnel-changes file and three
months of overtime for his agency, as on the import pages, and the plan's outreach runs
(the demo plan is Taipei's: retirements are followed up, overtime is on and names nobody,
so HR sees counts by unit). The demo employee is among those invited: her inbox shows the
neutral invitation. Idempotent: nothing is added once the demo agency has an outreach
import. Demo mode only (`anxin.people.demo.demo_require`)."""

from datetime import timedelta

from django.utils import timezone

from anxin.care.outreach.actions import month_back
from anxin.care.outreach.columns import COLUMNS
from anxin.care.outreach.importing import outreach_import
from anxin.care.outreach.models import OutreachImport
from anxin.core import sheets
from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import CAST_AGENCY, demo_require, username_for
from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roles import Role

Kind = OutreachImport.Kind
# Overtime hours of the last three months (oldest first), one list per person in turn.
OVERTIME = ((12, 20, 18), (96, 104, 110), (30, 35, 28), (85, 90, 88), (8, 0, 10), (40, 46, 52))
PEOPLE = 24


def _roc(day) -> str:
    return f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"


def _csv(kind: str, rows: list[list[str]]) -> bytes:
    return sheets.sheet_bytes("csv", "x", [[c.header for c in COLUMNS[kind]], *rows])


@demo_step(order=86, summary="outreach from imported personnel changes and overtime")
def outreach_step(run: DemoRun) -> str | None:
    demo_require()
    hr = User.objects.filter(username=username_for(Role.HR)).first()
    agency = OrgUnit.objects.filter(code=CAST_AGENCY).first()
    if hr is None or agency is None or OutreachImport.objects.filter(scope=agency).exists():
        return None
    demo_employee = Employee.objects.filter(user__username=username_for(Role.EMPLOYEE)).first()
    others = list(
        Employee.objects.filter(
            agency.subtree_q("unit__"), is_active=True, user__isnull=True
        ).order_by("number")[:PEOPLE]
    )
    people = ([demo_employee] if demo_employee else []) + others
    if len(people) < 8:
        return None
    today = timezone.localdate()
    changes = [
        [people[0].number, people[0].name, "退休", _roc(today + timedelta(days=45))],
        [people[1].number, people[1].name, "退休", _roc(today + timedelta(days=20))],
        [people[2].number, people[2].name, "結婚", _roc(today - timedelta(days=10))],
        [people[3].number, people[3].name, "調動", _roc(today - timedelta(days=5))],
        [people[4].number, people[4].name, "留職停薪", _roc(today - timedelta(days=30))],
    ]
    last = month_back(today.replace(day=1), 1)
    overtime = []
    for i, person in enumerate(people[5:]):
        for back, hours in zip((2, 1, 0), OVERTIME[i % len(OVERTIME)], strict=True):
            month = month_back(last, back)
            overtime.append(
                [person.number, "", f"{month.year - 1911}/{month.month:02d}", str(hours)]
            )
    outcomes = [
        outreach_import(data=_csv(kind, rows), filename=name, kind=kind, scope=agency, importer=hr)
        for kind, rows, name in (
            (Kind.LIFE_EVENTS, changes, "人事異動.csv"),
            (Kind.OVERTIME, overtime, "加班時數.csv"),
        )
    ]
    signals = sum(outcome.sent.get("signals", 0) for outcome in outcomes)
    return (
        f"Outreach: {len(changes)} personnel changes and {len(overtime)} overtime months "
        f"imported by {hr.username}; {signals} offered help, to the person alone "
        f"(HR sees counts by unit)."
    )
