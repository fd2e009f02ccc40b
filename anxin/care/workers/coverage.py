"""The coverage map of an organisation (003 §伍.二.(一) 關懷員地圖; 004 §參.三.(二)1): each
department with its active care workers, the departments below the plan's minimum, the
terms ending soon.

A department is a unit with no active unit below it (a 科, or an agency without units).
A care worker covers the units named on his or her record and everything below them, so
that one who covers a whole 處 covers each of its 科 (decision 0043).

Two queries whatever the size: the units of the subtree, and the care workers covering
any of them with their people.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from anxin.care.workers.models import CareWorker
from anxin.core import sheets
from anxin.core.roc import format_short
from anxin.people.models import OrgUnit

ENDING_WITHIN = timedelta(days=60)


@dataclass
class Department:
    unit: OrgUnit
    parents: list[OrgUnit]  # from the organisation down, the department left out
    care_workers: list[CareWorker] = field(default_factory=list)

    @property
    def trail(self) -> str:
        return " / ".join(unit.name for unit in [*self.parents, self.unit])


@dataclass
class Coverage:
    organisation: OrgUnit
    minimum: int
    minimum_is_set: bool
    departments: list[Department]
    ending: list[CareWorker]  # terms ending within 60 days, soonest first
    today: date

    @property
    def gaps(self) -> list[Department]:
        return [d for d in self.departments if len(d.care_workers) < self.minimum]

    @property
    def active_count(self) -> int:
        return len({cw.pk for d in self.departments for cw in d.care_workers})


def active_on(on: date):
    return CareWorker.objects.filter(
        status=CareWorker.Status.ACTIVE, term_start__lte=on, term_end__gte=on
    )


def coverage_of(organisation: OrgUnit, *, minimum: int, minimum_is_set: bool, on: date) -> Coverage:
    units = list(
        OrgUnit.objects.filter(organisation.subtree_q(), is_active=True).only(
            "pk", "name", "path", "parent_id", "kind"
        )
    )
    by_pk = {unit.pk: unit for unit in units}
    with_children = {unit.parent_id for unit in units if unit.pk != organisation.pk}
    # Every care worker covering a unit of the subtree, once per covered unit.
    links = list(
        CareWorker.units.through.objects.filter(
            orgunit__path__startswith=organisation.path,
            careworker__in=active_on(on),
        ).select_related("careworker__employee__unit")
    )
    covering: dict[int, list[CareWorker]] = defaultdict(list)
    for link in links:
        covering[link.orgunit_id].append(link.careworker)

    departments = []
    for unit in units:
        if unit.pk in with_children:
            continue
        if unit.pk == organisation.pk and len(units) > 1:
            continue
        chain_ids = [int(pk) for pk in unit.path.strip("/").split("/")]
        seen: dict[int, CareWorker] = {}
        for pk in chain_ids:
            for care_worker in covering.get(pk, ()):
                seen.setdefault(care_worker.pk, care_worker)
        start = chain_ids.index(organisation.pk) + 1
        departments.append(
            Department(
                unit=unit,
                parents=[by_pk[pk] for pk in chain_ids[start:-1] if pk in by_pk],
                care_workers=sorted(seen.values(), key=lambda cw: cw.employee.number),
            )
        )
    departments.sort(key=lambda d: d.trail)
    ending_by = on + ENDING_WITHIN
    ending = {
        link.careworker.pk: link.careworker
        for link in links
        if link.careworker.term_end <= ending_by
    }
    return Coverage(
        organisation=organisation,
        minimum=minimum,
        minimum_is_set=minimum_is_set,
        departments=departments,
        ending=sorted(ending.values(), key=lambda cw: (cw.term_end, cw.employee.number)),
        today=on,
    )


def coverage_rows(coverage: Coverage) -> list[list]:
    rows: list[list] = [
        [
            _("Department"),
            _("Care workers"),
            _("How many"),
            _("Below the minimum"),
            _("Terms ending within 60 days"),
        ]
    ]
    ending_by = coverage.today + ENDING_WITHIN
    for department in coverage.departments:
        workers = department.care_workers
        rows.append(
            [
                department.trail,
                "、".join(cw.employee.name for cw in workers),
                len(workers),
                _("Yes") if len(workers) < coverage.minimum else "",
                "、".join(
                    f"{cw.employee.name} {format_short(cw.term_end)}"
                    for cw in workers
                    if cw.term_end <= ending_by
                ),
            ]
        )
    return rows


def coverage_ods(coverage: Coverage) -> bytes:
    return sheets.sheet_bytes(
        "ods", _("Care-worker coverage"), coverage_rows(coverage), widths=(40, 40, 10, 14, 40)
    )
