"""Authorization-matrix rows of the topic channels (tests/test_authorization_matrix.py).

Employees read and join; moderators (eap_admin, hr, counsellors) post and moderate and
see counts; the eap_admin opens the plan's channels and sets their options."""

from anxin.people.roles import Role
from tests.matrix_profiles import EAP_ADMIN, EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES
from tests.resources.channels_base import join, make_channel, make_comment, make_post

MODERATORS = EAP_OFFICE.but({Role.COUNSELOR: "ok"})
CHANNEL = "/resources/channels/{channels_channel}"
MANAGE = "/resources/channels/manage"

ROWS = [
    ("resources:channels_list", "GET", "/resources/channels/", OWN_SERVICES),
    ("resources:channels_list", "POST", "/resources/channels/", NOT_ALLOWED),
    ("resources:channels_detail", "GET", f"{CHANNEL}/", OWN_SERVICES),
    ("resources:channels_detail", "POST", f"{CHANNEL}/", NOT_ALLOWED),
    ("resources:channels_join", "POST", f"{CHANNEL}/join/", OWN_SERVICES),
    ("resources:channels_join", "GET", f"{CHANNEL}/join/", NOT_ALLOWED),
    ("resources:channels_leave", "POST", f"{CHANNEL}/leave/", OWN_SERVICES),
    ("resources:channels_leave", "GET", f"{CHANNEL}/leave/", NOT_ALLOWED),
    ("resources:channels_digest", "POST", f"{CHANNEL}/digest/", OWN_SERVICES),
    ("resources:channels_digest", "GET", f"{CHANNEL}/digest/", NOT_ALLOWED),
    # An empty comment answers with its error on the channel's page (200).
    ("resources:channels_comment", "POST",
     "/resources/channels/posts/{channels_post}/comment/", OWN_SERVICES),
    ("resources:channels_comment", "GET",
     "/resources/channels/posts/{channels_post}/comment/", NOT_ALLOWED),
    ("resources:channels_manage", "GET", f"{MANAGE}/", MODERATORS),
    ("resources:channels_manage", "POST", f"{MANAGE}/", NOT_ALLOWED),
    ("resources:channels_open", "POST", f"{MANAGE}/open/", EAP_ADMIN),
    ("resources:channels_open", "GET", f"{MANAGE}/open/", NOT_ALLOWED),
    ("resources:channels_edit", "GET", f"{MANAGE}/{{channels_channel}}/", EAP_ADMIN),
    ("resources:channels_edit", "POST", f"{MANAGE}/{{channels_channel}}/", EAP_ADMIN),
    ("resources:channels_post_new", "GET", f"{MANAGE}/{{channels_channel}}/post/", MODERATORS),
    # An empty post answers with its errors (200): nothing is published.
    ("resources:channels_post_new", "POST", f"{MANAGE}/{{channels_channel}}/post/", MODERATORS),
    ("resources:channels_moderation", "GET", f"{MANAGE}/comments/", MODERATORS),
    ("resources:channels_moderation", "POST", f"{MANAGE}/comments/", NOT_ALLOWED),
    # The first moderator decides; the others are told it is decided (a redirect).
    ("resources:channels_moderate", "POST",
     f"{MANAGE}/comments/{{channels_comment}}/", MODERATORS),
    ("resources:channels_moderate", "GET",
     f"{MANAGE}/comments/{{channels_comment}}/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(cls) -> dict:
    channel = make_channel(cls.authority, key="matrix", comments_allowed=True)
    post = make_post(channel, cls.people[Role.EAP_ADMIN])
    member = cls.people[Role.EMPLOYEE]
    join(channel, member)
    return {
        "channels_channel": channel.pk,
        "channels_post": post.pk,
        "channels_comment": make_comment(post, member).pk,
    }
