"""The EAP zone: the programme's pages, news, questions and answers, printable materials.

An article belongs to an authority (the root of the organisation tree) and is written by
its eap_admin; it is a draft until published, and a published article appears from its
`published_at` on (a later time schedules it: the readers' queries filter by the time, so
no job is needed, decision 0067). zh-Hant comes first, the English beside it only where
the author gives one. Sections of the handbook are articles of their own kind, printed in
their order as one PDF (decision 0066). An article may carry one image, with its
alternative text required."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["ZoneArticle"]


def image_path(article: "ZoneArticle", filename: str) -> str:
    """Where an article's image is stored: by authority and a random name, never the
    uploader's file name (the suffix comes from the checked type)."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"zone/{article.authority_id}/{uuid.uuid4().hex}{suffix}"


class ArticleQuerySet(models.QuerySet):
    def visible(self) -> "ArticleQuerySet":
        """What readers see: published, and its time has come."""
        return self.filter(status=ZoneArticle.Status.PUBLISHED, published_at__lte=timezone.now())


class ZoneArticle(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Page")
        NEWS = "news", _("News")
        QUESTION = "question", _("Question and answer")
        HANDBOOK = "handbook", _("Handbook section")

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
    image = models.FileField(_("image"), upload_to=image_path, max_length=200, blank=True)
    image_type = models.CharField(max_length=20, blank=True, editable=False)
    image_alt = models.CharField(_("text for the image"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("zone article")
        verbose_name_plural = _("zone articles")
        ordering = ["kind", "position", "-published_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="zone_article_published_has_date",
            ),
            # Accessibility: an image is never shown without its alternative text.
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="zone_article_image_has_alt",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "status", "kind"], name="zone_article_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        """Published, now or at its scheduled time."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_scheduled(self) -> bool:
        """Published for a time still to come: readers do not see it yet."""
        return self.is_published and self.published_at > timezone.now()

    @property
    def is_visible(self) -> bool:
        return self.is_published and self.published_at <= timezone.now()

    @property
    def has_english(self) -> bool:
        """The English is shown beside the zh-Hant (marked lang="en") when the author gave
        one."""
        return bool(self.title_en or self.body_en)
