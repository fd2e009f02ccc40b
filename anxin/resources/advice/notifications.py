"""Advice: its kinds of notification (anxin/core/notifications.py). Neither carries the
topic, the adviser's name or the reason for a cancellation."""

from anxin.core.notifications import notification_kind

notification_kind(
    "advice_reminder",
    purpose=(
        "The day before a booked advice time, to the employee who booked it (context: "
        "service, day, time, place); never the topic. Resources app, advice."
    ),
    needs=("service", "day", "time", "place"),
)

notification_kind(
    "advice_cancelled",
    purpose=(
        "The adviser cancelled a booked advice time, to the employee who booked it "
        "(context: service, day, time, place); the reason is read in Anxin, never the "
        "topic. Resources app, advice."
    ),
    needs=("service", "day", "time", "place"),
)

notification_kind(
    "advice_day_closed",
    purpose=(
        "The EAP administrator or the adviser closed a day of an advice service; to each "
        "employee whose booked time on it is cancelled (context: service, day, time, "
        "place); neither the topic nor the reason for closing. Resources app, advice."
    ),
    needs=("service", "day", "time", "place"),
)
