"""Governance's kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "governance_action_due",
    purpose=(
        "An action item the person owns is due soon or overdue (context: text, the "
        "action item; due, its due date; meeting, the meeting's title). Never clinical: "
        "the services refuse case codes in action items. Governance app."
    ),
    needs=("text", "due", "meeting"),
)
