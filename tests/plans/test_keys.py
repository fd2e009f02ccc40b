"""No plan setting is silently inert: every key a preset carries is read through an
accessor that an app uses, or shown on the plan page as text (anxin/plans/keys.py)."""

import re
from pathlib import Path

from django.test import SimpleTestCase

from anxin.plans import keys
from anxin.plans.loader import preset_slugs, read_preset
from anxin.plans.models import ProgramPlan

ANXIN = Path(__file__).resolve().parents[2] / "anxin"
# Where an accessor is defined or only displayed, not acted on.
NOT_A_READER = ("plans/models.py", "plans/keys.py", "plans/config/", "plans/templates/")
COLUMNS = {"slug", "name", "authority", "period_start", "period_end", "k_threshold"}


def app_sources() -> str:
    texts = []
    for path in sorted(ANXIN.rglob("*")):
        relative = path.relative_to(ANXIN).as_posix()
        if path.suffix not in (".py", ".html") or "migrations/" in relative:
            continue
        if relative.startswith(NOT_A_READER):
            continue
        texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


class PresetKeysTestCase(SimpleTestCase):
    def test_every_key_of_every_preset_is_read_or_shown(self):
        for slug in preset_slugs():
            data = read_preset(slug).data
            with self.subTest(slug=slug):
                inert = sorted(
                    ".".join(path) for path in keys.key_paths(data) if not keys.covered(path)
                )
                self.assertEqual(inert, [], "neither read through an accessor nor shown")

    def test_a_key_is_read_or_shown_not_both(self):
        shown = set(keys.SHOWN) | set(keys.NOT_YET)
        self.assertEqual(set(keys.READ) & shown, set())

    def test_every_accessor_exists_and_an_app_uses_it(self):
        sources = app_sources()
        for key, accessor in keys.READ.items():
            with self.subTest(key=key):
                self.assertTrue(hasattr(ProgramPlan, accessor), accessor)
                if accessor not in COLUMNS:
                    self.assertRegex(sources, rf"\.{re.escape(accessor)}\b")

    def test_an_uncovered_key_is_caught(self):
        self.assertFalse(keys.covered(("overtime_care_typo",)))
        self.assertFalse(keys.covered(("counselling_quota", "hours_per_month")))
        self.assertTrue(keys.covered(("channels", "schedule", "weekdays")))
        self.assertTrue(keys.covered(("retention", "source")))
