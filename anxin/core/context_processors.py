from django.urls import reverse

from anxin.core.menu import MENUS, Group
from anxin.core.models import Notification
from anxin.people.roles import needs_second_factor

# FACTS.md "Crisis lines"; a plan may add its own (plans.ProgramPlan.crisis_lines).
DEFAULT_CRISIS_LINES = [
    {"number": "1925", "name": "安心專線", "hours": "24h"},
    {"number": "1995", "name": "生命線", "hours": ""},
    {"number": "1980", "name": "張老師", "hours": ""},
    {"number": "113", "name": "保護專線", "hours": "24h"},
]


def _menu(request) -> list[dict]:
    """The active role's menu: {label, url, current} entries, and for a group {label,
    children, current} with its entries as children."""
    role = getattr(request, "active_role", None)
    if role is None or not _second_factor_passed(request):
        return []

    def entry(label, name) -> dict:
        url = reverse(name)
        return {"label": label, "url": url, "current": request.path == url}

    items = []
    for item in MENUS.get(role.role, []):
        if isinstance(item, Group):
            children = [entry(*child) for child in item.items]
            current = any(child["current"] for child in children)
            items.append({"label": item.label, "children": children, "current": current})
        else:
            items.append(entry(*item))
    return items


def _second_factor_passed(request) -> bool:
    user = request.user
    return user.is_verified() or not needs_second_factor(user, request.roles)


def _crisis_lines(request) -> list[dict]:
    from anxin.plans.services import crisis_lines_for

    return crisis_lines_for(getattr(request, "employee", None)) or DEFAULT_CRISIS_LINES


def anxin(request) -> dict:
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {
        "anxin_menu": _menu(request),
        "anxin_unread": unread,
        "anxin_crisis_lines": _crisis_lines(request),
    }
