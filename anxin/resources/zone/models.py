"""The EAP zone: the programme's pages, news, questions and answers, printable materials.

An article belongs to an authority (the root of the organisation tree) and is written by
its eap_admin; it is a draft until published. zh-Hant comes first, the English beside it
only where the author gives one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["ZoneArticle"]


class ZoneArticle(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Page")
        NEWS = "news", _("News")
        QUESTION = "question", _("Question and answer")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    authority = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(pgettext_lazy("article", "title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_en = models.TextField(_("text in English"), max_length=20000, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Pages and questions are listed in this order.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("zone article")
        verbose_name_plural = _("zone articles")
        ordering = ["kind", "position", "-published_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="zone_article_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "status", "kind"], name="zone_article_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_english(self) -> bool:
        """The English is shown beside the zh-Hant (marked lang="en") when the author gave
        one."""
        return bool(self.title_en or self.body_en)
