"""What changes state in counselling: applying, opening a case, recording sessions,
closing. Each function is keyword-only and atomic; sealed values go in through
`seal_into()`, and reads go through `read_sealed_fields()` with the employee's file as subject."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.audit import read_sealed_fields
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import roc_year
from anxin.core.sealed import seal_into
from anxin.counseling.models import Case, CaseCodeCounter, CounsellingRequest, SessionRecord
from anxin.counseling.outcomes.services import outcome_close_offer, outcome_offer
from anxin.counseling.policies import PURPOSE_CARE, coordinators_for
from anxin.counseling.providers.models import ProviderCounselor

REQUEST_SEALED = ("details", "preferred_times", "contact_value")


# Another coordinator assigned this request a moment ago (invariant 11).
ALREADY_ASSIGNED = _("This request has already been assigned.")
CASE_CLOSED = _("This case is closed: its records can no longer be changed.")


# --- case codes -------------------------------------------------------------------------


def code_prefix(plan) -> str:
    """The plan's `case_code_prefix` (taipei-114 -> TPE), or else the first three letters
    of its slug, upper-cased (docs/decisions/0004)."""
    return plan.case_code_prefix


def case_code_allocate(*, prefix: str, year: int) -> str:
    """The next code for `prefix` in ROC year `year`, e.g. TPE115-0042. The counter row is
    locked until the caller's transaction ends, so concurrent callers queue up."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseCodeCounter.objects.get_or_create(prefix=prefix, roc_year=year)
        except IntegrityError:
            pass  # another transaction created the row a moment ago: lock it below
        counter = CaseCodeCounter.objects.select_for_update().get(prefix=prefix, roc_year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}{year}-{counter.last:04d}"


# --- the application (附表一) --------------------------------------------------------------


@transaction.atomic
def request_submit(
    *,
    employee,
    plan,
    concern: str,
    urgency: str,
    mode: str,
    gender_preference: str,
    contact_method: str,
    contact_value: str,
    details: str,
    preferred_times: str,
) -> CounsellingRequest:
    """Store an employee's own application and tell the intake coordinators above the
    employee's unit that a request is waiting: no name, no concern (invariant 4). Nobody
    in the employee's chain is told."""
    names = {area.key: area.name for area in plan.service_areas}
    if concern not in names:
        raise ValueError(f"{concern!r} is not a service area of {plan.slug}")
    item = CounsellingRequest(
        employee=employee,
        plan=plan,
        concern=concern,
        concern_name=names[concern],
        urgency=urgency,
        mode=mode,
        gender_preference=gender_preference,
        contact_method=contact_method,
        statement_accepted_at=timezone.now(),
    )
    seal_into(item, "details", details)
    seal_into(item, "preferred_times", preferred_times)
    seal_into(item, "contact_value", contact_value)
    item.save()
    notify(
        recipients=coordinators_for(employee),
        template="generic",
        context={
            "subject": _("A new counselling request is waiting"),
            "body": _("A new counselling request is waiting in the intake queue."),
        },
        url=reverse("counseling:queue"),
    )
    return item


@dataclass(frozen=True)
class RequestText:
    details: str
    preferred_times: str
    contact_value: str


def request_read(*, item: CounsellingRequest, actor, role: str, purpose: str) -> RequestText:
    """The request's sealed text, each field's read logged against the employee's file."""
    values = read_sealed_fields(
        item,
        REQUEST_SEALED,
        actor=actor,
        role=role,
        purpose=purpose,
        subject_uuid=item.employee.uuid,
    )
    return RequestText(**values)


# --- cases --------------------------------------------------------------------------------


@transaction.atomic
def case_open(*, item: CounsellingRequest, counselor, actor, on: date | None = None) -> Case:
    """Assign a counsellor to a waiting request: open a general case with a new code and
    tell the employee, in the inbox only, that a counsellor has been assigned."""
    item = CounsellingRequest.objects.select_for_update().get(pk=item.pk)
    if item.status != CounsellingRequest.Status.WAITING:
        raise Refused("assigned", ALREADY_ASSIGNED)
    on = on or timezone.localdate()
    case = Case.objects.create(
        code=case_code_allocate(prefix=code_prefix(item.plan), year=roc_year(on)),
        kind=Case.Kind.GENERAL,
        request=item,
        employee=item.employee,
        plan=item.plan,
        counselor=counselor,
        opened_by=actor,
    )
    item.status = CounsellingRequest.Status.ASSIGNED
    item.save(update_fields=["status"])
    if item.employee.user is not None:
        # Inbox only: an e-mail to a work address could be read by someone else.
        notify(
            recipients=[item.employee.user],
            template="generic",
            context={
                "subject": _("A counsellor has been assigned to your request"),
                "body": _(
                    "A counsellor has been assigned to your counselling request and will "
                    "contact you the way you asked."
                ),
            },
            url=reverse("counseling:my_requests"),
            email=False,
        )
    outcome_offer(case=case)
    return case


@transaction.atomic
def case_close(*, case: Case, outcome: str, closed_on: date, expected_version: int) -> Case:
    case.outcome = outcome
    case.closed_on = closed_on
    save_versioned(case, expected_version=expected_version, fields=["outcome", "closed_on"])
    if case.request_id:
        CounsellingRequest.objects.filter(pk=case.request_id).update(
            status=CounsellingRequest.Status.CLOSED
        )
    outcome_close_offer(case=case)
    return case


# --- session records (附表二) --------------------------------------------------------------


def _seal_session(record: SessionRecord, clinical: dict) -> None:
    for field in SessionRecord.SEALED:
        seal_into(record, field, clinical.get(field, ""))


@transaction.atomic
def session_record(
    *, case: Case, author, held_at: datetime, minutes: int, mode: str, clinical: dict
) -> SessionRecord:
    """Write a new session record; `clinical` holds the sealed fields by name."""
    if case.is_closed:
        raise Refused("case_closed", CASE_CLOSED)
    record = SessionRecord(case=case, author=author, held_at=held_at, minutes=minutes, mode=mode)
    record.provider_id = (
        ProviderCounselor.objects.filter(user=author).values_list("provider_id", flat=True).first()
    )
    _seal_session(record, clinical)
    record.save()
    return record


@transaction.atomic
def session_update(
    *,
    record: SessionRecord,
    held_at: datetime,
    minutes: int,
    mode: str,
    clinical: dict,
    expected_version: int,
) -> SessionRecord:
    """Rewrite a session record, refused with StaleEdit if someone saved it meanwhile."""
    record.held_at, record.minutes, record.mode = held_at, minutes, mode
    record.updated_at = timezone.now()
    _seal_session(record, clinical)
    save_versioned(
        record,
        expected_version=expected_version,
        fields=["held_at", "minutes", "mode", "updated_at", *SessionRecord.SEALED],
    )
    return record


def session_read(
    *, record: SessionRecord, case: Case, actor, role: str, purpose: str = PURPOSE_CARE
) -> dict:
    """The record's sealed fields by name, every read logged against the employee."""
    return read_sealed_fields(
        record,
        SessionRecord.SEALED,
        actor=actor,
        role=role,
        purpose=purpose,
        subject_uuid=case.employee.uuid,
    )
