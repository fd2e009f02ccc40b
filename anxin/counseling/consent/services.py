"""What changes state in consent, disclosure and referrals. Sealed values go in through
`seal_into()`; every read of one goes through the access log with the employee's file as
subject, and so does every disclosure (invariant 5).

The employee is told, in the inbox and by e-mail and never with content, of each consent
that becomes valid in his or her name (signed in Anxin or recorded from a paper scan) and
of each disclosure, unless the disclosure's legal process forbids telling: then the
reason is kept on the disclosure for the privacy officer (docs/decisions/0020).
"""

import base64
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from anxin.core.audit import (
    Unavailable,
    access_log_append,
    is_unavailable,
    read_sealed,
    read_sealed_fields,
)
from anxin.core.locking import StaleEdit, save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long, format_short
from anxin.core.sealed import seal_into
from anxin.counseling.consent.models import ConsentRecord, Disclosure, LegalProcess, Referral
from anxin.counseling.consent.policies import LEGAL_DECIDER_ROLES, PURPOSE_DISCLOSURE
from anxin.counseling.models import Case, SessionRecord
from anxin.counseling.policies import role_holders
from anxin.counseling.services import request_submit

logger = logging.getLogger(__name__)

# A referral consent lasts this long unless the employee withdraws it first.
REFERRAL_CONSENT_DAYS = 365
# A referrer refers the same employee again only after this many days, whatever the
# employee answered, so that the refusal tells nothing about the answer.
REFERRAL_REPEAT_DAYS = 30

SHARE_SCOPE = {
    Referral.Share.ATTENDED: ConsentRecord.Scope.ATTENDANCE,
    Referral.Share.SESSIONS: ConsentRecord.Scope.SESSION_COUNT,
}


def _lazy_format(message, **values):
    """`message % values`, still lazy, so that each recipient reads it in his or her own
    language."""
    return lazy(lambda: str(message) % values, str)()


def _tell_employee(employee, *, subject, body, url: str) -> bool:
    """The employee's notice of a consent or a disclosure: inbox and e-mail, without
    content (no recipient, no scope, no case). False when he or she has no account."""
    if employee.user is None:
        return False
    notify(
        recipients=[employee.user],
        template="generic",
        context={"subject": subject, "body": body},
        url=url,
    )
    return True


def _tell_consent_recorded(consent: ConsentRecord) -> None:
    _tell_employee(
        consent.employee,
        subject=_("A consent has been recorded in your name"),
        body=_(
            "A consent in your name is now on record. Open the link to see it; if you did "
            "not give it, or no longer want it, you can withdraw it there."
        ),
        url=reverse("counseling:consent_mine_detail", args=[consent.uuid]),
    )


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
        raise Refused("not_unsigned", _("This consent has already been signed or withdrawn."))
    consent.refresh_from_db()
    _tell_consent_recorded(consent)
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
    """The counsellor records a consent signed on paper; the scan is sealed with it. The
    employee is told at once, so that a consent he or she never signed does not go
    unnoticed."""
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
    _tell_consent_recorded(consent)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ConsentRecord) -> ConsentRecord:
    """The employee withdraws a consent; from now on nothing is given under it. The row is
    locked first, so that a disclosure in flight finishes before and the time recorded
    for the withdrawal comes after it."""
    locked = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise Refused("withdrawn", _("This consent has already been withdrawn."))
    ConsentRecord.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
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
    *,
    case: Case,
    kind: str,
    reference: str,
    issued_on: date,
    recipient: str,
    scope: str,
    details: str,
    actor,
    notice_withheld_reason: str = "",
) -> LegalProcess:
    """Record a court order or statutory duty naming its recipient and what it requires.
    It allows nothing until a second person confirms it (`legal_process_decide`); the
    coordinators and privacy officers above the employee are asked, by case code only."""
    item = LegalProcess(
        case=case,
        kind=kind,
        reference=reference.strip(),
        issued_on=issued_on,
        recipient=" ".join(recipient.split()),
        scope=scope,
        notice_withheld_reason=notice_withheld_reason.strip(),
        recorded_by=actor,
    )
    seal_into(item, "details", details)
    item.save()
    deciders = {
        user.pk: user
        for role in LEGAL_DECIDER_ROLES
        for user in role_holders(role, case.employee.unit)
        if user.pk != actor.pk
    }
    notify(
        recipients=list(deciders.values()),
        template="generic",
        context={
            "subject": _("A legal process waits for your confirmation"),
            "body": _lazy_format(
                _(
                    "A legal process has been recorded for case %(code)s. It allows no "
                    "disclosure until a second person confirms it."
                ),
                code=case.code,
            ),
        },
        url=reverse("counseling:legal_process_review", args=[item.uuid]),
    )
    return item


@transaction.atomic
def legal_process_decide(
    *,
    item: LegalProcess,
    confirm: bool,
    note: str,
    actor,
    role: str,
    expected_version: int,
) -> LegalProcess:
    """The second person's decision: a coordinator or privacy officer, never the one who
    recorded it. Confirmed, it allows disclosures to its recipient within its scope;
    rejected, it never allows anything. Refused with StaleEdit when someone decided or
    changed it after the page was opened."""
    if role not in LEGAL_DECIDER_ROLES:
        raise Refused(
            "role", _("Only a coordinator or a privacy officer confirms a legal process.")
        )
    if actor.pk == item.recorded_by_id:
        raise Refused(
            "same_person",
            _("You recorded this legal process: a second person must confirm it."),
        )
    if item.status != LegalProcess.Status.PENDING:
        raise StaleEdit
    item.status = LegalProcess.Status.CONFIRMED if confirm else LegalProcess.Status.REJECTED
    item.decided_by, item.decided_role = actor, role
    item.decided_at, item.decision_note = timezone.now(), note.strip()
    save_versioned(
        item,
        expected_version=expected_version,
        fields=["status", "decided_by", "decided_role", "decided_at", "decision_note"],
    )
    return item


# --- disclosures ----------------------------------------------------------------------------


def same_recipient(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_consent_allows(*, consent: ConsentRecord, case: Case, scope: str, recipient: str):
    """Raise Refused unless `consent` lets this case's information go to `recipient`."""
    if consent.employee_id != case.employee_id or consent.case_id not in (None, case.pk):
        raise Refused("other_case", _("This consent is not one of this case's."))
    state = consent.state()
    if state == "expired":
        raise Refused(
            "expired",
            _("This consent expired on %(date)s: nothing can be given under it.")
            % {"date": format_long(consent.valid_until)},
        )
    if state == "withdrawn":
        raise Refused("withdrawn", _("The employee has withdrawn this consent."))
    if state == "unsigned":
        raise Refused("unsigned", _("The employee has not signed this consent yet."))
    if not same_recipient(consent.recipient, recipient):
        raise Refused(
            "recipient",
            _("This consent names another recipient: %(recipient)s.")
            % {"recipient": consent.recipient},
        )
    if not consent.covers(scope):
        raise Refused("scope", _("This consent does not cover what you are giving."))


def check_legal_process_allows(*, item: LegalProcess, case: Case, scope: str, recipient: str):
    """Raise Refused unless the legal process `item`, confirmed by a second person, lets
    this case's content of kind `scope` go to `recipient`."""
    if item.case_id != case.pk:
        raise Refused("other_case", _("This legal process is not one of this case's."))
    if item.status == LegalProcess.Status.PENDING:
        raise Refused(
            "unconfirmed",
            _(
                "This legal process has not been confirmed by a second person (a coordinator "
                "or the privacy officer): nothing can be given under it yet."
            ),
        )
    if item.status != LegalProcess.Status.CONFIRMED:
        raise Refused(
            "rejected",
            _("This legal process was not confirmed: nothing can be given under it."),
        )
    if not item.recipient or not same_recipient(item.recipient, recipient):
        raise Refused(
            "recipient",
            _("This legal process names another recipient: %(recipient)s.")
            % {"recipient": item.recipient or "—"},
        )
    if not item.covers(scope):
        raise Refused("scope", _("This legal process does not cover what you are giving."))


# The narrow kinds of content Anxin writes itself: a counsellor giving attendance or a
# number of sessions types nothing, so that nothing more can slip in.
COMPUTED_CONTENT = (ConsentRecord.Scope.ATTENDANCE, ConsentRecord.Scope.SESSION_COUNT)


def disclosure_content(
    *, case: Case, scope: str, details: str, sessions: list[SessionRecord]
) -> dict:
    """What a disclosure of kind `scope` gives, checked against that kind: attendance and
    the number of sessions are written by Anxin from the case (no free text); a summary
    or "other" is the counsellor's text; session records are records of this case chosen
    one by one. Raise Refused for content that is not of the kind."""
    details = details.strip()
    if any(record.case_id != case.pk for record in sessions):
        raise Refused("other_case_records", _("Choose session records of this case only."))
    if scope in COMPUTED_CONTENT:
        if details or sessions:
            raise Refused(
                "free_text",
                _(
                    "For attendance or the number of sessions Anxin writes what is given "
                    "itself: leave the details empty and choose no session record."
                ),
            )
        held = case.sessions.count()
        content: dict = {"scope": scope, "attended": held > 0}
        if scope == ConsentRecord.Scope.SESSION_COUNT:
            content["sessions"] = held
        return content
    if scope == ConsentRecord.Scope.RECORDS:
        if not sessions:
            raise Refused("no_records", _("Choose the session records you gave."))
        return {
            "scope": scope,
            "sessions": sorted(str(record.uuid) for record in sessions),
            "text": details,
        }
    if sessions:
        raise Refused(
            "records_not_covered",
            _("Session records are given only under “My session records”."),
        )
    if not details:
        raise Refused("no_details", _("Write what you gave."))
    return {"scope": scope, "text": details}


def _tell_disclosure(item: Disclosure, legal_process: LegalProcess | None) -> None:
    """Tell the employee, or keep why not: the legal process's reason (the legal ground,
    never clinical content), for the privacy officer's disclosure log."""
    if legal_process is not None and legal_process.forbids_notice:
        item.notice_withheld_reason = legal_process.notice_withheld_reason
        logger.info(
            "disclosure %s: employee not told, legal process %s forbids it",
            item.uuid,
            legal_process.uuid,
        )
    else:
        item.employee_told = _tell_employee(
            item.case.employee,
            subject=_("Something from your file has been given to someone"),
            body=_(
                "A disclosure from your file has been recorded. Open the link to see who "
                "received it, when, and on what basis."
            ),
            url=reverse("people:my_access_log"),
        )
    item.save(update_fields=["employee_told", "notice_withheld_reason"])


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
    sessions: list[SessionRecord] | None = None,
) -> Disclosure:
    """Record that something of `case` was given to `recipient`, only under a valid
    consent of the employee or a confirmed legal process of the case, each naming that
    recipient and covering that kind of content; write it to the access log against that
    basis and tell the employee (unless the legal process forbids it). The basis's row
    is locked, so that a withdrawal or a decision in flight is seen."""
    if actor.pk != case.counselor_id:
        raise Refused("not_counselor", _("Only the case's counsellor records a disclosure."))
    if (consent is None) == (legal_process is None):
        raise Refused(
            "no_basis", _("A disclosure needs the employee's consent or a legal process.")
        )
    if consent is not None:
        consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
        check_consent_allows(consent=consent, case=case, scope=scope, recipient=recipient)
        field = f"consent:{consent.uuid}"
    else:
        legal_process = LegalProcess.objects.select_for_update().get(pk=legal_process.pk)
        check_legal_process_allows(item=legal_process, case=case, scope=scope, recipient=recipient)
        field = f"legal:{legal_process.uuid}"
    content = disclosure_content(case=case, scope=scope, details=details, sessions=sessions or [])
    item = Disclosure(
        case=case,
        consent=consent,
        legal_process=legal_process,
        scope=scope,
        recipient=" ".join(recipient.split()),
        disclosed_by=actor,
    )
    seal_into(item, "details", content)
    item.save()
    access_log_append(
        actor=actor,
        role=role,
        record=item,
        field=field,
        purpose=PURPOSE_DISCLOSURE,
        subject_uuid=case.employee.uuid,
    )
    _tell_disclosure(item, legal_process)
    return item


# --- referrals ---------------------------------------------------------------------------------


@transaction.atomic
def referral_create(*, employee, referrer, referrer_role: str, reason: str) -> Referral:
    """A referral waits for the employee's answer; only the employee is told, in the
    inbox, with no content. Nothing reaches the intake queue yet.

    The same referrer refers the same employee again only REFERRAL_REPEAT_DAYS after the
    last referral, whatever the answer, so that the refusal does not tell whether the
    employee answered; an earlier referral still unanswered then lapses."""
    if employee.user is None:
        raise Refused(
            "no_account", _("This employee has no Anxin account and cannot answer a referral.")
        )
    earlier = Referral.objects.select_for_update().filter(employee=employee, referrer=referrer)
    latest = earlier.order_by("-created_at").first()
    if latest is not None:
        again_on = timezone.localdate(latest.created_at) + timedelta(days=REFERRAL_REPEAT_DAYS)
        if timezone.localdate() < again_on:
            raise Refused(
                "recent",
                _(
                    "You referred this employee on %(date)s. You can refer him or her again "
                    "from %(again)s."
                )
                % {
                    "date": format_short(timezone.localdate(latest.created_at)),
                    "again": format_short(again_on),
                },
            )
    Referral.objects.filter(
        employee=employee, referrer=referrer, status=Referral.Status.PENDING
    ).update(status=Referral.Status.LAPSED)
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
        raise Refused("answered", _("You have already answered this referral."))
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
        _tell_consent_recorded(consent)
        referral.consent = consent
    referral.status = Referral.Status.AGREED
    referral.answered_at = timezone.now()
    referral.save(update_fields=["request", "consent", "status", "answered_at"])
    return referral


@dataclass(frozen=True)
class ReferralShare:
    """What the referrer may see of one referral: only that it was delivered, unless
    the employee agreed and chose to share something (and has not withdrawn it)."""

    agreed: bool
    attended: bool | None  # None: not shared
    sessions: int | None  # None: not shared


def referral_share(referral: Referral) -> ReferralShare:
    """From the referral's valid consent and the annotated `sessions_held`. Without one,
    a pending, declined, lapsed and agreed-but-sharing-nothing referral look the same."""
    consent = referral.consent
    if referral.status != Referral.Status.AGREED or consent is None or not consent.is_valid:
        return ReferralShare(False, None, None)
    held = getattr(referral, "sessions_held", 0)
    sessions = held if consent.covers(ConsentRecord.Scope.SESSION_COUNT) else None
    return ReferralShare(True, held > 0, sessions)
