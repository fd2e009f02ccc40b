"""The custody desk's kinds of notification (anxin/core/notifications.py; decision 0017)."""

from anxin.core.notifications import notification_kind

notification_kind(
    "custody_requested",
    purpose=(
        "A reset of an account or a role grant was asked for (context: what, "
        "account, requester, audience: 'approver' to those who may approve, "
        "'holder' to the account holder, who did not necessarily ask). People app, "
        "decision 0017."
    ),
    needs=("what", "account", "requester", "audience"),
)

notification_kind(
    "custody_decided",
    purpose=(
        "A reset or grant was approved or refused (context: what, account, "
        "requester, approver, approved 1/0, audience 'holder' or 'staff'). Never "
        "the link itself."
    ),
    needs=("what", "account", "requester", "approver", "approved", "audience"),
)

notification_kind(
    "custody_reset_link",
    purpose=(
        "The holder's one-time link to set a new password and authenticator "
        "(context: account, expires). Sent once, directly, never through notify() "
        "or the outbox, so that the token is stored nowhere. People app."
    ),
    needs=("account", "expires"),
)

notification_kind(
    "custody_done",
    purpose=(
        "The holder used the link: new password and authenticator set, old sessions "
        "ended (context: what, account, requester, audience). To the holder and the "
        "auditors."
    ),
    needs=("what", "account", "requester", "audience"),
)
