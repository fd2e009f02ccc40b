"""Topic channels: private membership, posts, moderated comments, digests, LINE delivery.

Who is in a channel is itself sensitive (DESIGN.md invariant 10): a membership is seen
by its member only; moderators see counts, k-suppressed. A post carries a title, a text
and a link; what leaves for LINE is the channel's name, the title and a link, nothing
about a person (decision 0052)."""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["Channel", "ChannelComment", "ChannelMembership", "ChannelPost"]

# A LINE group's ID: pushing to a person's own ID (U...) would tie a post to a person.
LINE_GROUP_ID = RegexValidator(
    r"^C[0-9a-f]{32}$",
    _("Enter the ID of a LINE group: C followed by 32 hexadecimal characters."),
    code="line_group_id",
)


class Channel(models.Model):
    authority = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    comments_allowed = models.BooleanField(
        _("members may comment"),
        default=False,
        help_text=_("Comments are shown after a moderator approves them."),
    )
    line_group = models.CharField(
        _("LINE group ID"),
        max_length=33,
        blank=True,
        validators=[LINE_GROUP_ID],
        help_text=_(
            "Optional: the group the Official Account sends each post's title and link to."
        ),
    )
    is_active = models.BooleanField(_("open"), default=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("topic channel")
        verbose_name_plural = _("topic channels")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "key"], name="channel_key_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ChannelMembership(models.Model):
    """A person in a channel: seen by that person only."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)
    digest = models.BooleanField(_("digest by e-mail"), default=True)
    digest_sent_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("channel membership")
        verbose_name_plural = _("channel memberships")
        constraints = [
            models.UniqueConstraint(fields=["channel", "user"], name="channel_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"  # never the person's name


class ChannelPost(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(pgettext_lazy("article", "title"), max_length=120)
    body = models.TextField(_("text"), max_length=5000)
    link = models.URLField(_("link"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)
    # LINE delivery: pending until sent; the retry key makes a resend after a lost answer
    # arrive once (the Messaging API's X-Line-Retry-Key).
    line_pending = models.BooleanField(default=False)
    line_sent_at = models.DateTimeField(null=True, blank=True)
    line_attempts = models.PositiveSmallIntegerField(default=0)
    line_retry_key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("channel post")
        verbose_name_plural = _("channel posts")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["channel", "published_at"], name="channel_post_time"),
            models.Index(
                fields=["line_pending"],
                condition=models.Q(line_pending=True),
                name="channel_post_line_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ChannelComment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not published")

    post = models.ForeignKey(ChannelPost, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("channel comment")
        verbose_name_plural = _("channel comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
