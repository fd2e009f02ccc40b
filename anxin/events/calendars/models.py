"""A person's private calendar feed: a secret link that calendar clients fetch without
signing in. Only the SHA-256 hash of its token is stored (as for the e-mail station's
anonymous link), so the link is shown once, when it is made; a lost or leaked link is
replaced by a new one and the old one stops working."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CalendarFeed"]


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"))
    # When a calendar client last fetched the feed (updated at most hourly): lets the
    # owner notice a link used where it should not be.
    last_used_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"
