"""Topic channels' pages: the employee's (channels, joining, posts, comments) and the
moderators' (posting, comments to moderate, member counts; never who joined)."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.kanon import group_display
from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.people.roles import role_required, scope_of
from anxin.plans.services import k_of, plan_for_authority
from anxin.resources.channels import services
from anxin.resources.channels.forms import (
    ChannelForm,
    CommentForm,
    DigestForm,
    ModerationForm,
    PostForm,
)
from anxin.resources.channels.models import ChannelComment, ChannelMembership
from anxin.resources.channels.policies import (
    KEEPERS,
    MODERATORS,
    READERS,
    channels_for_employee,
    get_channel_for_employee,
    get_channel_for_moderator,
    get_comment_for_moderator,
    get_post_for_employee,
    moderated_channels,
    pending_comments,
)

POSTS_SHOWN = 30


@require_GET
@role_required(*READERS)
def channels_list(request: HttpRequest) -> HttpResponse:
    channels = list(channels_for_employee(request))
    digests = dict(
        ChannelMembership.objects.filter(user=request.user).values_list("channel_id", "digest")
    )
    rows = [(channel, digests.get(channel.pk, False)) for channel in channels]
    return render(request, "resources/channels/list.html", {"rows": rows})


@require_POST
@role_required(*READERS)
def channels_join(request: HttpRequest, channel_pk: int) -> HttpResponse:
    channel = get_channel_for_employee(request, channel_pk)
    services.membership_join(channel=channel, user=request.user)
    messages.success(request, _("You joined the channel. Nobody else can see that you did."))
    return redirect("resources:channels_detail", channel.pk)


@require_POST
@role_required(*READERS)
def channels_leave(request: HttpRequest, channel_pk: int) -> HttpResponse:
    channel = get_channel_for_employee(request, channel_pk)
    services.membership_leave(channel=channel, user=request.user)
    messages.success(request, _("You left the channel."))
    return redirect("resources:channels_list")


@require_POST
@role_required(*READERS)
def channels_digest(request: HttpRequest, channel_pk: int) -> HttpResponse:
    channel = get_channel_for_employee(request, channel_pk)
    form = DigestForm(request.POST)
    form.is_valid()
    digest = form.cleaned_data.get("digest", False)
    services.membership_set_digest(channel=channel, user=request.user, digest=digest)
    messages.success(
        request,
        _("You will get the weekly digest by e-mail.") if digest else _("The digest is stopped."),
    )
    return redirect("resources:channels_list")


def _posts(channel):
    approved = ChannelComment.objects.filter(status=ChannelComment.Status.APPROVED)
    return channel.posts.prefetch_related(Prefetch("comments", queryset=approved))[:POSTS_SHOWN]


@require_GET
@role_required(*READERS)
def channels_detail(request: HttpRequest, channel_pk: int) -> HttpResponse:
    channel = get_channel_for_employee(request, channel_pk)
    return render(
        request,
        "resources/channels/detail.html",
        {"channel": channel, "posts": _posts(channel), "comment_form": CommentForm()},
    )


@require_POST
@role_required(*READERS)
def channels_comment(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = get_post_for_employee(request, post_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(post=post, author=request.user, body=form.cleaned_data["body"])
        except Refused as refused:
            show_refusal(request, refused, form=form, field="body")
        else:
            messages.success(
                request, _("Thank you: your comment is shown once a moderator approves it.")
            )
            return redirect("resources:channels_detail", post.channel_id)
    channel = get_channel_for_employee(request, post.channel_id)
    return render(
        request,
        "resources/channels/detail.html",
        {
            "channel": channel,
            "posts": _posts(channel),
            "comment_form": form,
            "comment_post": post.pk,
        },
    )


# --- moderators -------------------------------------------------------------------------


@require_GET
@role_required(*MODERATORS)
def channels_manage(request: HttpRequest) -> HttpResponse:
    k = k_of(plan_for_authority(scope_of(request).root_id))
    channels = moderated_channels(request).annotate(
        members=Count("memberships", distinct=True), post_count=Count("posts", distinct=True)
    )
    rows = [(channel, group_display(channel.members, channel.members, k=k)) for channel in channels]
    plan = plan_for_authority(scope_of(request).root_id)
    return render(
        request,
        "resources/channels/manage.html",
        {
            "rows": rows,
            "pending": pending_comments(request).count(),
            "can_keep": request.active_role.role in KEEPERS,
            "plan_channels": len(plan.topic_channels) if plan else 0,
        },
    )


@require_POST
@role_required(*KEEPERS)
def channels_open(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    opened = services.channels_open_from_plan(
        authority=scope.authority(), plan=plan_for_authority(scope.root_id)
    )
    messages.success(request, _("%(count)s channel(s) of the plan opened.") % {"count": opened})
    return redirect("resources:channels_manage")


@require_http_methods(["GET", "POST"])
@role_required(*KEEPERS)
def channels_edit(request: HttpRequest, channel_pk: int) -> HttpResponse:
    channel = get_channel_for_moderator(request, channel_pk)
    form = ChannelForm(request.POST or None, instance=channel, initial={"version": channel.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_update(
                channel=channel,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"] or 0,
            )
        except StaleEdit as stale:
            show_refusal(request, stale, form=form)
        else:
            messages.success(request, _("The channel is saved."))
            return redirect("resources:channels_manage")
    return render(
        request, "resources/channels/channel_form.html", {"form": form, "channel": channel}
    )


@require_http_methods(["GET", "POST"])
@role_required(*MODERATORS)
def channels_post_new(request: HttpRequest, channel_pk: int) -> HttpResponse:
    channel = get_channel_for_moderator(request, channel_pk)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_publish(channel=channel, author=request.user, **form.cleaned_data)
        messages.success(request, _("The post is published in the channel."))
        return redirect("resources:channels_manage")
    return render(request, "resources/channels/post_form.html", {"form": form, "channel": channel})


@require_GET
@role_required(*MODERATORS)
def channels_moderation(request: HttpRequest) -> HttpResponse:
    comments = pending_comments(request).select_related("post__channel")
    return render(request, "resources/channels/moderation.html", {"comments": comments})


@require_POST
@role_required(*MODERATORS)
def channels_moderate(request: HttpRequest, comment_pk: int) -> HttpResponse:
    comment = get_comment_for_moderator(request, comment_pk)
    form = ModerationForm(request.POST)
    form.is_valid()
    try:
        services.comment_moderate(comment=comment, approve=form.cleaned_data.get("approve", False))
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The comment is moderated."))
    return redirect("resources:channels_moderation")
