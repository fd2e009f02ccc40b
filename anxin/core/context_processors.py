from anxin.core.models import Notification


def anxin(request) -> dict:
    """The signed-in person's count of unread messages, shown on every page."""
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {"anxin_unread": unread}
