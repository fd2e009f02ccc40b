"""The counselling room's yearly interviews with each agency's personnel head (003
§伍.三.(二) 質化訪談; decision 0046).

One interview per agency per year. Its answers follow the seed's three themes and are
written without names; they are sealed, read only in the counselling room (each read
logged), and leave it only as themes across agencies.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anxin.core.fields import SealedField

__all__ = ["Interview", "InterviewThemeCount"]


class Interview(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        RECORDED = "recorded", pgettext_lazy("interview status", "Recorded")

    class Theme(models.TextChoices):
        # 003 §伍.三.(二), in the seed's order; each is a sealed field of the same name.
        STRESS = "stress", _("Sources of work stress")
        ADAPTATION = "adaptation", _("New hires' adaptation")
        CONCERNS = "concerns", _("Staff with poor performance or unusual signs")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    scheduled_on = models.DateField(_("date"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    stress = SealedField(_("Sources of work stress"))
    adaptation = SealedField(_("New hires' adaptation"))
    concerns = SealedField(_("Staff with poor performance or unusual signs"))
    recorded_at = models.DateTimeField(null=True, blank=True)
    # The agency's personnel head, if the counselling room named him or her: reminded of
    # the interview when he or she has an account (decision 0063).
    head = models.ForeignKey(
        "people.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personnel head"),
    )
    reminded_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("interview with a personnel head")
        verbose_name_plural = _("interviews with personnel heads")
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="interview_once_per_agency_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class InterviewThemeCount(models.Model):
    """How many agencies' answers of a year gave a word, per theme, in an authority:
    counted once when an interview is recorded (and corrected when its answers are), so
    that the summary and the evaluation dossier read counts, never the sealed answers
    (decision 0063). No interview, no agency: a count and a word."""

    authority = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=12, choices=Interview.Theme.choices)
    word = models.CharField(max_length=40)
    agencies = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "theme", "word"], name="interview_theme_word_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.theme} {self.word} {self.agencies}"
