"""Mentoring of new hires: pairs, monthly one-to-one talks, completion (decision 0045).

A mentor (`Mentor`, a colleague hr lists; trained once he or she completed the plan's
mentors' classes, `MentorClass`, in the events app: decision 0062) and a new hire form a
`MentoringPair` for the plan's period; its `MentoringTalk`s are scheduled at the plan's
cadence. A talk is logged by topic category; its note is sealed and only the pair reads
it, never hr. `Arrival` notes who the roster moved from another agency (a transfer in).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.fields import SealedField

__all__ = ["Arrival", "Mentor", "MentorClass", "MentoringPair", "MentoringTalk"]


class Mentor(models.Model):
    """A colleague hr lists as a mentor; proposed once trained, that is once he or she
    completed the plan's mentors' classes (003 §陸【新進同仁】3: 資深職場導師輔導知能訓練),
    read from the events app, never ticked by hand (decision 0062)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.OneToOneField(
        "people.Employee",
        on_delete=models.CASCADE,
        related_name="mentor_record",
        verbose_name=_("mentor"),
    )
    is_active = models.BooleanField(pgettext_lazy("mentoring", "active"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return str(self.employee)


class MentorClass(models.Model):
    """A plan's mentors' training (`mentoring.trainings`) generated as an event of the
    events app; completing it makes a mentor trained (anxin/care/training.py)."""

    plan = models.ForeignKey(
        "plans.ProgramPlan", on_delete=models.CASCADE, related_name="+", verbose_name=_("plan")
    )
    training_key = models.CharField(_("training"), max_length=60)
    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentors' class")
        verbose_name_plural = _("mentors' classes")
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "training_key", "event"], name="mentorclass_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_key} ({self.event_id})"


class Arrival(models.Model):
    """The last day a roster import showed a colleague in another agency or school of the
    authority than before (a transfer in, decision 0062; people/roster/hooks.py tells
    it). No former agency, no reason: the day only."""

    employee = models.OneToOneField(
        "people.Employee", on_delete=models.CASCADE, related_name="mentoring_arrival"
    )
    transferred_in_on = models.DateField()

    class Meta:
        verbose_name = _("arrival in an agency")
        verbose_name_plural = _("arrivals in agencies")
        indexes = [models.Index(fields=["transferred_in_on"], name="mentoring_arrival_day")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.transferred_in_on}"


class MentoringPair(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ENDED = "ended", _("Ended early")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mentee = models.ForeignKey(
        "people.Employee",
        on_delete=models.CASCADE,
        related_name="mentoring_as_mentee",
        verbose_name=_("new hire"),
    )
    mentor = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="mentoring_as_mentor",
        verbose_name=_("mentor"),
    )
    # The agency (or school) of the new hire when paired: completion rates count by it.
    agency = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    starts_on = models.DateField(pgettext_lazy("mentoring", "starts"))
    ends_on = models.DateField(pgettext_lazy("mentoring", "ends"))
    cadence_months = models.PositiveSmallIntegerField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The new hire asked hr, privately, for another mentor; the mentor never sees it.
    change_asked_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status="active"),
                name="mentoring_one_active_pair_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="mentoring_not_own_mentor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class MentoringTalk(models.Model):
    class Topic(models.TextChoices):
        # 003 §陸【新進同仁】2: 工作技能訓練、組織文化、職涯發展輔導、減輕職場壓力.
        WORK_SKILLS = "work_skills", _("Work skills")
        CULTURE = "culture", _("Organisation culture")
        CAREER = "career", _("Career")
        STRESS = "stress", _("Stress")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="talks")
    due_on = models.DateField(pgettext_lazy("mentoring", "due"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    topic = models.CharField(
        pgettext_lazy("mentoring", "topic"), max_length=12, choices=Topic.choices, blank=True
    )
    # Only the pair reads the note (decision 0045): sealed, every read logged.
    note = SealedField(pgettext_lazy("mentoring", "note"))
    reminded_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("mentoring talk")
        verbose_name_plural = _("mentoring talks")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "due_on"], name="mentoring_talk_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.pair} {self.due_on}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None
