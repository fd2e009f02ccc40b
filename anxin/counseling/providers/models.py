"""External providers (institutions under contract, their counsellors and rates) and
group or management-consultation requests. A provider is paid by case code only
(003 §陸, "以代號進行核銷"): nothing here holds an employee's name or clinical text."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ContractRate",
    "GroupRequest",
    "Provider",
    "ProviderAdmin",
    "ProviderCounselor",
]


class Provider(models.Model):
    """A counselling institution under contract with an authority."""

    authority = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("authority"),
    )
    name = models.CharField(_("name"), max_length=120)
    contract_start = models.DateField(_("contract starts"))
    contract_end = models.DateField(_("contract ends"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("external provider")
        verbose_name_plural = _("external providers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="provider_name_unique"),
            models.CheckConstraint(
                condition=Q(contract_end__gte=F("contract_start")), name="provider_contract_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("counseling:providers_detail", args=[self.pk])


class ProviderCounselor(models.Model):
    """A counsellor (a user with the counsellor role) working for a provider; a user works
    for at most one provider."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="counselors")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_counselor"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("provider counsellor")
        verbose_name_plural = _("provider counsellors")

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class ProviderAdmin(models.Model):
    """The user who manages a provider in Anxin (the provider_admin role); one provider
    per user."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="admins")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_admin"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("provider administrator")
        verbose_name_plural = _("provider administrators")

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class ContractRate(models.Model):
    """What the provider is paid per hour of one mode of session, between two dates
    (`valid_to` empty: until further notice)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="rates")
    mode = models.CharField(
        _("mode"),
        max_length=15,
        choices=[
            ("face_to_face", _("Face to face")),
            ("phone", _("Telephone")),
            ("video", _("Video call")),
        ],
    )
    hourly_rate = models.PositiveIntegerField(_("rate per hour (NT$)"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("contract rate")
        verbose_name_plural = _("contract rates")
        ordering = ["mode", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rate_validity_order",
            ),
            models.CheckConstraint(condition=Q(hourly_rate__gte=1), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.mode} {self.hourly_rate}"

    def covers(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class GroupRequest(models.Model):
    """A supervisor's or an agency's request for a management consultation or a group
    counselling session (000 §4.3, 001 §肆.二). It names a unit, never a person: the
    outcome is a head count."""

    class Kind(models.TextChoices):
        MANAGEMENT = "management", _("Management consultation")
        GROUP = "group", _("Group counselling")

    class Topic(models.TextChoices):
        WORK_STRESS = "work_stress", _("Work stress")
        TEAM_RELATIONS = "team_relations", _("Relations within the team")
        CRITICAL_INCIDENT = "critical_incident", _("A critical incident in the unit")
        CHANGE = "change", _("Organisational change")
        STAFF_CONCERN = "staff_concern", _("Managing a staff member in difficulty")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting to be scheduled")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        NOT_HELD = "not_held", _("Not held")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    unit = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_as = models.CharField(max_length=20)  # the requester's role: supervisor or hr
    preferred_from = models.DateField(_("preferred from"))
    preferred_to = models.DateField(_("preferred until"))
    expected_participants = models.PositiveSmallIntegerField(_("expected participants"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    scheduled_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_requests",
        verbose_name=_("external provider"),
    )
    attendance = models.PositiveSmallIntegerField(_("attendance"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("group or management-consultation request")
        verbose_name_plural = _("group or management-consultation requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_to__gte=F("preferred_from")),
                name="group_request_period_order",
            ),
            models.CheckConstraint(
                condition=Q(counselor__isnull=True) | Q(provider__isnull=True),
                name="group_request_one_leader",
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(attendance__gte=1),
                name="group_request_held_has_attendance",
            ),
        ]

    def __str__(self) -> str:
        return f"group request {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:providers_group_detail", args=[self.uuid])
