"""Problems found in the data, reported as `file:line:col: field: message`.

Editors fix data from these lines, so every problem carries a file, a line
and the field path it is about, and an error never surfaces as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """One line per problem, whatever the field or message holds, so every
        line an editor (or a CI annotation) reads starts with file:line:col."""
        where = f"{_one_line(self.file)}:{self.line}:{self.column}"
        field = f" {_one_line(self.field)}:" if self.field else ""
        tag = "" if self.severity is Severity.ERROR else " warning:"
        return f"{where}:{tag}{field} {_one_line(self.message)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class DataError(Exception):
    """Raised when the data has errors; carries every problem found at once."""

    what = ("error", "in the data")  # the summary line's noun and where the problems are

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        count = len(self.problems)
        noun, where = self.what
        lines.append(f"{count} {noun}{'s' if count != 1 else ''} {where}; nothing was built.")
        return "\n".join(lines)


def field_path(path: tuple[str | int, ...]) -> str:
    """`('sections', 2, 'heading')` → `sections[2].heading`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def quoted(value: object, limit: int = 60) -> str:
    """A value for a message: its repr, cut short (a field may hold thousands
    of characters, a number 5,000 digits)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def relative_name(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
