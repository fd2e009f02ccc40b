"""The menu registry: each app declares its pages in its own `menu.py`, the shell lays
them out per role. The kernel knows neither the apps nor the roles (a role is a key).

An app declares an entry once, with the roles that see it:

    menu_entry("events:mine", _("Events and trainings"), roles=[Role.EMPLOYEE])

and may add a default group key and a weight, used when the shell's layout for a role
does not name the entry (a new app's pages): such an entry joins the layout's group of
that key, or else the layout's `MORE` place, in weight order.

The shell (`anxin/front/menu.py`) lays out each role with `menu_layout(role, items)`:
URL names, `Group`s of URL names, and `MORE`. An entry shows for a role only when it
declares that role, so that a menu never offers a page its role may not open. A group
keyed `USER` is the person's own drop-down (sign-in security, role switch, sign out) at
the end of the bar, not a menu of pages; the base template places it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

# Where, in a role's layout, the entries that the layout does not name go.
MORE = "*"
# The key of the group that the base template shows as the person's own drop-down.
USER = "user"


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str
    roles: frozenset[str] | None  # None: every role
    group: str = ""
    weight: int = 100

    def is_for(self, role: str) -> bool:
        return self.roles is None or role in self.roles


@dataclass(frozen=True)
class Group:
    """A drop-down of the menu bar: its key (which entries may name), its label, the URL
    names it holds first, in order, and the other group keys whose entries it gathers
    (one drop-down can hold the pages of several apps for a role with a short bar)."""

    key: str
    label: str
    items: tuple[str, ...] = ()
    gathers: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset((self.key, *self.gathers))


@dataclass(frozen=True)
class MenuItem:
    """One item of a role's resolved menu: an entry, or a group with its entries."""

    label: str
    url_name: str = ""
    children: tuple[MenuEntry, ...] = ()
    key: str = ""  # a group's key


class MenuRegistry:
    def __init__(self) -> None:
        self.entries: dict[str, MenuEntry] = {}
        self.layouts: dict[str, tuple[str | Group, ...]] = {}

    def entry(
        self,
        url_name: str,
        label: str,
        *,
        roles: Iterable[str] | None = None,
        group: str = "",
        weight: int = 100,
    ) -> MenuEntry:
        roles = None if roles is None else frozenset(str(role) for role in roles)
        entry = MenuEntry(url_name, label, roles, group, weight)
        known = self.entries.get(url_name)
        if known is not None and known != entry:
            raise ValueError(f"a menu entry for {url_name!r} is declared already")
        self.entries[url_name] = entry
        return entry

    def layout(self, role: str, items: Iterable[str | Group]) -> None:
        self.layouts[str(role)] = tuple(items)

    def menu_for(self, role: str) -> list[MenuItem]:
        """The role's menu in the order shown; entries of uninstalled apps drop out, and
        a group left empty with them."""
        role = str(role)
        layout = self.layouts.get(role, (MORE,))
        mine = {name: e for name, e in self.entries.items() if e.is_for(role)}
        placed = {item for item in layout if isinstance(item, str)}
        placed |= {name for item in layout if isinstance(item, Group) for name in item.items}
        group_keys = set().union(*(item.keys for item in layout if isinstance(item, Group)))
        unplaced = sorted(
            (e for name, e in mine.items() if name not in placed),
            key=lambda e: (e.weight, e.url_name),
        )
        menu = []
        for item in layout:
            if isinstance(item, Group):
                children = [mine[name] for name in item.items if name in mine]
                children += [e for e in unplaced if e.group in item.keys]
                if children:
                    menu.append(MenuItem(item.label, children=tuple(children), key=item.key))
            elif item == MORE:
                menu += [
                    MenuItem(e.label, e.url_name) for e in unplaced if e.group not in group_keys
                ]
            elif item in mine:
                menu.append(MenuItem(mine[item].label, item))
        return menu


registry = MenuRegistry()
menu_entry = registry.entry
menu_layout = registry.layout


def menu_for(role: str) -> list[MenuItem]:
    """The menu of a role, from the declarations of every installed app."""
    _discover()
    return registry.menu_for(role)


# --- the kernel's own pages -----------------------------------------------------------

menu_entry("inbox", _("Inbox"), weight=900)


@cache
def _discover() -> None:
    """Import every installed app's `menu.py` once (an app not having one costs a failed
    import each time, too much for every page)."""
    autodiscover_modules("menu")
