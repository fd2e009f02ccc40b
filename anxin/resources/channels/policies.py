"""Who sees what of the topic channels (DESIGN.md invariant 10).

- An employee sees the open channels of his or her authority, their posts and approved
  comments, and his or her own memberships: never anyone else's.
- Moderators (eap_admin, hr, counsellors; the channels of the authority their scope lies
  in) post, moderate comments and see how many people joined, k-suppressed: never who.
  Comments reach them without their author.
- The eap_admin opens the plan's channels and sets a channel's options.
Anything else answers 404.
"""

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest

from anxin.people.roles import Role, scope_of
from anxin.resources.channels.models import (
    Channel,
    ChannelComment,
    ChannelMembership,
    ChannelPost,
)

READERS = (Role.EMPLOYEE,)
MODERATORS = (Role.EAP_ADMIN, Role.HR, Role.COUNSELOR)
KEEPERS = (Role.EAP_ADMIN,)


def channels_for_employee(request: HttpRequest):
    """The open channels of the employee's authority, each with `joined` (this person)."""
    mine = ChannelMembership.objects.filter(channel=OuterRef("pk"), user=request.user)
    return Channel.objects.filter(
        authority_id=request.employee.authority_id, is_active=True
    ).annotate(joined=Exists(mine))


def get_channel_for_employee(request: HttpRequest, channel_pk: int) -> Channel:
    channel = channels_for_employee(request).filter(pk=channel_pk).first()
    if channel is None:
        raise Http404
    return channel


def get_post_for_employee(request: HttpRequest, post_pk: int) -> ChannelPost:
    post = (
        ChannelPost.objects.filter(
            pk=post_pk,
            channel__authority_id=request.employee.authority_id,
            channel__is_active=True,
        )
        .select_related("channel")
        .first()
    )
    if post is None:
        raise Http404
    return post


def moderated_channels(request: HttpRequest):
    return Channel.objects.filter(authority_id=scope_of(request).root_id)


def get_channel_for_moderator(request: HttpRequest, channel_pk: int) -> Channel:
    channel = moderated_channels(request).filter(pk=channel_pk).first()
    if channel is None:
        raise Http404
    return channel


def pending_comments(request: HttpRequest):
    return ChannelComment.objects.filter(
        post__channel__authority_id=scope_of(request).root_id,
        status=ChannelComment.Status.PENDING,
    )


def get_comment_for_moderator(request: HttpRequest, comment_pk: int) -> ChannelComment:
    """A comment of the moderator's authority, pending or already decided (a second
    decision is refused with a message, not a 404)."""
    comment = ChannelComment.objects.filter(
        pk=comment_pk, post__channel__authority_id=scope_of(request).root_id
    ).first()
    if comment is None:
        raise Http404
    return comment
