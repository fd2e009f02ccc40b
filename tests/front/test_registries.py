"""The shell finds what each app declares (menu entries, home cards, demo steps) without
naming the app, and the kernel imports no app."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

from anxin.core import demo as demo_registry
from anxin.core import home as home_registry
from anxin.core import menu as menu_registry
from anxin.core.menu import Group, menu_entry, menu_for
from anxin.people.roles import Role
from tests.base import BaseTestCase

ANXIN = Path(__file__).resolve().parent.parent.parent / "anxin"
APPS = ["people", "plans", "counseling", "events", "surveys", "assessments", "front"]
APPS += ["care", "resources", "governance", "reports"]


def labels(menu) -> list[str]:
    return [str(item.label) for item in menu]


class MenuRegistryTestCase(SimpleTestCase):
    def declare(self, url_name, label, **kwargs):
        entry = menu_entry(url_name, label, **kwargs)
        self.addCleanup(menu_registry.registry.entries.pop, url_name)
        return entry

    def test_a_new_apps_entry_appears_before_the_inbox(self):
        """An entry the shell's layout does not name shows at the layout's MORE place."""
        before = labels(menu_for(Role.COMMITTEE))
        self.declare("counseling:apply", "Test page", roles=[Role.COMMITTEE])
        after = labels(menu_for(Role.COMMITTEE))
        inbox = before.index(str(menu_registry.registry.entries["inbox"].label))
        self.assertEqual(after, [*before[:inbox], "Test page", *before[inbox:]])

    def test_a_new_apps_entry_joins_the_group_it_names(self):
        self.declare("counseling:apply", "Test page", roles=[Role.COUNSELOR], group="channels")
        channels = next(item for item in menu_for(Role.COUNSELOR) if item.children)
        self.assertEqual(channels.children[-1].label, "Test page")

    def test_an_entry_shows_only_to_the_roles_it_names(self):
        self.declare("counseling:apply", "Test page", roles=[Role.COUNSELOR])
        self.assertNotIn("Test page", labels(menu_for(Role.COMMITTEE)))

    def test_every_entry_the_shell_places_is_declared_for_that_role(self):
        """A URL name in a role's layout that no app declares for the role (a typo, a
        role left out) would silently drop out of the menu."""
        menu_for(Role.EMPLOYEE)  # discovers every app's menu.py
        entries = menu_registry.registry.entries
        for role, layout in menu_registry.registry.layouts.items():
            names = [item for item in layout if isinstance(item, str)]
            names += [name for item in layout if isinstance(item, Group) for name in item.items]
            for name in names:
                if name == menu_registry.MORE:
                    continue
                with self.subTest(role=role, entry=name):
                    self.assertIn(name, entries)
                    self.assertTrue(entries[name].is_for(role))

    def test_it_refuses_a_second_declaration_of_a_page(self):
        menu_for(Role.EMPLOYEE)
        with self.assertRaises(ValueError):
            menu_entry("inbox", "Another inbox")


class HomeRegistryTestCase(BaseTestCase):
    def test_a_new_apps_card_appears_on_the_roles_home(self):
        self.login(self.counselor)
        self.assertNotContains(self.client.get("/"), 'id="plans-heading"')

        @home_registry.home_card(
            "test_card", roles=[Role.COUNSELOR], template="plans/home/_plans.html"
        )
        def test_card(request, role) -> dict:
            return {"plans": [], "test_figure": 42}

        self.addCleanup(home_registry.registry.cards.pop, "test_card")
        r = self.client.get("/")
        self.assertContains(r, 'id="plans-heading"')
        self.assertEqual(r.context["test_figure"], 42)
        self.login(self.hr)
        self.assertNotIn("test_figure", self.client.get("/").context)


class DemoRegistryTestCase(SimpleTestCase):
    def test_a_new_apps_step_is_listed_in_its_place(self):
        @demo_registry.demo_step(order=55, summary="a test step")
        def test_step(run) -> str:
            return "Test step ran."

        name = f"{__name__}.{test_step.__qualname__}"
        self.addCleanup(demo_registry.registry.steps.pop, name)
        out = StringIO()
        call_command("demo", "--steps", stdout=out)
        lines = out.getvalue().splitlines()
        mine = next(i for i, line in enumerate(lines) if "a test step" in line)
        self.assertIn("events_step", lines[mine - 1])
        self.assertIn("surveys_step", lines[mine + 1])


class KernelTestCase(SimpleTestCase):
    def test_the_kernel_names_no_app(self):
        """Nothing in anxin/core imports an app, at module or function level, or names
        one in a string that could be used to import it."""
        pattern = re.compile(rf"\banxin\.({'|'.join(APPS)})\b")
        found = [
            f"{path.relative_to(ANXIN)}:{number}: {line.strip()}"
            for path in sorted((ANXIN / "core").rglob("*.py"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line)
        ]
        self.assertEqual(found, [])
