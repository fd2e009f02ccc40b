"""A plan file as read: its data, where each key stands, and the faults found in it.

Shared by the loader (which finds the faults) and the services (which report a fault
found while storing, such as an authority code held by another unit), so that neither
imports the other for them."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PlanError:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.path}: {self.message}"


class PlanFileError(Exception):
    """A plan file that cannot be loaded; `errors` names every fault found."""

    def __init__(self, errors: list[PlanError]):
        self.errors = sorted(errors, key=lambda error: (error.file, error.line, error.path))
        super().__init__("\n".join(str(error) for error in self.errors))


def dotted(path: tuple) -> str:
    """("channels", 2, "reply_days") -> "channels[2].reply_days"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


@dataclass
class PlanDocument:
    """A parsed plan file: its data and where each key stands in the file."""

    file: str
    data: dict
    lines: dict[tuple, int] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return Path(self.file).name

    @property
    def slug(self) -> str:
        return self.data["slug"]

    def line_of(self, path: tuple) -> int:
        """The line of `path`, or of its nearest ancestor present in the file."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def error(self, path: tuple, message: str) -> PlanError:
        return PlanError(self.file, self.line_of(path), dotted(path), message)
