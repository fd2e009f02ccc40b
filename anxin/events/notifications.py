"""The events' kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "event_invitation",
    purpose=(
        "An event's audience matched the person (context: title, empty for an event "
        "over self-declared attributes; starts, the first day); never says why. "
        "Events app."
    ),
    needs=("title", "starts"),
)

notification_kind(
    "event_promoted",
    purpose=(
        "A place freed and the person moved up from the waiting list (context: "
        "title, empty for a sensitive event; starts). Events app."
    ),
    needs=("title", "starts"),
)

notification_kind(
    "event_cancelled",
    purpose=(
        "The organiser cancelled an event the person registered for, waited for or "
        "applied to (context: title and reason, both empty for a sensitive event; "
        "starts)."
    ),
    needs=("title", "starts", "reason"),
)

notification_kind(
    "event_lottery_drawn",
    purpose=(
        "The lottery of an event was drawn (context: title, empty for a sensitive "
        "event; starts; won, 1 for a place, 0 for the waiting list). Events app."
    ),
    needs=("title", "starts", "won"),
)
