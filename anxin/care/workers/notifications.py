"""Workers: the kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "care_worker_nominated",
    purpose=(
        "The person's agency nominated him or her as a care worker and asks for consent "
        "(context: agency, the name of the person's unit). Care app, workers."
    ),
    needs=("agency",),
)
notification_kind(
    "care_worker_term_ending",
    purpose=(
        "The care worker's term ends within 60 days; the agency may renew it (context: "
        "day, the term's last day). Sent once per term end. Care app, workers."
    ),
    needs=("day",),
)
notification_kind(
    "care_worker_term_ending_hr",
    purpose=(
        "To hr of the care worker's agency: a care worker's term ends within 60 days, "
        "renew it or look for a successor (context: name, unit, day). Sent once per term "
        "end. Care app, workers."
    ),
    needs=("name", "unit", "day"),
)
notification_kind(
    "care_meeting_invitation",
    purpose=(
        "A care worker in term is invited to the care-worker group's meeting (context: "
        "day, time, place, group: the unit whose group meets). Care app, workers."
    ),
    needs=("day", "time", "place", "group"),
)
notification_kind(
    "care_meeting_cancelled",
    purpose=(
        "The care-worker group's meeting the person was invited to is cancelled "
        "(context: day). Care app, workers."
    ),
    needs=("day",),
)
