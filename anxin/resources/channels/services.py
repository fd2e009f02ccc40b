"""What changes the topic channels: opening the plan's channels, joining and leaving,
posting, comments and their moderation, the e-mail digest and LINE delivery."""

import logging
from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.locking import save_versioned
from anxin.core.notifications import absolute_link, notify
from anxin.core.refusals import Refused
from anxin.resources.channels import line
from anxin.resources.channels.models import (
    Channel,
    ChannelComment,
    ChannelMembership,
    ChannelPost,
)

logger = logging.getLogger(__name__)

LINE_MAX_ATTEMPTS = 10
CHANNEL_FIELDS = ["name", "description", "comments_allowed", "line_group", "is_active"]


@transaction.atomic
def channels_open_from_plan(*, authority, plan) -> int:
    """Open a channel for each of the plan's topic channels not opened yet (by key); the
    number opened. Safe to run again."""
    known = set(Channel.objects.filter(authority=authority).values_list("key", flat=True))
    opened = 0
    for topic in plan.topic_channels if plan else []:
        if topic.key in known:
            continue
        Channel.objects.create(
            authority=authority, key=topic.key, name=topic.name, source=topic.source
        )
        opened += 1
    return opened


@transaction.atomic
def channel_update(*, channel: Channel, data: dict, expected_version: int) -> Channel:
    for name in CHANNEL_FIELDS:
        if name in data:
            setattr(channel, name, data[name])
    save_versioned(channel, expected_version=expected_version, fields=CHANNEL_FIELDS)
    return channel


@transaction.atomic
def membership_join(*, channel: Channel, user) -> ChannelMembership:
    membership, _created = ChannelMembership.objects.get_or_create(channel=channel, user=user)
    return membership


@transaction.atomic
def membership_leave(*, channel: Channel, user) -> None:
    """Leaving leaves no trace: the membership row is deleted."""
    ChannelMembership.objects.filter(channel=channel, user=user).delete()


@transaction.atomic
def membership_set_digest(*, channel: Channel, user, digest: bool) -> None:
    ChannelMembership.objects.filter(channel=channel, user=user).update(digest=digest)


@transaction.atomic
def post_publish(*, channel: Channel, author, title: str, body: str, link: str = "") -> ChannelPost:
    """A post, shown at once; queued for LINE when the channel names a group and the
    operator set a token (`channels_line_send` delivers it)."""
    return ChannelPost.objects.create(
        channel=channel,
        author=author,
        title=title,
        body=body,
        link=link,
        line_pending=bool(channel.line_group) and line.enabled(),
    )


@transaction.atomic
def comment_add(*, post: ChannelPost, author, body: str) -> ChannelComment:
    """A member's comment, shown once a moderator approves it."""
    if not post.channel.comments_allowed:
        raise Refused("comments_closed", _("This channel does not take comments."))
    if not ChannelMembership.objects.filter(channel=post.channel, user=author).exists():
        raise Refused("not_a_member", _("Join the channel to comment on its posts."))
    return ChannelComment.objects.create(post=post, author=author, body=body)


@transaction.atomic
def comment_moderate(*, comment: ChannelComment, approve: bool) -> ChannelComment:
    updated = ChannelComment.objects.filter(
        pk=comment.pk, status=ChannelComment.Status.PENDING
    ).update(
        status=ChannelComment.Status.APPROVED if approve else ChannelComment.Status.REJECTED,
        moderated_at=timezone.now(),
    )
    if not updated:
        raise Refused(
            "already_moderated", _("Another moderator has already decided on this comment.")
        )
    comment.refresh_from_db()
    return comment


def post_link(post: ChannelPost) -> str:
    return absolute_link(reverse("resources:channels_detail", args=[post.channel_id])) + (
        f"#post-{post.pk}"
    )


def digest_send(*, now: datetime) -> int:
    """Mail each member who wants the digest the titles and links of the posts of his or
    her channels since the last digest (or since joining); the number of people sent one.
    Safe to run twice: a membership's mark moves with its digest, in one transaction."""
    memberships = (
        ChannelMembership.objects.filter(digest=True, channel__is_active=True)
        .select_related("channel", "user")
        .order_by("user_id", "channel_id")
    )
    by_user: dict = defaultdict(list)
    for membership in memberships:
        by_user[membership.user].append(membership)
    sent = 0
    for user, mine in by_user.items():
        with transaction.atomic():
            items = []
            for membership in mine:
                since = membership.digest_sent_until or membership.joined_at
                posts = ChannelPost.objects.filter(
                    channel=membership.channel, published_at__gt=since, published_at__lte=now
                ).order_by("published_at", "pk")
                items += [f"【{membership.channel.name}】{p.title}\n{post_link(p)}" for p in posts]
            ChannelMembership.objects.filter(pk__in=[m.pk for m in mine]).update(
                digest_sent_until=now
            )
            if not items:
                continue
            # Sensitive: which channels a person joined is his or hers alone; the inbox
            # item expires and the mail is not kept once sent.
            notify(
                recipients=[user],
                template="channels_digest",
                context={"posts": "\n\n".join(items), "count": len(items)},
                url=reverse("resources:channels_list"),
                sensitive=True,
            )
            sent += 1
    return sent


def line_send_pending(*, now: datetime) -> tuple[int, int]:
    """Deliver the posts waiting for LINE; (sent, failed). A post that fails is tried at
    the next run, up to LINE_MAX_ATTEMPTS times, with the same retry key."""
    if not line.enabled():
        return 0, 0
    sent = failed = 0
    pending = ChannelPost.objects.filter(
        Q(line_pending=True), line_attempts__lt=LINE_MAX_ATTEMPTS, published_at__lte=now
    ).select_related("channel")
    for post in pending:
        message = line.LineMessage(
            channel_name=post.channel.name, title=post.title, link=post_link(post)
        )
        try:
            line.push(
                group_id=post.channel.line_group,
                message=message,
                retry_key=str(post.line_retry_key),
            )
        except line.LineError as error:
            failed += 1
            attempts = post.line_attempts + 1
            ChannelPost.objects.filter(pk=post.pk).update(
                line_attempts=attempts,
                line_pending=error.retry and attempts < LINE_MAX_ATTEMPTS,
            )
            logger.warning("LINE delivery of post %s failed: %s", post.pk, error)
        else:
            sent += 1
            ChannelPost.objects.filter(pk=post.pk).update(
                line_pending=False,
                line_sent_at=timezone.now(),
                line_attempts=post.line_attempts + 1,
            )
    return sent, failed
