"""Consent and disclosure (DESIGN.md invariant 5), and referrals into counselling.

A consent record says what may be given (scope), to whom, for what purpose and until
when. Its detailed wording and an uploaded scan of a paper form are sealed. A disclosure
is recorded only against a valid consent or a confirmed legal process, must name the same
recipient and a kind of content the basis covers, and is written to the access log
against it. A legal process is recorded by one person and allows nothing until a second
person (the counselling room's coordinator or the privacy officer, never the recorder)
confirms it (docs/decisions/0020). A referral by a care worker, an HR officer or a
supervisor reaches the intake queue only once the employee agrees.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.fields import SealedField

__all__ = ["ConsentRecord", "Disclosure", "LegalProcess", "Referral"]


class ConsentRecord(models.Model):
    """An employee's written consent to give something to someone, until a date."""

    class Scope(models.TextChoices):
        """What may be given: each choice is a kind of content, and COVERAGE says which
        kinds a basis of that scope lets a disclosure give."""

        ATTENDANCE = "attendance", _("Whether I attended counselling")
        SESSION_COUNT = "session_count", _("Whether I attended, and the number of sessions")
        SUMMARY = "summary", _("A summary of my counselling")
        RECORDS = "records", _("My session records")
        OTHER = "other", _("Other (as written below)")

    class Purpose(models.TextChoices):
        REFERRAL_FEEDBACK = "referral_feedback", _("Feedback to the person who referred me")
        CONTINUITY_OF_CARE = "continuity_of_care", _("Continuity of care by another professional")
        WORK_ADJUSTMENT = "work_adjustment", _("Adjustments at work")
        CASE_CONFERENCE = "case_conference", _("A case conference")
        OTHER = "other", _("Other (as written below)")

    class Method(models.TextChoices):
        IN_APP = "in_app", _("Signed in Anxin")
        SCAN = "scan", _("Paper form, scanned")

    SEALED = ("scope_text", "purpose_text")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="consents"
    )
    case = models.ForeignKey(
        "counseling.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
    )
    scope = models.CharField(_("what may be given"), max_length=20, choices=Scope.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    recipient = models.CharField(_("to whom"), max_length=120)
    # Set when the recipient is a user of Anxin (the referrer of a referral).
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_until = models.DateField(_("valid until"))
    method = models.CharField(_("signed"), max_length=10, choices=Method.choices)
    # Sealed: the detailed wording of what and why, and the scan of a paper form.
    scope_text = SealedField(_("what may be given, in detail"))
    purpose_text = SealedField(_("purpose, in detail"))
    scan = SealedField(_("scan of the signed form"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # In the app: when the employee accepted the statement. From a scan: the signing day.
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"consent {self.uuid}"

    def state(self, today=None) -> str:
        """One of "unsigned", "withdrawn", "expired", "valid"."""
        today = today or timezone.localdate()
        if self.withdrawn_at is not None:
            return "withdrawn"
        if self.signed_at is None:
            return "unsigned"
        if self.valid_until < today:
            return "expired"
        return "valid"

    @property
    def is_valid(self) -> bool:
        return self.state() == "valid"

    def covers(self, scope: str) -> bool:
        return scope_covers(self.scope, scope)


# What a consent's or legal process's scope allows to be given: a wider scope includes
# the narrower ones. A scope not listed (a legal process recorded before scopes existed)
# covers nothing.
COVERAGE: dict[str, set[str]] = {
    "attendance": {"attendance"},
    "session_count": {"attendance", "session_count"},
    "summary": {"attendance", "session_count", "summary"},
    "records": {"attendance", "session_count", "summary", "records"},
    "other": {"other"},
}


def scope_covers(scope: str, content: str) -> bool:
    return content in COVERAGE.get(scope, set())


class LegalProcess(models.Model):
    """A court order or a statutory duty that requires a case's information to be given
    to a named recipient. Recorded by one person, it allows nothing until a second person
    of the counselling room's coordinators or the privacy officers confirms it; it allows
    only its recipient and what its scope covers."""

    class Kind(models.TextChoices):
        COURT_ORDER = "court_order", _("Court order")
        STATUTORY_DUTY = "statutory_duty", _("Statutory duty to report")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second person's confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("legal process", "Confirmed")
        REJECTED = "rejected", pgettext_lazy("legal process", "Not confirmed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "counseling.Case", on_delete=models.PROTECT, related_name="legal_processes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reference = models.CharField(_("document reference"), max_length=120)
    issued_on = models.DateField(_("issued on"))
    # Whom the document names, and what it requires to be given.
    recipient = models.CharField(_("to whom"), max_length=120, blank=True)
    scope = models.CharField(
        _("what may be given"), max_length=20, choices=ConsentRecord.Scope.choices, blank=True
    )
    # Set when the document forbids telling the employee: why (e.g. the article of law).
    notice_withheld_reason = models.CharField(
        _("why the employee may not be told"), max_length=300, blank=True
    )
    details = SealedField(_("details"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_role = models.CharField(max_length=20, blank=True)
    decided_at = models.DateTimeField(_("confirmed or rejected on"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("legal process")
        verbose_name_plural = _("legal processes")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending")
                | Q(decided_by__isnull=False) & ~Q(decided_by=models.F("recorded_by")),
                name="legal_process_decided_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def forbids_notice(self) -> bool:
        return bool(self.notice_withheld_reason)

    def covers(self, content: str) -> bool:
        return scope_covers(self.scope, content)


class Disclosure(models.Model):
    """Something of a case given to someone, under a consent or a legal process."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("counseling.Case", on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(
        ConsentRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
    )
    legal_process = models.ForeignKey(
        LegalProcess,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
    )
    scope = models.CharField(
        _("what was given"), max_length=20, choices=ConsentRecord.Scope.choices
    )
    recipient = models.CharField(_("to whom"), max_length=120)
    details = SealedField(_("what was given, in detail"))
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    disclosed_at = models.DateTimeField(_("disclosed"), auto_now_add=True, db_index=True)
    # The employee is told of each disclosure, unless its legal process forbids it: then
    # the reason is kept here, for the privacy officer's disclosure log.
    employee_told = models.BooleanField(_("employee told"), default=False)
    notice_withheld_reason = models.CharField(
        _("why the employee was not told"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-disclosed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent__isnull=False, legal_process__isnull=True)
                | Q(consent__isnull=True, legal_process__isnull=False),
                name="disclosure_one_basis",
            ),
        ]

    def __str__(self) -> str:
        return f"disclosure {self.uuid}"


class Referral(models.Model):
    """A care worker's, HR officer's or supervisor's suggestion that an employee see a
    counsellor. It becomes a counselling request only when the employee agrees."""

    class Reason(models.TextChoices):
        WORKLOAD = "workload", _("Workload or adapting to work")
        RELATIONSHIPS = "relationships", _("Relationships at work")
        LIFE_EVENT = "life_event", _("A life event (loss, family, health)")
        WELLBEING = "wellbeing", _("General wellbeing")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the employee's answer")
        DECLINED = "declined", _("Declined")
        AGREED = "agreed", _("Agreed")
        # Unanswered when the referrer referred the employee again.
        LAPSED = "lapsed", _("No longer waiting for an answer")

    class Share(models.TextChoices):
        NOTHING = "nothing", _("Nothing")
        ATTENDED = "attended", _("Whether I attended")
        SESSIONS = "sessions", _("Whether I attended, and the number of sessions")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="referrals"
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referrer_role = models.CharField(max_length=20)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("referred"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # What the referrer may learn, as a consent the employee can withdraw.
    consent = models.OneToOneField(
        ConsentRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    request = models.OneToOneField(
        "counseling.CounsellingRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "referrer"],
                condition=Q(status="pending"),
                name="referral_one_pending_per_referrer",
            ),
        ]

    def __str__(self) -> str:
        return f"referral {self.uuid}"
