"""The self-tests' kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "self_test_reminder",
    purpose=(
        "The plan's self-test cadence has passed since the employee's last "
        "self-test or reminder (context: months, the cadence); templates in the "
        "assessments app."
    ),
    needs=("months",),
)
