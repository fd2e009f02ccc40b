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

notification_kind(
    "governance_minutes_to_approve",
    purpose=(
        "The secretariat submitted a meeting's minutes to the body's convener for approval "
        "(context: meeting, its title; body, the body's name). Governance app."
    ),
    needs=("meeting", "body"),
)

notification_kind(
    "governance_minutes_answered",
    purpose=(
        "The convener approved or returned the minutes the person submitted (context: "
        "meeting, its title; outcome, approved or returned; comment, the convener's "
        "comment on returning). Never clinical: case codes are refused. Governance app."
    ),
    needs=("meeting", "outcome", "comment"),
)

notification_kind(
    "governance_term_ending",
    purpose=(
        "The person's term on a governance body ends within 60 days (context: body, its "
        "name; term_end, the last day). Governance app."
    ),
    needs=("body", "term_end"),
)
