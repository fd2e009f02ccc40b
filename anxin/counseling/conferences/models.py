"""Models of this part of counselling; imported by anxin/counseling/models.py.

A case conference (個案研討會議, 003 §伍.三.(一)) brings the employee's unit head, the
personnel head and the counsellor together, only with the employee's consent. Its agenda,
its decisions and the text of its action items are sealed; nobody but its participants
reads them, and the unit head and personnel head only once the employee has agreed.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.fields import SealedField

__all__ = ["CaseConference", "ConferenceActionItem", "ConferenceParticipant"]


class CaseConference(models.Model):
    class Consent(models.TextChoices):
        PENDING = "pending", _("Waiting for the employee's answer")
        AGREED = "agreed", _("The employee agreed")
        DECLINED = "declined", _("The employee declined")

    class Status(models.TextChoices):
        AWAITING_CONSENT = "awaiting", _("Awaiting the employee's consent")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    SEALED = ("agenda", "decisions")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "counseling.Case", on_delete=models.PROTECT, related_name="conferences"
    )
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    agenda = SealedField(_("agenda"))
    decisions = SealedField(_("decisions"))
    consent = models.CharField(
        _("employee's consent"), max_length=10, choices=Consent.choices, default=Consent.PENDING
    )
    consent_answered_at = models.DateTimeField(_("consent answered"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AWAITING_CONSENT
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-starts_at"]
        constraints = [
            # Held or scheduled only with the employee's agreement.
            models.CheckConstraint(
                condition=~Q(status__in=["scheduled", "held"]) | Q(consent="agreed"),
                name="conference_held_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"conference {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:conference_detail", args=[self.uuid])

    @property
    def is_agreed(self) -> bool:
        return self.consent == self.Consent.AGREED

    @property
    def is_open(self) -> bool:
        """Not cancelled: it still takes decisions and action items."""
        return self.status != self.Status.CANCELLED

    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()


class ConferenceParticipant(models.Model):
    class Role(models.TextChoices):
        COUNSELOR = "counselor", _("Counsellor")
        COORDINATOR = "coordinator", _("Intake coordinator")
        UNIT_HEAD = "unit_head", _("Unit head")
        PERSONNEL_HEAD = "personnel_head", _("Personnel head")

    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("conference participant")
        verbose_name_plural = _("conference participants")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "user"], name="conference_participant_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} of {self.conference_id}"

    @property
    def is_organiser(self) -> bool:
        """The counselling room's side: sees the agenda before consent, keeps the record."""
        return self.role in (self.Role.COUNSELOR, self.Role.COORDINATOR)


class ConferenceActionItem(models.Model):
    SEALED = ("text",)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="action_items"
    )
    text = SealedField(_("what is to be done"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("action item", "owner"),
    )
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conference action item")
        verbose_name_plural = _("conference action items")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"action item {self.uuid}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
