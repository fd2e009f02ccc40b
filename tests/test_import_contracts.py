"""The import contracts (pyproject.toml) and docs/architecture.md change together, and no
contract excuses an import (decision 0032). `make lint` runs the contracts themselves."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _contracts() -> list[dict]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def test_every_contract_is_in_the_architecture_document_and_only_those():
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split("\n## The contracts\n", 1)[1].split("\n#", 1)[0]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))
    assert documented == {contract["id"] for contract in _contracts()}


def test_no_contract_excuses_an_import():
    # A broken contract is fixed in the code, never by an allow-list.
    assert [c["id"] for c in _contracts() if c.get("ignore_imports")] == []
