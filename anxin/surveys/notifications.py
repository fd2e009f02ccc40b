"""The surveys' kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "survey_invitation",
    purpose=(
        "A survey's answering window opened for the person (context: title, empty "
        "after counselling or a sensitive event; closes, the last day). Surveys "
        "app."
    ),
    needs=("title", "closes"),
)

notification_kind(
    "survey_reminder",
    purpose=(
        "The one reminder before a survey closes, to those who have not answered "
        "(context: title, empty as for the invitation; closes). Surveys app."
    ),
    needs=("title", "closes"),
)
