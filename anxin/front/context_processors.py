from django.urls import reverse

from anxin.core.menu import USER, menu_for
from anxin.people.roles import Role, needs_second_factor


def menu(request) -> dict:
    """The active role's menu: {label, url, current} entries, and for a group {label,
    children, current} with its entries as children; the person's own drop-down apart
    (`anxin_user_menu`, its entries) and named by the role alone, without its scope
    (`anxin_role_name`). Nothing before the second factor."""
    role = getattr(request, "active_role", None)
    if role is None or not _second_factor_passed(request):
        return {"anxin_menu": [], "anxin_user_menu": [], "anxin_role_name": ""}

    def entry(label, url_name) -> dict:
        url = reverse(url_name)
        return {"label": label, "url": url, "current": request.path == url}

    items, user_menu = [], []
    for item in menu_for(role.role):
        if item.key == USER:
            user_menu = [entry(child.label, child.url_name) for child in item.children]
        elif item.children:
            children = [entry(child.label, child.url_name) for child in item.children]
            current = any(child["current"] for child in children)
            items.append({"label": item.label, "children": children, "current": current})
        else:
            items.append(entry(item.label, item.url_name))
    return {
        "anxin_menu": items,
        "anxin_user_menu": user_menu,
        "anxin_role_name": Role(role.role).label,
    }


def _second_factor_passed(request) -> bool:
    user = request.user
    return user.is_verified() or not needs_second_factor(user, request.roles)
