"""Advice at fixed times: slots from a service's weekly schedule, sealed-topic bookings.

An advice service (a lawyer's hours, the tax bureau's counter) belongs to a plan and has
a weekly schedule of rules (weekday, start, end, place). Slots are cut from the rules a
few weeks ahead (`slots_generate`, idempotent through `advice_slot_unique_start`). An
employee books a free slot with a topic that only the slot's advisers can read (sealed,
each read logged). At most one active booking per slot: a partial unique constraint, as
for counselling appointments. The service is this part's own small model, linked to the
directory's entry that describes it (place, accessibility, contact; decision 0068). A
closed day (`AdviceClosure`) takes its slots off the list and keeps the reason for staff.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.core.fields import SealedField

__all__ = ["AdviceBooking", "AdviceClosure", "AdviceRule", "AdviceService", "AdviceSlot"]


class AdviceService(models.Model):
    """Advice offered at fixed times under a plan; made from the plan's channel
    `channel_key` (idempotent) or by the EAP administrator ("" then)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    channel_key = models.CharField(max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=120)
    provider = models.CharField(_("provided by"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per slot"), default=30)
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advice_services",
        verbose_name=_("advisers"),
    )
    is_active = models.BooleanField(_("open for booking"), default=True)
    # The directory's entry of this service: employees read its place, accessibility and
    # contact there, and the entry offers "book a time" (decision 0068).
    entry = models.ForeignKey(
        "resources.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_services",
        verbose_name=_("directory entry"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advice service")
        verbose_name_plural = _("advice services")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "channel_key"],
                condition=~Q(channel_key=""),
                name="advice_service_one_per_channel",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="advice_service_slot_minutes_min"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AdviceRule(models.Model):
    """One line of a service's weekly schedule: every `weekday` from `start` to `end`
    at `place`."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    service = models.ForeignKey(AdviceService, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("start time"))
    end = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200)

    class Meta:
        verbose_name = _("weekly time of advice")
        verbose_name_plural = _("weekly times of advice")
        ordering = ["weekday", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="advice_rule_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class AdviceClosure(models.Model):
    """A day on which a service is not offered (a holiday, the adviser away): its slots
    are no longer bookable, its bookings were cancelled and their employees told. The
    reason is for staff (the EAP administrator and the service's advisers) only."""

    service = models.ForeignKey(AdviceService, on_delete=models.CASCADE, related_name="closures")
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason (for staff)"), max_length=300)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("closed day of advice")
        verbose_name_plural = _("closed days of advice")
        ordering = ["-day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "day"], name="advice_closure_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.service} closed {self.day:%Y-%m-%d}"


class AdviceSlot(models.Model):
    """A bookable time of a service, cut from its rules. One slot per service and start,
    so that generating twice makes nothing twice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(AdviceService, on_delete=models.PROTECT, related_name="slots")
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    # Set when the slot's day is closed: the slot is then never offered again.
    closure = models.ForeignKey(
        AdviceClosure, on_delete=models.PROTECT, null=True, blank=True, related_name="slots"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advice time")
        verbose_name_plural = _("advice times")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "starts_at"], name="advice_slot_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="advice_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"advice slot {self.uuid}"


class AdviceBooking(models.Model):
    """An employee's booking of a slot. The topic is sealed: only the slot's advisers
    read it, each read logged. At most one booked row per slot (a partial unique
    constraint), so that two employees can never hold the same slot."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled by you")
        CANCELLED_BY_ADVISER = "adviser_cancelled", _("Cancelled by the adviser")
        DAY_CLOSED = "day_closed", _("Cancelled: no advice on that day")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slot = models.ForeignKey(AdviceSlot, on_delete=models.PROTECT, related_name="bookings")
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="advice_bookings"
    )
    topic = SealedField(_("what it is about"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.BOOKED
    )
    booked_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("advice booking")
        verbose_name_plural = _("advice bookings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status="booked"),
                name="advice_booking_one_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"advice booking {self.uuid}"

    @property
    def is_booked(self) -> bool:
        return self.status == self.Status.BOOKED
