"""The pair of a case's outcome measure, sealed, and the yearly tally of changes that
names no case and no person (decision 0072)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.fields import SealedField

__all__ = ["OutcomeMeasure", "OutcomeTally"]


class OutcomeMeasure(models.Model):
    """A case's outcome measure. The employee answers it, with consent, when the case
    opens (`start`) and when it closes (`close`); each answer is sealed as
    {"answers": {item: value}, "score": number} and only the case's counsellor and the
    employee open it, each read logged."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered, not answered yet")
        DECLINED = "declined", _("Declined")
        STARTED = "started", _("Answered at the start")
        CLOSING = "closing", _("Waiting for the answer at the close")
        COMPLETE = "complete", _("Answered at the start and the close")
        LAPSED = "lapsed", _("Not answered before the case closed")
        WITHDRAWN = "withdrawn", _("Consent withdrawn, answers erased")
        EXPIRED = "expired", _("The closing answer was not given in time")

    SEALED = ("start", "close")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(
        "counseling.Case", on_delete=models.PROTECT, related_name="outcome_measure"
    )
    instrument = models.CharField(_("measure"), max_length=40)
    instrument_version = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    start_at = models.DateTimeField(
        pgettext_lazy("outcome measure", "answered at the start"), null=True, blank=True
    )
    close_at = models.DateTimeField(
        pgettext_lazy("outcome measure", "answered at the close"), null=True, blank=True
    )
    closing_asked_at = models.DateTimeField(_("closing answer asked"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    start = SealedField(pgettext_lazy("outcome measure", "at the start"))
    close = SealedField(pgettext_lazy("outcome measure", "at the close"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome measure")
        verbose_name_plural = _("outcome measures")

    def __str__(self) -> str:
        return f"outcome measure {self.uuid}"

    @property
    def awaits_answer(self) -> bool:
        return self.status in (self.Status.OFFERED, self.Status.CLOSING)

    @property
    def phase(self) -> str:
        return "close" if self.status == self.Status.CLOSING else "start"


class OutcomeTally(models.Model):
    """The yearly count of completed pairs per authority and measure, by the direction
    of the change, with the sum of the changes: NO link to a case, a person or a day (a
    random primary key; counters, not rows per pair). The year is the case's closing
    year."""

    class Change(models.TextChoices):
        IMPROVED = "improved", _("Improved")
        UNCHANGED = "unchanged", _("No meaningful change")
        WORSE = "worse", _("Worse")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    instrument = models.CharField(max_length=40)
    change = models.CharField(max_length=10, choices=Change.choices)
    pairs = models.PositiveIntegerField(default=0)
    change_sum = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("outcome tally")
        verbose_name_plural = _("outcome tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "instrument", "change"], name="outcome_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.year} {self.change}: {self.pairs}"
