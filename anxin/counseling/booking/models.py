"""Models of this part of counselling; imported by anxin/counseling/models.py.

Rooms (the plan's private venue), the time slots counsellors publish, the appointments
employees book in them, and the quota ledger: one ledger per employee per plan year
(the ROC year of the day), across every channel that counts hours.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.counseling.modes import Mode

__all__ = ["Appointment", "QuotaEntry", "Room", "Slot"]


class Room(models.Model):
    """A private counselling room of an authority, managed by the intake coordinator."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=80)
    location = models.CharField(
        _("location"), max_length=200, help_text=_("Address, building and floor.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("counselling room")
        verbose_name_plural = _("counselling rooms")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="room_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Slot(models.Model):
    """A time a counsellor offers; a face-to-face slot takes a room. Overlaps of the
    counsellor's own slots and double-booked rooms are refused by `slot_publish`, which
    locks the counsellor's and the room's rows while it checks."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="counselling_slots"
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("mode"), max_length=15, choices=Mode.choices)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("room"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(mode=Mode.FACE_TO_FACE) | Q(room__isnull=False),
                name="slot_face_to_face_has_room",
            ),
        ]
        indexes = [models.Index(fields=["counselor", "starts_at"], name="slot_counselor_start")]

    def __str__(self) -> str:
        return f"slot {self.uuid}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Appointment(models.Model):
    """An employee's booking of a slot for his or her case. At most one active
    appointment per slot (a partial unique constraint), so that two employees can never
    hold the same slot. One past the employee's quota waits for the coordinator."""

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting", _("Waiting for the coordinator (over the quota)")
        BOOKED = "booked", _("Booked")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")
        CANCELLED = "cancelled", _("Cancelled")
        LATE_CANCELLED = "late_cancelled", _("Cancelled late")
        DECLINED = "declined", _("Declined by the coordinator")

    # These hold the slot.
    ACTIVE = (Status.AWAITING_APPROVAL, Status.BOOKED, Status.ATTENDED, Status.NO_SHOW)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    case = models.ForeignKey("counseling.Case", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="counselling_appointments"
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices)
    booked_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The coordinator's decision on a booking past the quota.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["awaiting", "booked", "attended", "no_show"]),
                name="appointment_one_active_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"appointment {self.uuid}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class QuotaEntry(models.Model):
    """One line of an employee's quota ledger for a plan year: hours charged (positive)
    or given back (negative), and what they came from."""

    class SourceKind(models.TextChoices):
        APPOINTMENT = "appointment", _("Booked session")
        SESSION = "session", _("Session")
        CALL = "call", _("Telephone call")
        EMAIL_REPLY = "email_reply", _("E-mail reply")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="quota_entries"
    )
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("plan year"))  # ROC year
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    source_kind = models.CharField(_("from"), max_length=15, choices=SourceKind.choices)
    source_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    label = models.CharField(_("source"), max_length=120)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quota entry")
        verbose_name_plural = _("quota entries")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["employee", "plan", "year"], name="quota_employee_plan_year"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.hours}"
