"""What changes state in consent, disclosure and referrals. Sealed values go in through
`seal_into()`; every read of one goes through the access log with the employee's file as
subject, and so does every disclosure (invariant 5)."""

import base64
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.audit import (
    Unavailable,
    access_log_append,
    is_unavailable,
    read_sealed,
    read_sealed_fields,
)
from anxin.core.notifications import notify
from anxin.core.roc import format_long
from anxin.core.sealed import seal_into
from anxin.counseling.consent.models import ConsentRecord, Disclosure, LegalProcess, Referral
from anxin.counseling.consent.policies import PURPOSE_DISCLOSURE
from anxin.counseling.models import Case
from anxin.counseling.services import request_submit

# A referral consent lasts this long unless the employee withdraws it first.
REFERRAL_CONSENT_DAYS = 365

SHARE_SCOPE = {
    Referral.Share.ATTENDED: ConsentRecord.Scope.ATTENDANCE,
    Referral.Share.SESSIONS: ConsentRecord.Scope.SESSION_COUNT,
}


class Refused(Exception):
    """A state change the rules do not allow; `message` is for the user, `code` for tests."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


# --- consent records ----------------------------------------------------------------------


def _new_consent(
    *,
    employee,
    case: Case | None,
    scope: str,
    purpose: str,
    recipient: str,
    valid_until: date,
    scope_text: str,
    purpose_text: str,
    method: str,
    recorded_by,
    recipient_user=None,
) -> ConsentRecord:
    consent = ConsentRecord(
        employee=employee,
        case=case,
        scope=scope,
        purpose=purpose,
        recipient=recipient.strip(),
        recipient_user=recipient_user,
        valid_until=valid_until,
        method=method,
        recorded_by=recorded_by,
    )
    seal_into(consent, "scope_text", scope_text)
    seal_into(consent, "purpose_text", purpose_text)
    return consent


@transaction.atomic
def consent_propose(
    *,
    case: Case,
    scope: str,
    purpose: str,
    recipient: str,
    valid_until: date,
    scope_text: str,
    purpose_text: str,
    actor,
) -> ConsentRecord:
    """The counsellor drafts a consent for the employee to sign in the app; it is not
    valid until signed. The employee is told in the inbox, without content."""
    consent = _new_consent(
        employee=case.employee,
        case=case,
        scope=scope,
        purpose=purpose,
        recipient=recipient,
        valid_until=valid_until,
        scope_text=scope_text,
        purpose_text=purpose_text,
        method=ConsentRecord.Method.IN_APP,
        recorded_by=actor,
    )
    consent.save()
    if case.employee.user is not None:
        notify(
            recipients=[case.employee.user],
            template="generic",
            context={
                "subject": _("A form is waiting for your signature"),
                "body": _("Open the link to read it. Nothing is given to anyone unless you sign."),
            },
            url=reverse("counseling:consent_mine"),
            email=False,
        )
    return consent


@transaction.atomic
def consent_sign(*, consent: ConsentRecord) -> ConsentRecord:
    """The employee accepts the consent's statement in the app; the time is recorded."""
    updated = ConsentRecord.objects.filter(
        pk=consent.pk, signed_at__isnull=True, withdrawn_at__isnull=True
    ).update(signed_at=timezone.now())
    if updated != 1:
        raise Refused(_("This consent has already been signed or withdrawn."), "not_unsigned")
    consent.refresh_from_db()
    return consent


@transaction.atomic
def consent_record_scan(
    *,
    case: Case,
    scope: str,
    purpose: str,
    recipient: str,
    valid_until: date,
    signed_on: date,
    scope_text: str,
    purpose_text: str,
    scan_name: str,
    scan_type: str,
    scan_bytes: bytes,
    actor,
) -> ConsentRecord:
    """The counsellor records a consent signed on paper; the scan is sealed with it."""
    consent = _new_consent(
        employee=case.employee,
        case=case,
        scope=scope,
        purpose=purpose,
        recipient=recipient,
        valid_until=valid_until,
        scope_text=scope_text,
        purpose_text=purpose_text,
        method=ConsentRecord.Method.SCAN,
        recorded_by=actor,
    )
    consent.signed_at = timezone.make_aware(datetime.combine(signed_on, time(12, 0)))
    seal_into(
        consent,
        "scan",
        {
            "name": scan_name,
            "content_type": scan_type,
            "data": base64.b64encode(scan_bytes).decode(),
        },
    )
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ConsentRecord) -> ConsentRecord:
    """The employee withdraws a consent; from now on nothing is given under it."""
    updated = ConsentRecord.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if updated != 1:
        raise Refused(_("This consent has already been withdrawn."), "withdrawn")
    consent.refresh_from_db()
    return consent


@dataclass(frozen=True)
class ConsentText:
    scope_text: str
    purpose_text: str


def consent_read(*, consent: ConsentRecord, actor, role: str, purpose: str) -> ConsentText:
    values = read_sealed_fields(
        consent,
        ConsentRecord.SEALED,
        actor=actor,
        role=role,
        purpose=purpose,
        subject_uuid=consent.employee.uuid,
    )
    return ConsentText(**values)


@dataclass(frozen=True)
class Scan:
    name: str
    content_type: str
    data: bytes


def consent_scan_read(
    *, consent: ConsentRecord, actor, role: str, purpose: str
) -> Scan | Unavailable | None:
    if not consent.scan:
        return None
    value = read_sealed(
        consent,
        "scan",
        actor=actor,
        role=role,
        purpose=purpose,
        subject_uuid=consent.employee.uuid,
    )
    if is_unavailable(value):
        return value
    return Scan(value["name"], value["content_type"], base64.b64decode(value["data"]))


# --- legal process ------------------------------------------------------------------------


@transaction.atomic
def legal_process_record(
    *, case: Case, kind: str, reference: str, issued_on: date, details: str, actor
) -> LegalProcess:
    item = LegalProcess(
        case=case, kind=kind, reference=reference.strip(), issued_on=issued_on, recorded_by=actor
    )
    seal_into(item, "details", details)
    item.save()
    return item


# --- disclosures ----------------------------------------------------------------------------


def same_recipient(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_consent_allows(*, consent: ConsentRecord, case: Case, scope: str, recipient: str):
    """Raise Refused unless `consent` lets this case's information go to `recipient`."""
    if consent.employee_id != case.employee_id or consent.case_id not in (None, case.pk):
        raise Refused(_("This consent is not one of this case's."), "other_case")
    state = consent.state()
    if state == "expired":
        raise Refused(
            _("This consent expired on %(date)s: nothing can be given under it.")
            % {"date": format_long(consent.valid_until)},
            "expired",
        )
    if state == "withdrawn":
        raise Refused(_("The employee has withdrawn this consent."), "withdrawn")
    if state == "unsigned":
        raise Refused(_("The employee has not signed this consent yet."), "unsigned")
    if not same_recipient(consent.recipient, recipient):
        raise Refused(
            _("This consent names another recipient: %(recipient)s.")
            % {"recipient": consent.recipient},
            "recipient",
        )
    if not consent.covers(scope):
        raise Refused(_("This consent does not cover what you are giving."), "scope")


@transaction.atomic
def disclosure_record(
    *,
    case: Case,
    scope: str,
    recipient: str,
    details: str,
    actor,
    role: str,
    consent: ConsentRecord | None = None,
    legal_process: LegalProcess | None = None,
) -> Disclosure:
    """Record that something of `case` was given to `recipient`, only under a valid
    consent of the employee naming that recipient or a legal process of the case, and
    write it to the access log against that basis, so that the employee sees it."""
    if actor.pk != case.counselor_id:
        raise Refused(_("Only the case's counsellor records a disclosure."), "not_counselor")
    if (consent is None) == (legal_process is None):
        raise Refused(
            _("A disclosure needs the employee's consent or a legal process."), "no_basis"
        )
    if consent is not None:
        consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
        check_consent_allows(consent=consent, case=case, scope=scope, recipient=recipient)
        field = f"consent:{consent.uuid}"
    else:
        if legal_process.case_id != case.pk:
            raise Refused(_("This legal process is not one of this case's."), "other_case")
        field = f"legal:{legal_process.uuid}"
    item = Disclosure(
        case=case,
        consent=consent,
        legal_process=legal_process,
        scope=scope,
        recipient=recipient.strip(),
        disclosed_by=actor,
    )
    seal_into(item, "details", details)
    item.save()
    access_log_append(
        actor=actor,
        role=role,
        record=item,
        field=field,
        purpose=PURPOSE_DISCLOSURE,
        subject_uuid=case.employee.uuid,
    )
    return item


# --- referrals ---------------------------------------------------------------------------------


@transaction.atomic
def referral_create(*, employee, referrer, referrer_role: str, reason: str) -> Referral:
    """A referral waits for the employee's answer; only the employee is told, in the
    inbox, with no content. Nothing reaches the intake queue yet."""
    if employee.user is None:
        raise Refused(
            _("This employee has no Anxin account and cannot answer a referral."), "no_account"
        )
    if Referral.objects.filter(
        employee=employee, referrer=referrer, status=Referral.Status.PENDING
    ).exists():
        raise Refused(
            _("Your earlier referral of this employee is still waiting for an answer."),
            "pending",
        )
    referral = Referral.objects.create(
        employee=employee, referrer=referrer, referrer_role=referrer_role, reason=reason
    )
    notify(
        recipients=[employee.user],
        template="generic",
        context={
            "subject": _("Something is waiting for your answer"),
            "body": _("Open the link to read it. Only you can see it."),
        },
        url=reverse("counseling:referral_mine"),
        email=False,
    )
    return referral


def _lock_pending(referral: Referral) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.PENDING:
        raise Refused(_("You have already answered this referral."), "answered")
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral) -> Referral:
    referral = _lock_pending(referral)
    referral.status = Referral.Status.DECLINED
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "answered_at"])
    return referral


@transaction.atomic
def referral_agree(*, referral: Referral, plan, share: str, application: dict) -> Referral:
    """The employee agrees: the application goes to the intake queue like a request of
    his or her own, and what the referrer may learn is recorded as a consent."""
    referral = _lock_pending(referral)
    employee = referral.employee
    referral.request = request_submit(employee=employee, plan=plan, **application)
    if share != Referral.Share.NOTHING:
        referrer = referral.referrer
        consent = _new_consent(
            employee=employee,
            case=None,
            scope=SHARE_SCOPE[share],
            purpose=ConsentRecord.Purpose.REFERRAL_FEEDBACK,
            recipient=str(referrer),
            recipient_user=referrer,
            valid_until=timezone.localdate() + timedelta(days=REFERRAL_CONSENT_DAYS),
            scope_text="",
            purpose_text="",
            method=ConsentRecord.Method.IN_APP,
            recorded_by=employee.user,
        )
        consent.signed_at = timezone.now()
        consent.save()
        referral.consent = consent
    referral.status = Referral.Status.AGREED
    referral.answered_at = timezone.now()
    referral.save(update_fields=["request", "consent", "status", "answered_at"])
    return referral


@dataclass(frozen=True)
class ReferralShare:
    """What the referrer may see of one referral."""

    attended: bool | None  # None: not shared
    sessions: int | None  # None: not shared


def referral_share(referral: Referral) -> ReferralShare:
    """From the referral's valid consent and the annotated `sessions_held`."""
    consent = referral.consent
    if referral.status != Referral.Status.AGREED or consent is None or not consent.is_valid:
        return ReferralShare(None, None)
    held = getattr(referral, "sessions_held", 0)
    sessions = held if consent.covers(ConsentRecord.Scope.SESSION_COUNT) else None
    return ReferralShare(held > 0, sessions)
