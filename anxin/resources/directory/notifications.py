"""Directory: its kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "directory_stale",
    purpose=(
        "Some of the owner's directory entries have not been verified in the plan's "
        "period (context: count, how many; since, the day they should have been verified "
        "after). To the entries' owner. Resources app, directory."
    ),
    needs=("count", "since"),
)
