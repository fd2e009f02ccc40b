"""The e-mail station (電子郵件抒壓站) and the hotline log; imported by
anxin/counseling/models.py.

What a writer or a counsellor writes, and a call's note, are sealed (`SealedField`,
DESIGN.md invariant 1); the clear columns are what the coordinator's inbox needs: when a
message came, when the reply is due, whether it was flagged, who answers it.
"""

from uuid import UUID, uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.fields import SealedField

__all__ = ["HotlineCall", "StationMessage", "StationThread"]


class StationThread(models.Model):
    """One conversation of the e-mail station. An anonymous writer reaches it only
    through a secret link: the token is stored as its SHA-256 hash, never in clear."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    # Empty for an anonymous writer.
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="station_threads",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # The reply deadline of the writer's latest unanswered message.
    due_at = models.DateTimeField(_("reply due"), db_index=True)
    awaiting_reply = models.BooleanField(_("awaiting a reply"), default=True)
    risk_flag = models.BooleanField(_("signs of risk"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="station_threads",
        verbose_name=_("counsellor"),
    )
    # When the coordinators were last warned of this deadline (the due job's memory).
    warned_soon_at = models.DateTimeField(null=True, blank=True, editable=False)
    warned_overdue_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("e-mail station conversation")
        verbose_name_plural = _("e-mail station conversations")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "awaiting_reply", "due_at"], name="station_open_due"),
        ]

    def __str__(self) -> str:
        return f"station thread {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:station_thread", args=[self.uuid])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_anonymous(self) -> bool:
        return self.employee_id is None

    @property
    def subject_uuid(self) -> UUID:
        """Whose file a read is logged against: the employee's, else the thread's own."""
        return self.employee.uuid if self.employee_id else self.uuid

    def is_overdue(self, now=None) -> bool:
        return self.awaiting_reply and not self.is_closed and self.due_at < (now or timezone.now())


class StationMessage(models.Model):
    class Side(models.TextChoices):
        WRITER = "writer", _("Writer")
        COUNSELOR = "counselor", _("Counsellor")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    thread = models.ForeignKey(StationThread, on_delete=models.PROTECT, related_name="messages")
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = SealedField(_("message"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("e-mail station message")
        verbose_name_plural = _("e-mail station messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"station message {self.uuid}"


class HotlineCall(models.Model):
    """A call to the counselling line, recorded by the counsellor who took it."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved on the call")
        REFERRED = "referred", _("Referred to a face-to-face session")
        CRISIS = "crisis", _("Crisis")

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hotline_calls"
    )
    # Empty for an anonymous caller.
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_calls",
    )
    called_at = models.DateTimeField(_("time of the call"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    concern = models.CharField(_("kind of concern"), max_length=40)
    concern_name = models.CharField(_("kind of concern"), max_length=80)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    note = SealedField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hotline call")
        verbose_name_plural = _("hotline calls")
        ordering = ["-called_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gte=1), name="hotline_minutes_pos"),
        ]

    def __str__(self) -> str:
        return f"hotline call {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:station_hotline_detail", args=[self.uuid])

    @property
    def subject_uuid(self) -> UUID:
        return self.employee.uuid if self.employee_id else self.uuid
