"""What changes a care worker's state: nomination (by the agency, or by the person), the
other side's answer, renewal, the end of a term, the person's listing on the map.

A term begins only when both sides have agreed (decision 0043): an agency's nomination
waits for the person's consent, a person's offer for the agency's approval. Its length
is the plan's (`ProgramPlan.care_worker_term_years`, two years when the plan is silent);
a renewal adds one more term to the same record.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care.workers.models import CareWorker
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.people.custody.services import role_grant_for_duty, role_withdraw_for_duty
from anxin.people.models import Employee, OrgUnit, RoleAssignment
from anxin.people.roles import Role
from anxin.plans.services import plan_for_authority

Status = CareWorker.Status
AGENCY_KINDS = (OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL)
DUTY = "care-worker term"


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


def agency_of(unit: OrgUnit) -> OrgUnit:
    """The nearest agency or school at or above `unit`; the authority when none."""
    ids = [int(part) for part in unit.path.strip("/").split("/")]
    agency = OrgUnit.objects.filter(pk__in=ids, kind__in=AGENCY_KINDS).order_by("-path").first()
    return agency or OrgUnit.objects.get(pk=ids[0])


def _grant_role(care_worker: CareWorker, *, actor) -> None:
    """The term has begun: the person acts as a care worker in his or her agency. A role
    held already (given by hand) is left as it is and not withdrawn later."""
    user = care_worker.employee.user
    if user is None or not user.is_active:
        return
    care_worker.role_granted = role_grant_for_duty(
        user=user,
        role=Role.CARE_WORKER,
        scope=agency_of(care_worker.employee.unit),
        actor=actor,
        duty=DUTY,
    )


def _withdraw_role(care_worker: CareWorker, *, actor) -> None:
    """The term has ended: the role given with it goes (the next request already acts
    without it)."""
    if not care_worker.role_granted or care_worker.employee.user_id is None:
        return
    role_withdraw_for_duty(
        user=care_worker.employee.user,
        role=Role.CARE_WORKER,
        scope=agency_of(care_worker.employee.unit),
        actor=actor,
        duty=DUTY,
    )
    care_worker.role_granted = False


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
    if care_worker.status == Status.ACTIVE:
        _grant_role(care_worker, actor=care_worker.approved_by)


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
    actor=None,
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
    _withdraw_role(care_worker, actor=actor)
    save_versioned(
        care_worker,
        expected_version=expected_version,
        fields=["status", "ended_at", "end_reason", "role_granted"],
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
    has passed (idempotent; the due job runs it daily), giving and taking back the
    care_worker role with them. Returns (begun, ended)."""
    begun = ended = 0
    starting = CareWorker.objects.select_for_update(of=("self",)).filter(
        status=Status.APPROVED, term_start__lte=on, term_end__gte=on
    )
    for care_worker in starting.select_related("employee__user", "employee__unit", "approved_by"):
        care_worker.status = Status.ACTIVE
        _grant_role(care_worker, actor=care_worker.approved_by)
        care_worker.save(update_fields=["status", "role_granted"])
        begun += 1
    over = CareWorker.objects.select_for_update(of=("self",)).filter(
        status__in=[Status.ACTIVE, Status.APPROVED], term_end__lt=on
    )
    for care_worker in over.select_related("employee__user", "employee__unit"):
        care_worker.status = Status.ENDED
        care_worker.ended_at = timezone.now()
        care_worker.end_reason = CareWorker.EndReason.TERM_OVER
        _withdraw_role(care_worker, actor=None)
        care_worker.save(update_fields=["status", "ended_at", "end_reason", "role_granted"])
        ended += 1
    return begun, ended


def _hr_covering(units: list[OrgUnit]) -> dict[int, list]:
    """For each unit, the active hr officers whose scope covers it. One query."""
    assignments = list(
        RoleAssignment.objects.filter(role=Role.HR, user__is_active=True).select_related(
            "scope", "user"
        )
    )
    return {unit.pk: [a.user for a in assignments if a.scope.contains(unit)] for unit in units}


@transaction.atomic
def careworkers_notify_ending(*, on: date, within: timedelta = timedelta(days=60)) -> int:
    """Tell each care worker whose term ends within `within` (60 days), and the hr of
    his or her agency, once per term end: a renewal moves the end, and the new end gets
    its own notice. Returns how many terms were noticed."""
    ending = list(
        CareWorker.objects.select_for_update(of=("self",))
        .filter(
            status__in=[Status.ACTIVE, Status.APPROVED],
            term_end__gte=on,
            term_end__lte=on + within,
        )
        .exclude(ending_notice_for=models.F("term_end"))
        .select_related("employee__user", "employee__unit")
    )
    if not ending:
        return 0
    hr = _hr_covering([cw.employee.unit for cw in ending])
    for care_worker in ending:
        day = format_long(care_worker.term_end)
        employee = care_worker.employee
        if employee.user_id is not None:
            notify(
                recipients=[employee.user],
                template="care_worker_term_ending",
                context={"day": day},
                url=reverse("care:workers_mine"),
            )
        if hr[employee.unit_id]:
            notify(
                recipients=hr[employee.unit_id],
                template="care_worker_term_ending_hr",
                context={"name": employee.name, "unit": employee.unit.name, "day": day},
                url=reverse("care:workers_detail", args=[care_worker.pk]),
            )
        care_worker.ending_notice_for = care_worker.term_end
        care_worker.save(update_fields=["ending_notice_for"])
    return len(ending)
