"""Workers: the demo's care workers (anxin/core/demo.py): in the demo agency of the staff
accounts, the demo care worker in term and listed, a colleague whose term ends within 60
days, a nomination waiting for consent, and departments left without one (the gaps the
coverage map shows)."""

from datetime import timedelta

from django.utils import timezone

from anxin.care.workers import coverage as cov
from anxin.care.workers import services
from anxin.care.workers.models import CareWorker
from anxin.core.demo import DemoRun, demo_step
from anxin.people.demo import CAST_AGENCY, demo_require, username_for
from anxin.people.models import Employee, OrgUnit, User
from anxin.people.roles import Role
from anxin.plans.services import plan_for_authority


def _employee_of(agency: OrgUnit, unit_name: str, *, skip: set[int]) -> Employee | None:
    """An employee without an account, of that unit if it has one, else of the agency."""
    people = Employee.objects.filter(
        unit__path__startswith=agency.path, is_active=True, user__isnull=True
    ).exclude(pk__in=skip)
    return (
        people.filter(unit__name=unit_name).order_by("number").first()
        or people.order_by("number").first()
    )


def demo_care_workers() -> cov.Coverage | None:
    """The demo agency's care workers (idempotent: nothing is added twice)."""
    demo_require()
    agency = OrgUnit.objects.filter(code=CAST_AGENCY).first()
    hr = User.objects.filter(username=username_for(Role.HR)).first()
    if agency is None or hr is None:
        return None
    today = timezone.localdate()
    if not CareWorker.objects.filter(employee__unit__path__startswith=agency.path).exists():
        units = {unit.name: unit for unit in agency.children.all()}
        # The demo care worker (his or her own account) covers 第三科 and 第二科, listed.
        own = Employee.objects.filter(user__username=username_for(Role.CARE_WORKER)).first()
        if own is not None:
            term = services.careworker_nominate(
                actor=hr,
                employee=own,
                units=[units[name] for name in ("第三科", "第二科") if name in units],
                specialties=[CareWorker.Specialty.SOCIAL_WORK],
            )
            services.careworker_consent(
                care_worker=term, agree=True, listed=True, contact="分機 3321"
            )
        used = {own.pk} if own else set()
        # 第一科's care worker: two years in, the term ends in 40 days.
        first = _employee_of(agency, "第一科", skip=used)
        if first is not None and "第一科" in units:
            used.add(first.pk)
            term = services.careworker_nominate(
                actor=hr,
                employee=first,
                units=[units["第一科"]],
                specialties=[CareWorker.Specialty.WILLING],
            )
            term = services.careworker_consent(care_worker=term, agree=True, listed=True)
            ends = today + timedelta(days=40)
            CareWorker.objects.filter(pk=term.pk).update(
                term_start=services.years_after(ends + timedelta(days=1), -2), term_end=ends
            )
        # 人事室 nominated a colleague, who has not answered yet.
        pending = _employee_of(agency, "人事室", skip=used)
        if pending is not None and "人事室" in units:
            services.careworker_nominate(
                actor=hr,
                employee=pending,
                units=[units["人事室"]],
                specialties=[CareWorker.Specialty.PSYCHOLOGY],
            )
    plan = plan_for_authority(agency.root_id)
    return cov.coverage_of(
        agency,
        minimum=plan.care_worker_min_per_department if plan else 1,
        minimum_is_set=plan.care_worker_minimum_is_set if plan else False,
        on=today,
    )


@demo_step(order=70, summary="care workers: a coverage gap, a term ending, a nomination waiting")
def care_workers_step(run: DemoRun) -> str | None:
    coverage = demo_care_workers()
    if coverage is None:
        return None
    return (
        f"Care workers: {coverage.active_count} in {coverage.organisation.name}, "
        f"{len(coverage.gaps)} of {len(coverage.departments)} departments without one, "
        f"{len(coverage.ending)} term ending within 60 days."
    )
