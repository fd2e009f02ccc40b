"""Counselling: requests (附表一), cases with their codes, and session records (附表二).

What an employee writes in free text and everything a counsellor records is sealed
(`SealedField`, DESIGN.md invariant 1): it goes in through `seal_into()` in services.py
and comes out only through `read_sealed()`, which logs the read against the employee's
file (invariant 2).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anxin.core.fields import SealedField
from anxin.counseling.modes import Mode


class CounsellingRequest(models.Model):
    """An employee's own application for counselling (附表一). Nobody in the employee's
    chain learns of it: only the intake coordinators above the employee's unit."""

    class Urgency(models.TextChoices):
        URGENT = "urgent", _("Urgent: I need to talk to someone within a day or two")
        SOON = "soon", _("Soon: within a week")
        ROUTINE = "routine", _("Not urgent")

    class GenderPreference(models.TextChoices):
        ANY = "any", _("No preference")
        FEMALE = "female", _("A woman")
        MALE = "male", _("A man")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Telephone")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a counsellor to be assigned")
        ASSIGNED = "assigned", _("A counsellor has been assigned")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="counselling_requests"
    )
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    concern = models.CharField(_("kind of concern"), max_length=40)
    # The service area's name when the request was made, so that a later plan edit does
    # not rename what the employee chose.
    concern_name = models.CharField(_("kind of concern"), max_length=80)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    mode = models.CharField(_("preferred mode"), max_length=15, choices=Mode.choices)
    gender_preference = models.CharField(
        _("counsellor's gender"), max_length=10, choices=GenderPreference.choices
    )
    contact_method = models.CharField(
        _("how to contact you"), max_length=10, choices=ContactMethod.choices
    )
    # Sealed: what the employee wrote, and how to reach him or her.
    details = SealedField(_("what you would like help with"))
    preferred_times = SealedField(_("preferred times"))
    contact_value = SealedField(_("telephone number or e-mail address"))
    statement_accepted_at = models.DateTimeField(_("statement accepted"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("counselling request")
        verbose_name_plural = _("counselling requests")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "received_at"], name="request_status_received")]

    def __str__(self) -> str:
        return f"request {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:request_detail", args=[self.uuid])


class CaseCodeCounter(models.Model):
    """The last sequence number given for a code prefix in an ROC year; locked while a
    case is opened so that two coordinators never get the same code."""

    prefix = models.CharField(max_length=10)
    roc_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "roc_year"], name="case_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}{self.roc_year}: {self.last}"


class Case(models.Model):
    """A counselling case. Outside the counselling room it is only its code."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        NON_VOLUNTARY = "non_voluntary", _("Non-voluntary")
        CRISIS = "crisis", _("Crisis")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        REFERRED = "referred", _("Referred elsewhere")
        WITHDRAWN = "withdrawn", _("Withdrawn by the employee")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("case code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.GENERAL)
    request = models.OneToOneField(
        CounsellingRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
    )
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="counselling_cases"
    )
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="counselling_cases",
        verbose_name=_("counsellor"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, outcome="")
                | Q(closed_on__isnull=False) & ~Q(outcome=""),
                name="case_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("counseling:case_detail", args=[self.code])

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class SessionRecord(models.Model):
    """A session record (附表二). Every clinical field is sealed, the risk level too."""

    class RiskLevel(models.TextChoices):
        NONE = "none", _("None")
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    SEALED = (
        "presenting_concern",
        "assessment",
        "intervention",
        "recommendations",
        "follow_up",
        "risk_level",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sessions")
    held_at = models.DateTimeField(_("date and time"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    mode = models.CharField(_("mode"), max_length=15, choices=Mode.choices)
    presenting_concern = SealedField(_("presenting concern"))
    assessment = SealedField(_("assessment"))
    intervention = SealedField(_("intervention"))
    recommendations = SealedField(_("recommendations"))
    follow_up = SealedField(_("follow-up plan"))
    risk_level = SealedField(_("risk level"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The external provider the author worked for when the session was recorded, so that
    # a statement pays for what was done then, whoever the provider's counsellors are now.
    provider = models.ForeignKey(
        "counseling.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("external provider"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session record")
        verbose_name_plural = _("session records")
        ordering = ["held_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=1), name="session_minutes_positive"),
        ]

    def __str__(self) -> str:
        return f"session {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:session_edit", args=[self.case.code, self.uuid])


# Each part of the counselling room keeps its models in its own package (decisions 0006
# and 0028). Django discovers an app's models by importing its `models` module, so each
# part's models are imported here by name; code may import them from here too. At the
# bottom: the parts refer to the models above.
from anxin.counseling.booking.models import (  # noqa: E402, F401
    Appointment,
    QuotaEntry,
    Room,
    Slot,
)
from anxin.counseling.conferences.models import (  # noqa: E402, F401
    CaseConference,
    ConferenceActionItem,
    ConferenceParticipant,
)
from anxin.counseling.consent.models import (  # noqa: E402, F401
    ConsentRecord,
    Disclosure,
    LegalProcess,
    Referral,
)
from anxin.counseling.flows.models import (  # noqa: E402, F401
    EmergencyAccess,
    FlowRun,
    FlowStepRun,
    PurgeLog,
    StepRole,
)
from anxin.counseling.groups.models import GroupSession  # noqa: E402, F401
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally  # noqa: E402, F401
from anxin.counseling.providers.models import (  # noqa: E402, F401
    ContractRate,
    GroupRequest,
    Provider,
    ProviderAdmin,
    ProviderCounselor,
)
from anxin.counseling.station.models import (  # noqa: E402, F401
    HotlineCall,
    StationMessage,
    StationThread,
)
