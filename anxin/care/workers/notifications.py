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
