"""The home-card registry: each app declares what its roles' home pages show in its own
`home.py`; the shell's page of each role renders them. The kernel knows neither the apps
nor the roles (a role is a key, the active role an object with a `role` key).

    @home_card("scope_figures", roles=[Role.HR], template="people/home/_scope_figures.html")
    def scope_figures(request, role) -> dict:
        return {"figures": ...}

A card returns the context its template (or the role's page) reads. A card with a
template is rendered among the page's cards, in weight order; one without gives only
context to the role's own page. Each card runs a fixed number of queries, whatever the
size of the organisation (tested on the home pages).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.http import HttpRequest
from django.utils.module_loading import autodiscover_modules

from anxin.core.models import AccessLog, Notification


@dataclass(frozen=True)
class HomeCard:
    name: str
    func: Callable[..., dict]
    roles: frozenset[str] | None  # None: every role
    template: str = ""
    weight: int = 100

    def is_for(self, role: str) -> bool:
        return self.roles is None or role in self.roles


class HomeRegistry:
    def __init__(self) -> None:
        self.cards: dict[str, HomeCard] = {}

    def card(
        self,
        name: str,
        *,
        roles: Iterable[str] | None = None,
        template: str = "",
        weight: int = 100,
    ) -> Callable:
        """Register the decorated `func(request, role) -> dict` for the home pages of
        `roles` (every role when None)."""
        roles = None if roles is None else frozenset(str(role) for role in roles)

        def decorator(func: Callable) -> Callable:
            card = HomeCard(name, func, roles, template, weight)
            known = self.cards.get(name)
            if known is not None and known != card:
                raise ValueError(f"a home card named {name!r} is registered already")
            self.cards[name] = card
            return func

        return decorator

    def cards_for(self, role: str) -> list[HomeCard]:
        mine = [card for card in self.cards.values() if card.is_for(str(role))]
        return sorted(mine, key=lambda card: (card.weight, card.name))

    def context_for(self, request: HttpRequest, role) -> dict:
        """The home page's context: the active role, each card's context, and `cards`,
        the templates of the cards to render in order."""
        context: dict = {"role": role}
        cards = self.cards_for(role.role)
        for card in cards:
            data = card.func(request, role)
            if clash := set(data) & (set(context) | {"cards"}):
                raise ValueError(f"home card {card.name!r} sets {sorted(clash)} again")
            context.update(data)
        context["cards"] = [card.template for card in cards if card.template]
        return context


registry = HomeRegistry()
home_card = registry.card


def home_context(request: HttpRequest, role) -> dict:
    """The context of `role`'s home page, from the declarations of every installed app."""
    _discover()
    return registry.context_for(request, role)


# --- the kernel's own cards -----------------------------------------------------------


@home_card("unread")
def unread(request: HttpRequest, role) -> dict:
    """The newest unread messages, on every home page."""
    notes = Notification.objects.filter(recipient=request.user, read_at__isnull=True)[:5]
    return {"unread": notes}


def access_log_figures(request: HttpRequest, role) -> dict:
    """The access log's size and its refused and unreadable reads; the shell shows them
    to the roles that audit."""
    return {
        "log_rows": AccessLog.objects.count(),
        "denied": AccessLog.objects.filter(outcome=AccessLog.Outcome.DENIED).count(),
        "unreadable": AccessLog.objects.filter(outcome=AccessLog.Outcome.UNREADABLE).count(),
    }


@cache
def _discover() -> None:
    """Import every installed app's `home.py` once (an app not having one costs a failed
    import each time, too much for every page)."""
    autodiscover_modules("home")
