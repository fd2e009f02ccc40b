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


def _cycles(graph) -> list[set[str]]:
    """The groups of modules that import each other, directly or through others
    (Tarjan's strongly connected components over every import grimp sees, late imports
    and `if TYPE_CHECKING:` ones included)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others():
    import sys

    import grimp

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    assert _cycles(grimp.build_graph("anxin", cache_dir=None)) == []


def test_the_cycle_finder_finds_a_cycle():
    class Graph:
        modules = {"a", "b", "c"}
        edges = {"a": {"b"}, "b": {"a"}, "c": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert _cycles(Graph()) == [{"a", "b"}]


LATE_IMPORT_REASONS = ("cycle", "not a cycle")


def test_every_late_import_says_why():
    """An import inside a function names the cycle it breaks, or why it is late (an app's
    ready(), a library too costly to load with the URLs: decision 0033) in a comment
    just above it or on its line."""
    import ast

    silent = []
    for path in sorted((ROOT / "anxin").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = path.read_text().splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if node.name == "ready":  # an AppConfig's: Django's place for late imports
                continue
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Import | ast.ImportFrom):
                    continue
                above = lines[max(0, inner.lineno - 5) : inner.lineno]
                comments = " ".join(line.split("#", 1)[1] for line in above if "#" in line)
                if not any(reason in comments.lower() for reason in LATE_IMPORT_REASONS):
                    silent.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert silent == []
