"""One way from validated plan data to typed sections.

Every section of a plan is a frozen dataclass whose fields are named after the plan file's
keys; `build` fills it from a mapping by reading each field's type hint, so that no section
needs its own `from_dict`. The data has passed `schema.yaml` before it is stored, so
`build` converts without checking: lists become tuples (of sections where the hint names
one), mappings are copied, absent keys take the field's default. A field whose key differs
from its name, or sits one level down (`members.min`), says so in its metadata.
"""

from collections.abc import Mapping
from dataclasses import MISSING, field, fields, is_dataclass
from functools import cache
from types import NoneType, UnionType
from typing import Any, Self, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T")


def from_key(*path: str, default: Any = MISSING) -> Any:
    """A field read from `path` in the plan data instead of from its own name."""
    return field(default=default, metadata={"key": path})


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if origin is UnionType and value is not None:  # X | None: convert as X
        hint = next(arg for arg in get_args(hint) if arg is not NoneType)
        origin = get_origin(hint)
    if origin is tuple:
        item = get_args(hint)[0]
        return tuple(_convert(item, element) for element in value)
    if hint is dict or origin is dict:
        return dict(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return build(hint, value)
    return value


def _lookup(data: Mapping, path: tuple[str, ...]) -> Any:
    value: Any = data
    for part in path:
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def build(cls: type[T], data: Mapping | None) -> T:
    """The section `cls` filled from `data` (None or {}: every default)."""
    data = data or {}
    hints = _hints(cls)
    values = {}
    for spec in fields(cls):
        value = _lookup(data, spec.metadata.get("key", (spec.name,)))
        if value is not MISSING:
            values[spec.name] = _convert(hints[spec.name], value)
    return cls(**values)


class Section:
    """Base of the plan's typed sections: `Section.from_dict(data)` is `build`."""

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Self:
        return build(cls, data)
