"""Models of this part of counselling; imported by anxin/counseling/models.py.

A `FlowRun` is one non-voluntary or crisis flow for one employee, run from a snapshot of
the plan's steps (so that a later plan edit does not change a flow under way); each step
reached is a `FlowStepRun` with its role, deadline, who did it and when, the branch chosen
and sealed notes. `EmergencyAccess` is a coordinator's break-glass opening of a case;
`PurgeLog` records what the retention purge emptied, without content.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.fields import SealedField

__all__ = ["EmergencyAccess", "FlowRun", "FlowStepRun", "PurgeLog", "StepRole"]


class StepRole(models.TextChoices):
    # The schema's `role` enumeration of a case-flow step (anxin/plans/schema.yaml).
    SUPERVISOR = "supervisor", _("Supervisor")
    COUNSELOR = "counselor", _("Counsellor")
    INTAKE = "intake", _("Intake coordinator")
    HR = "hr", _("HR officer")


class FlowRun(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        NON_VOLUNTARY = "non_voluntary", _("Non-voluntary")
        CRISIS = "crisis", _("Crisis")

    class Status(models.TextChoices):
        OPEN = "open", _("Under way")
        DONE = "done", _("Completed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    flow_key = models.CharField(_("flow"), max_length=40)
    flow_name = models.CharField(_("flow"), max_length=120)
    # The flow's steps as they were when it started (a plan's `case_flows` item).
    definition = models.JSONField()
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="counselling_flows"
    )
    unit = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    finished_at = models.DateTimeField(_("completed"), null=True, blank=True)
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counselling_flows",
        verbose_name=_("counsellor"),
    )
    case = models.OneToOneField(
        "counseling.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flow",
    )

    class Meta:
        verbose_name = _("case flow")
        verbose_name_plural = _("case flows")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["status", "started_at"], name="flowrun_status_started")]

    def __str__(self) -> str:
        return f"flow {self.uuid}"

    def get_absolute_url(self) -> str:
        return reverse("counseling:flows_detail", args=[self.uuid])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class FlowStepRun(models.Model):
    """A step the flow reached. Open while `done_at` is empty; the flow's current step is
    its one open step."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(FlowRun, on_delete=models.CASCADE, related_name="steps")
    step_key = models.CharField(max_length=40)
    action = models.CharField(_("step"), max_length=300)
    role = models.CharField(_("done by role"), max_length=15, choices=StepRole.choices)
    reached_at = models.DateTimeField(_("reached"))
    due_at = models.DateTimeField(_("due"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    branch = models.CharField(_("way on"), max_length=300, blank=True)
    notes = SealedField(_("notes"))

    class Meta:
        verbose_name = _("case-flow step")
        verbose_name_plural = _("case-flow steps")
        ordering = ["reached_at", "pk"]

    def __str__(self) -> str:
        return f"{self.step_key} of flow {self.run_id}"

    def is_overdue(self, now=None) -> bool:
        return self.done_at is None and self.due_at < (now or timezone.now())


class EmergencyAccess(models.Model):
    """A coordinator's break-glass opening of a case whose counsellor cannot be reached.
    The reason is not clinical and is kept plain, but shown only to the coordinator who
    wrote it, the case's counsellor and the auditors."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "counseling.Case", on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"emergency access {self.uuid}"

    def is_valid(self, now=None) -> bool:
        return self.opened_at <= (now or timezone.now()) < self.expires_at


class PurgeLog(models.Model):
    """What the retention purge emptied for one case: counts by kind, never content."""

    case_code = models.CharField(_("case code"), max_length=20, db_index=True)
    closed_on = models.DateField(_("closed on"))
    purged_at = models.DateTimeField(_("purged"))
    counts = models.JSONField(_("records purged"), default=dict)

    class Meta:
        verbose_name = _("purge log entry")
        verbose_name_plural = _("purge log")
        ordering = ["-purged_at", "pk"]

    def __str__(self) -> str:
        return f"purge of {self.case_code} at {self.purged_at:%Y-%m-%d}"
