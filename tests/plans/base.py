"""Helpers for the plans tests: preset text to mutate, and a readers' test case."""

import tempfile
from pathlib import Path

from anxin.plans.loader import preset_path


def preset_text(slug: str) -> str:
    return preset_path(slug).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


class TempFiles:
    """Plan files written to a directory that the test case removes afterwards."""

    def __init__(self, test_case):
        directory = tempfile.TemporaryDirectory()
        test_case.addCleanup(directory.cleanup)
        self.root = Path(directory.name)

    def write(self, name: str, text: str) -> str:
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        return str(path)
