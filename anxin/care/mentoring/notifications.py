"""Mentoring: its kinds of notification (anxin/core/notifications.py). None carries a
talk's note, a topic, or why a pair ended."""

from anxin.core.notifications import notification_kind

notification_kind(
    "mentoring_paired",
    purpose=(
        "hr paired a new hire with a trained mentor; both are told (context: starts, "
        "ends, every: months between talks). Care app, mentoring."
    ),
    needs=("starts", "ends", "every"),
)
notification_kind(
    "mentoring_talk_due",
    purpose="A one-to-one talk of the pair is due soon; both are told (context: due).",
    needs=("due",),
)
notification_kind(
    "mentoring_change_asked",
    purpose=(
        "A new hire asked hr, privately, for another mentor; hr of the agency is told, "
        "without names (the page behind the link shows which pair). The mentor is not."
    ),
)
notification_kind(
    "mentoring_ended",
    purpose="The former mentor is told the pair ended early; never why.",
)
