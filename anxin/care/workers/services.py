"""What changes a care worker's state: nomination (by the agency, or by the person), the
other side's answer, renewal, the end of a term, the person's listing on the map.

A term begins only when both sides have agreed (decision 0043): an agency's nomination
waits for the person's consent, a person's offer for the agency's approval. Its length
is the plan's (`ProgramPlan.care_worker_term_years`, two years when the plan is silent);
a renewal adds one more term to the same record.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care.workers.models import CareWorker
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.people.models import Employee, OrgUnit
from anxin.plans.services import plan_for_authority

Status = CareWorker.Status


def years_after(day: date, years: int) -> date:
    """The same calendar day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_years_for(employee: Employee) -> int:
    plan = plan_for_authority(employee.authority_id)
    return plan.care_worker_term_years if plan else 2


def _check_units(employee: Employee, units: Iterable[OrgUnit]) -> list[OrgUnit]:
    units = list(units)
    if not units:
        raise Refused("no_units", _("Choose at least one unit the care worker covers."))
    authority_path = f"/{employee.authority_id}/"
    if any(not unit.path.startswith(authority_path) for unit in units):
        raise Refused("foreign_unit", _("A care worker covers units of his or her own authority."))
    return units


def _check_free(employee: Employee) -> None:
    if CareWorker.objects.filter(employee=employee).exclude(status=Status.ENDED).exists():
        raise Refused(
            "already_open",
            _("%(name)s already has a nomination or a term as a care worker.")
            % {"name": employee.name},
        )


def _begin_if_agreed(care_worker: CareWorker, *, today: date, term_start: date | None) -> None:
    """Both sides agreed: the term runs from `term_start` (today when empty) for the plan's
    years; it is active at once or approved until its first day."""
    if care_worker.consented_at is None or care_worker.approved_at is None:
        return
    start = term_start or today
    care_worker.term_start = start
    care_worker.term_end = years_after(start, term_years_for(care_worker.employee)) - timedelta(
        days=1
    )
    care_worker.status = Status.ACTIVE if start <= today else Status.APPROVED


@transaction.atomic
def careworker_nominate(
    *,
    actor,
    employee: Employee,
    units: Iterable[OrgUnit],
    specialties: list[str],
    now: datetime | None = None,
) -> CareWorker:
    """The agency nominates `employee`; the person is asked for consent (inbox and
    e-mail) and the term begins when he or she agrees."""
    now = now or timezone.now()
    units = _check_units(employee, units)
    _check_free(employee)
    care_worker = CareWorker.objects.create(
        employee=employee,
        route=CareWorker.Route.AGENCY,
        specialties=list(specialties),
        nominated_by=actor,
        nominated_at=now,
        approved_by=actor,
        approved_at=now,
    )
    care_worker.units.set(units)
    if employee.user_id is not None and employee.user.is_active:
        notify(
            recipients=[employee.user],
            template="care_worker_nominated",
            context={"agency": employee.unit.name},
            url=reverse("care:workers_mine"),
        )
    return care_worker


@transaction.atomic
def careworker_volunteer(
    *,
    employee: Employee,
    specialties: list[str],
    listed: bool = False,
    contact: str = "",
    now: datetime | None = None,
) -> CareWorker:
    """The person offers to be a care worker for his or her own unit; the agency (hr or
    the EAP administrator) approves."""
    now = now or timezone.now()
    _check_free(employee)
    care_worker = CareWorker.objects.create(
        employee=employee,
        route=CareWorker.Route.SELF,
        specialties=list(specialties),
        nominated_by=employee.user,
        nominated_at=now,
        consented_at=now,
        listed=listed,
        contact=contact,
    )
    care_worker.units.set([employee.unit])
    return care_worker


@transaction.atomic
def careworker_consent(
    *,
    care_worker: CareWorker,
    agree: bool,
    listed: bool = False,
    contact: str = "",
    now: datetime | None = None,
) -> CareWorker:
    """The person answers the agency's nomination: agreeing begins the term, declining
    ends the nomination (nobody is a care worker against his or her will)."""
    now = now or timezone.now()
    care_worker = CareWorker.objects.select_for_update().get(pk=care_worker.pk)
    if not care_worker.awaits_employee():
        raise Refused("answered", _("This nomination has been answered already."))
    if agree:
        care_worker.consented_at = now
        care_worker.listed = listed
        care_worker.contact = contact
        _begin_if_agreed(care_worker, today=timezone.localdate(now), term_start=None)
    else:
        care_worker.status = Status.ENDED
        care_worker.ended_at = now
        care_worker.end_reason = CareWorker.EndReason.DECLINED
    care_worker.version += 1
    care_worker.save()
    return care_worker


@transaction.atomic
def careworker_approve(
    *,
    care_worker: CareWorker,
    actor,
    agree: bool,
    term_start: date | None = None,
    now: datetime | None = None,
) -> CareWorker:
    """The agency answers a person's offer: approving begins the term (on `term_start`,
    today when empty), refusing ends the offer."""
    now = now or timezone.now()
    care_worker = CareWorker.objects.select_for_update().get(pk=care_worker.pk)
    if not care_worker.awaits_agency():
        raise Refused("answered", _("This offer has been answered already."))
    today = timezone.localdate(now)
    if term_start is not None and term_start < today:
        raise Refused("past_start", _("A term cannot begin in the past."))
    if agree:
        care_worker.approved_by = actor
        care_worker.approved_at = now
        _begin_if_agreed(care_worker, today=today, term_start=term_start)
    else:
        care_worker.status = Status.ENDED
        care_worker.ended_at = now
        care_worker.end_reason = CareWorker.EndReason.NOT_APPROVED
    care_worker.version += 1
    care_worker.save()
    return care_worker


@transaction.atomic
def careworker_renew(*, care_worker: CareWorker, expected_version: int) -> CareWorker:
    """Renew the term (renewable without limit): one more term of the plan's years after
    the current end."""
    if care_worker.status not in (Status.ACTIVE, Status.APPROVED) or care_worker.term_end is None:
        raise Refused("not_in_term", _("Only a care worker in a term can be renewed."))
    years = term_years_for(care_worker.employee)
    care_worker.term_end = years_after(care_worker.term_end + timedelta(days=1), years) - timedelta(
        days=1
    )
    care_worker.renewals += 1
    save_versioned(care_worker, expected_version=expected_version, fields=["term_end", "renewals"])
    return care_worker


@transaction.atomic
def careworker_end(
    *,
    care_worker: CareWorker,
    reason: str,
    expected_version: int,
    now: datetime | None = None,
) -> CareWorker:
    """End a term or withdraw a nomination (the care worker steps down, leaves, ...)."""
    if care_worker.status == Status.ENDED:
        raise Refused("ended", _("This term has ended already."))
    if reason not in CareWorker.EndReason.values:
        raise Refused("reason", _("Choose why the term ends."))
    care_worker.status = Status.ENDED
    care_worker.ended_at = now or timezone.now()
    care_worker.end_reason = reason
    save_versioned(
        care_worker,
        expected_version=expected_version,
        fields=["status", "ended_at", "end_reason"],
    )
    return care_worker


@transaction.atomic
def careworker_listing(*, care_worker: CareWorker, listed: bool, contact: str) -> CareWorker:
    """The care worker chooses whether colleagues see him or her on the map, and how they
    reach him or her."""
    care_worker.listed = listed
    care_worker.contact = contact
    care_worker.version += 1
    care_worker.save(update_fields=["listed", "contact", "version"])
    return care_worker


@transaction.atomic
def careworkers_roll(*, on: date) -> tuple[int, int]:
    """Begin the approved terms whose first day has come and end those whose last day
    has passed (idempotent; the due job runs it daily). Returns (begun, ended)."""
    begun = CareWorker.objects.filter(status=Status.APPROVED, term_start__lte=on).update(
        status=Status.ACTIVE
    )
    ended = CareWorker.objects.filter(
        status__in=[Status.ACTIVE, Status.APPROVED], term_end__lt=on
    ).update(
        status=Status.ENDED,
        ended_at=timezone.now(),
        end_reason=CareWorker.EndReason.TERM_OVER,
    )
    return begun, ended
