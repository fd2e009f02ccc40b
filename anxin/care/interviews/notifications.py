"""Interviews: their kinds of notification (anxin/core/notifications.py). None carries
an answer or a theme."""

from anxin.core.notifications import notification_kind

notification_kind(
    "interview_due_room",
    purpose=(
        "An interview with an agency's personnel head is due soon; the interviewer and the "
        "intake coordinators of the agency are told (context: due, agency). Care app, "
        "interviews."
    ),
    needs=("due", "agency"),
)
notification_kind(
    "interview_due_head",
    purpose=(
        "The counselling room's interview with the personnel head is due soon; the head "
        "is told if the room named him or her and he or she has an account (context: due)."
    ),
    needs=("due",),
)
