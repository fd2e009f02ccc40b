"""Events and trainings: talks, series, workshops, support groups and training classes,
their sessions, whom they are for (the audience rule), the invitations the rule produced
and the registrations.

An audience may use the sealed self-declared attributes (DESIGN.md invariant 10): the
rule names them, but which employee matched is never shown to an organiser; the
invitation rows exist for the employee's own list only, and an event with a private roster
keeps none: whom its rule matched is decided afresh when someone opens it, and the count is
`Event.invited_total` (decision 0025).

Whether membership is a personal fact is one stored flag, `Event.private_roster`, read
through one property, `Event.is_sensitive` (decision 0018). Every page, export, feed and
notice that could name a member or say what the event is asks that property; the rule
that sets the flag (an audience by age or by sealed attributes, a plan's sensitive target
group, a support group by default) lives in `anxin/events/privacy.py`.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.events.halfyears import HalfYear
from anxin.people.models import Employee, OrgUnit


class Event(models.Model):
    class Kind(models.TextChoices):
        TALK = "talk", _("Single talk")
        SERIES = "series", _("Course or series")
        WORKSHOP = "workshop", _("Workshop")
        SUPPORT_GROUP = "support_group", _("Support group (fixed members)")
        TRAINING = "training", _("Training class")
        GROUP_COUNSELLING = "group_counselling", _("Group counselling")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Allocation(models.TextChoices):
        FIRST_COME = "first_come", _("First come, first served")
        LOTTERY = "lottery", _("Lottery after registration closes")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The organiser's unit: the event belongs to the subtree of whoever created it.
    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("organised by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_events",
        verbose_name=_("facilitator or speaker"),
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    learning_hours = models.DecimalField(
        _("learning hours"), max_digits=5, decimal_places=1, default=0
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    prerequisite = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prerequisite"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    allocation = models.CharField(
        _("allocation of places"),
        max_length=12,
        choices=Allocation.choices,
        default=Allocation.FIRST_COME,
    )
    # The lottery's record (decision 0011): the seed that ordered the applicants, sorted
    # by registration id, and when it ran; each registration keeps its drawn position.
    lottery_seed = models.CharField(max_length=64, blank=True, editable=False)
    lottery_drawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the event was generated as part of a half-year season.
    season = models.ForeignKey(
        "Season", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )

    # The audience rule. Empty lists and missing bounds mean "anyone".
    audience_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation scope")
    )
    audience_categories = models.JSONField(_("staff categories"), default=list, blank=True)
    audience_age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    audience_age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    audience_age_on = models.DateField(_("age reckoned on"), null=True, blank=True)
    audience_months_hired_min = models.PositiveSmallIntegerField(
        _("at least months since hiring"), null=True, blank=True
    )
    audience_months_hired_max = models.PositiveSmallIntegerField(
        _("at most months since hiring"), null=True, blank=True
    )
    # Self-declared attributes (SensitiveDeclaration.Attribute values); an employee who
    # declared any one of them matches.
    audience_declared = models.JSONField(_("self-declared attributes"), default=list, blank=True)
    # The plan's target group the event serves (`target_groups[].key`), if any: a group
    # the plan marks `sensitive` keeps the roster private (decision 0018).
    target_group = models.CharField(_("target group of the plan"), max_length=60, blank=True)
    # The one rule of invariant 10: the roster, attendance and everything naming members
    # are the facilitator's and each member's own; organisers see counts. Set by the
    # services from anxin/events/privacy.py, never cleared once people registered.
    private_roster = models.BooleanField(_("private roster"), default=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # How many people the audience matched at publication. For a private roster this
    # count is all that is kept: no Invitation rows (decision 0025).
    invited_total = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sensitive(self) -> bool:
        """Being at this event is a personal fact (invariant 10): its roster, attendance,
        certificates and exports of names are the facilitator's and each member's only,
        organisers see counts, and calendars, QR pages and notices keep its title quiet.
        The one question every part of the app asks; the flag behind it is
        `private_roster`."""
        return self.private_roster

    @property
    def audience_reveals_personal_fact(self) -> bool:
        """Being invited says something about the person: an age band or sealed
        self-declared attributes."""
        return bool(
            self.audience_declared
            or self.audience_age_min is not None
            or self.audience_age_max is not None
        )

    def age_reference(self, fallback: date) -> date:
        return self.audience_age_on or fallback

    @property
    def is_lottery(self) -> bool:
        return self.allocation == self.Allocation.LOTTERY


class Season(models.Model):
    """A half-year of events generated from the plan's target groups (decision 0011):
    one per authority and half-year, so that generating twice cannot duplicate it."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("first half (January to June)")
        SECOND = 2, _("second half (July to December)")

    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    plan = models.ForeignKey(
        "plans.ProgramPlan", on_delete=models.PROTECT, related_name="+", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half-year"), choices=Half.choices)
    # The plan's events the generator left out, with the reason: [{group, name, reason}].
    not_scheduled = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-year", "-half"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "year", "half"], name="season_one_per_half_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def label(self) -> str:
        """The half-year in the ROC calendar, e.g. "115年上半年"."""
        return HalfYear(self.year, self.half).label


class EventSession(models.Model):
    """One meeting of an event: a talk has one, a series or a group several."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """The audience rule matched this employee when the event was published. Never listed
    to organisers: they see the count only. Not kept for an event with a private roster,
    whose list would tell the sealed declarations or the ages it was chosen by."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="invitation_unique"),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        APPLIED = "applied", _("Applied, waiting for the draw")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the employee completed the event (by attendance, or as recorded from an
    # earlier year); a prerequisite is met by a completed registration.
    completed_at = models.DateTimeField(null=True, blank=True)
    # Under a lottery, the applicant's place in the drawn order (1 = first drawn); the
    # waiting list is promoted in this order.
    draw_position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # The waiting list is first come, first served: by creation, then id.
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "employee"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_employee",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"registration {self.uuid}"


# Each part keeps its models in its own package (decisions 0010 and 0012). Django
# discovers an app's models by importing its `models` module, so each part's models are
# imported here by name; code may import them from here too. At the bottom: the parts
# refer to the models above.
from anxin.events.attendance.models import (  # noqa: E402, F401
    Attendance,
    Certificate,
    CertificateCounter,
    CheckInCode,
)
from anxin.events.calendars.models import CalendarFeed  # noqa: E402, F401
