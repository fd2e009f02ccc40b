"""Care workers (關懷員): nomination, terms, coverage map, training level, activity, commendations,
group meetings.

A care worker is an employee who, for a term of office, looks out for the colleagues of
the units he or she covers (004 §參.三.(二)). Both sides agree before a term starts: the
agency nominates and the person consents, or the person volunteers and the agency
approves (decision 0043).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.people.models import Employee, OrgUnit


class CareWorker(models.Model):
    """One term (or nomination) of one employee as a care worker. A renewal extends the
    same row; a new term after an ended one is a new row."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        APPROVED = "approved", _("Approved, term not yet begun")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    class Route(models.TextChoices):
        AGENCY = "agency", _("Nominated by the agency")
        SELF = "self", _("Volunteered")

    class Specialty(models.TextChoices):
        # 004 §參.三.(二)1: psychology, social work, or simply a willing colleague.
        PSYCHOLOGY = "psychology", _("Psychology")
        SOCIAL_WORK = "social_work", _("Social work")
        COUNSELLING = "counselling", _("Guidance and counselling")
        NURSING = "nursing", _("Nursing or health care")
        WILLING = "willing", _("A willing colleague")

    class EndReason(models.TextChoices):
        TERM_OVER = "term_over", _("Term over")
        STEPPED_DOWN = "stepped_down", _("Stepped down")
        DECLINED = "declined", _("Nomination declined")
        NOT_APPROVED = "not_approved", _("Not approved by the agency")
        LEFT = "left", _("Left the agency")

    employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        related_name="care_worker_terms",
        verbose_name=_("employee"),
    )
    units = models.ManyToManyField(
        OrgUnit, related_name="care_workers", verbose_name=_("units covered")
    )
    specialties = models.JSONField(_("specialties"), default=list, blank=True)
    route = models.CharField(_("how nominated"), max_length=10, choices=Route.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NOMINATED
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nominated_at = models.DateTimeField(_("nominated"))
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    term_start = models.DateField(_("term begins"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=14, choices=EndReason.choices, blank=True
    )
    # The employee-facing map (003 §伍.二.(一)) lists only those who agreed to it.
    listed = models.BooleanField(_("listed on the care-worker map"), default=False)
    contact = models.CharField(
        _("how colleagues reach me"),
        max_length=120,
        blank=True,
        help_text=_("An extension, an office, a work e-mail: shown on the map if you are listed."),
    )
    # The care_worker role was given with this term (not held before): it is withdrawn
    # when the term ends (decision 0060).
    role_granted = models.BooleanField(default=False)
    # The term end that the "ends within 60 days" notice was sent for: once per end, so
    # that a renewed term gets its own notice.
    ending_notice_for = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("care worker")
        verbose_name_plural = _("care workers")
        ordering = ["employee__number", "-nominated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=False, term_end__gt=models.F("term_start")),
                name="careworker_term_ordered",
            ),
            # One nomination or term at a time per person.
            models.UniqueConstraint(
                fields=["employee"],
                condition=~Q(status="ended"),
                name="careworker_one_open_per_employee",
            ),
        ]
        indexes = [models.Index(fields=["status", "term_end"], name="careworker_status_end")]

    def __str__(self) -> str:
        return f"{self.employee.name} ({self.get_status_display()})"

    def is_in_term(self, on: date) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and self.term_start is not None
            and self.term_start <= on <= self.term_end
        )

    def awaits_employee(self) -> bool:
        return self.status == self.Status.NOMINATED and self.consented_at is None

    def awaits_agency(self) -> bool:
        return self.status == self.Status.NOMINATED and self.approved_at is None

    def specialty_labels(self) -> list[str]:
        labels = dict(self.Specialty.choices)
        return [str(labels.get(key, key)) for key in self.specialties]


class CareWorkerClass(models.Model):
    """A plan's care-worker training (`ProgramPlan.care_worker_trainings`) generated as an
    event of the events app; completing it counts towards the training level."""

    plan = models.ForeignKey(
        "plans.ProgramPlan", on_delete=models.CASCADE, related_name="+", verbose_name=_("plan")
    )
    training_key = models.CharField(_("training"), max_length=60)
    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("care-worker class")
        verbose_name_plural = _("care-worker classes")
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "training_key", "event"], name="careworkerclass_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_key} ({self.event_id})"


class CareActivity(models.Model):
    """How many times, in a month, a care worker did one of the six tasks (004 §參.三.(二))
    for the colleagues of a unit. A count, never a note, and never who was helped."""

    class Category(models.TextChoices):
        REACHING_OUT = "reaching_out", _("Reaching out to colleagues")
        GATHERING_NEEDS = "gathering_needs", _("Gathering needs")
        INFORMATION = "information", _("Passing on information")
        PRACTICAL = "practical", _("Practical care")
        ILLNESS = "illness", _("Care in illness")
        PROMOTING = "promoting", _("Promoting the programme")

    care_worker = models.ForeignKey(CareWorker, on_delete=models.CASCADE, related_name="activities")
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    month = models.DateField(_("month"))  # its first day
    category = models.CharField(_("task"), max_length=20, choices=Category.choices)
    count = models.PositiveSmallIntegerField(_("times"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("care-worker activity")
        verbose_name_plural = _("care-worker activities")
        ordering = ["-month", "unit", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["care_worker", "unit", "month", "category"],
                name="careactivity_one_per_month_task",
            ),
        ]
        # `month` is the first day of its month (activity.py writes it so); no CHECK says
        # so, because a date function in a constraint needs Django's own SQLite functions,
        # and SQLite's integrity check (backups, the sqlite3 shell) has none of them.

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.category} {self.count}"


class Commendation(models.Model):
    """A care worker on the year's commendation list (004 §肆.二): proposed by the plan's
    rule from activity and training, decided by the EAP administrator (the personnel
    department), exported for the personnel office."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Not retained")

    year = models.PositiveSmallIntegerField(_("year"))
    care_worker = models.ForeignKey(
        CareWorker, on_delete=models.CASCADE, related_name="commendations"
    )
    activities = models.PositiveIntegerField(_("activities recorded"))
    training = models.CharField(_("highest training"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "care_worker__employee__number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "care_worker"], name="commendation_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.care_worker_id}"


class CareMeeting(models.Model):
    """A meeting of the care-worker group of a unit's subtree (the Veterans Affairs
    Council's rule: the group meets every six months; the plan's
    `care_workers.meeting_months`). Its agenda and notes are about the group's work,
    never about a named colleague (the services refuse a text naming an employee)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("group of")
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=120)
    agenda = models.TextField(_("agenda"), max_length=1000, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("care-worker group meeting")
        verbose_name_plural = _("care-worker group meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="caremeeting_unit_start")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.starts_at:%Y-%m-%d}"


class CareMeetingInvitation(models.Model):
    """A care worker invited to a group meeting, and whether he or she came."""

    meeting = models.ForeignKey(CareMeeting, on_delete=models.CASCADE, related_name="invitations")
    care_worker = models.ForeignKey(
        CareWorker, on_delete=models.CASCADE, related_name="meeting_invitations"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["meeting", "care_worker__employee__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "care_worker"], name="caremeetinginvitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.care_worker_id}"


__all__ = [
    "CareActivity",
    "CareMeeting",
    "CareMeetingInvitation",
    "CareWorker",
    "CareWorkerClass",
    "Commendation",
]
