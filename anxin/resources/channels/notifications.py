"""Channels: notifications declarations."""

from anxin.core.notifications import notification_kind

notification_kind(
    "channels_digest",
    purpose=(
        "The titles and links of the new posts of the channels a person joined (posts: "
        "text, one post a paragraph). Resources app, channels."
    ),
    needs=("posts", "count"),
)
