"""Service results and evaluation: the data of the app. The figures themselves are never
stored: they are counted afresh from the service apps (anxin/reports/dashboard.py). What
the app keeps is what people write for the evaluation dossier."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationNote(models.Model):
    """The authority's own words in the year's evaluation dossier: the improvements for
    next year (003 §陸 成效評估: results used to change the plan). Never clinical."""

    authority = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))  # Western year
    improvements = models.TextField(_("improvements for next year"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation note")
        verbose_name_plural = _("evaluation notes")
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="evaluation_note_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.authority_id}/{self.year}"
