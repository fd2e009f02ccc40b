"""The reports app's kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "dossier_ready",
    purpose=(
        "The year's evaluation dossier is ready for the external reviewers (context: "
        "year, the ROC year); no figure is in the message, only the link to the dossier."
    ),
    needs=("year",),
)
