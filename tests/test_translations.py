"""The interface speaks Traditional Chinese first: every app's catalogue is complete."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "anxin"
# Every app of the project (a folder of anxin/ with an AppConfig), so a new app is held to
# the same rule the day it is added.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


@pytest.mark.parametrize("app", APPS)
def test_it_has_a_complete_zh_hant_catalogue(app):
    po = ROOT / app / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} is missing"
    assert shutil.which("msgfmt"), "gettext's msgfmt is needed (make installs it)"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert "translated message" in result.stderr


@pytest.mark.parametrize("app", APPS)
def test_the_catalogue_covers_every_marked_string(app, tmp_path):
    """makemessages on a copy of the app finds no string the catalogue lacks, so a string
    marked in code or a template but never translated fails here."""
    copy = tmp_path / app
    shutil.copytree(ROOT / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    django_admin = Path(sys.executable).parent / "django-admin"
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "zh_Hant", "--no-location", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    po = copy / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr.replace("fuzzy translation", "fuzzy"), result.stderr


def test_every_translatable_string_is_in_a_catalogue():
    """A string marked for translation but missing from the catalogue shows in English."""
    from django.utils import translation

    with translation.override("zh-hant"):
        assert translation.gettext("Sign in") == "登入"
        assert translation.gettext("Who read my file") != "Who read my file"


def test_a_string_means_the_same_in_every_catalogue():
    """Django merges the apps' catalogues into one, so the same msgid (and context) in two
    apps shows one app's wording on the other's pages. A string whose meaning differs by
    place carries a context (pgettext); otherwise every catalogue translates it alike."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    clashes = []
    for app in APPS:
        po = ROOT / app / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
        for block in po.read_text(encoding="utf-8").split("\n\n"):
            fields = {}
            for line in block.splitlines():
                for name in ("msgctxt", "msgid", "msgstr"):
                    if line.startswith(f'{name} "'):
                        fields[name] = line[len(name) + 2 : -1]
            if not fields.get("msgid") or "msgstr" not in fields:
                continue
            key = (fields.get("msgctxt", ""), fields["msgid"])
            if key in seen and seen[key][1] != fields["msgstr"]:
                clashes.append(f"{key}: {seen[key]} vs {(app, fields['msgstr'])}")
            seen.setdefault(key, (app, fields["msgstr"]))
    assert not clashes, "\n".join(clashes)
