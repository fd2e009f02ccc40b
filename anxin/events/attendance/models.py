"""Attendance and certificates of events (docs/decisions/0010).

- `CheckInCode`: the random token a session's QR code carries; the facilitator can
  replace it (a photo of the code passed round stops working).
- `Attendance`: one registration at one session: present, late, partial or absent, with
  the arrival time (QR check-in) and the minutes attended (late or partial).
- `Certificate`: a numbered certificate of completion with a random verification code.
  What it prints is copied at issue time, so that a later edit of the event or of the
  employee's record does not change a certificate already handed out.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["Attendance", "Certificate", "CertificateCounter", "CheckInCode"]

# What a certificate and an export say instead of a sensitive event's title.
NEUTRAL_TITLE = _("Employee assistance programme activity")


class CheckInCode(models.Model):
    session = models.OneToOneField(
        "events.EventSession", on_delete=models.CASCADE, related_name="check_in_code"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"check-in code of session {self.session_id}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        PARTIAL = "partial", _("Partly present")
        ABSENT = "absent", _("Absent")

    class Source(models.TextChoices):
        QR = "qr", _("QR check-in")
        ROSTER = "roster", _("Ticked by the facilitator")

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        "events.EventSession", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("attendance record"), max_length=10, choices=Status.choices)
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    # Minutes attended when late or partly present; a present participant gets the whole
    # session, an absent one nothing.
    minutes = models.PositiveSmallIntegerField(_("minutes attended"), null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["session_id", "registration_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="attendance_one_per_session"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["late", "partial"]) | Q(minutes__isnull=False),
                name="attendance_late_partial_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"attendance {self.registration_id}/{self.session_id}: {self.status}"

    def attended_minutes(self, session_minutes: int) -> int:
        if self.status == self.Status.PRESENT:
            return session_minutes
        if self.status == self.Status.ABSENT:
            return 0
        return min(self.minutes or 0, session_minutes)


class CertificateCounter(models.Model):
    """The last certificate number given by an authority in an ROC year; locked while a
    certificate is issued so that two issues never share a number."""

    authority = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="+")
    roc_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "roc_year"], name="certificate_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority_id}/{self.roc_year}: {self.last}"


class Certificate(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.PROTECT, related_name="certificate"
    )
    authority = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("certificate number"), max_length=20)
    # Twelve characters of Crockford's base32 (60 random bits): typed from the paper,
    # not guessable.
    code = models.CharField(_("verification code"), max_length=12, unique=True)
    holder_name = models.CharField(_("holder's name"), max_length=80)
    # The event's title; empty for an event over sealed attributes, whose certificate
    # names a neutral activity instead (`display_title`).
    title = models.CharField(_("event"), max_length=160, blank=True)
    sensitive = models.BooleanField(default=False)
    first_day = models.DateField()
    last_day = models.DateField()
    hours = models.DecimalField(_("learning hours"), max_digits=5, decimal_places=1)
    issuer = models.CharField(_("issued by"), max_length=120)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set when a correction of the attendance took the completion away.
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number"], name="certificate_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def display_title(self) -> str:
        return self.title or str(NEUTRAL_TITLE)

    @property
    def code_display(self) -> str:
        """ABCD-EFGH-JKMN, as printed."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))
