"""Outreach's kinds of notification (anxin/core/notifications.py)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "outreach_invitation",
    purpose=(
        "The programme's help offered to one employee after an imported personnel change, "
        "overtime or family-care leave (no context: one text for every reason, so that it "
        "never says why it was sent); links to the employee's own outreach page. Sent "
        "sensitive, to the employee alone. Care network (outreach)."
    ),
)

notification_kind(
    "outreach_care_prompt",
    purpose=(
        "Asks the nearest supervisors or HR officers to look in on a colleague whose "
        "overtime is over the plan's threshold (context: name, unit), only where the "
        "plan's overtime_care.names_to says so. Care network (outreach)."
    ),
    needs=("name", "unit"),
)

notification_kind(
    "outreach_invitation_mail",
    purpose=(
        "The same offer of help by e-mail only, to an employee with no account to reach "
        "(roster-only, or whose account the roster closed) but an address in the roster "
        "(no context: one text for every reason); links to the public page that turns "
        "these messages off for him or her. Care network (outreach)."
    ),
)
