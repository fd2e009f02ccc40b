from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProgramPlan(models.Model):
    """Placeholder: the plans work replaces this with the full model."""

    slug = models.SlugField(_("preset"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    authority = models.ForeignKey("people.OrgUnit", on_delete=models.PROTECT, related_name="plans")
    config = models.JSONField(default=dict)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.slug])
