"""Read YAML and remember the line and column of every key and item.

PyYAML's composer gives nodes with positions; building the data from those
nodes keeps a map from field path to position, so a schema error deep in a
document can name its line. Dates stay strings here: the model parses them,
so an impossible date such as 2013-02-30 becomes a clear error, not a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is about ten times faster; fall back when it is not built.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_HINT = ("the mistake is on this line or just above it; check indentation, and put text that contains "
         "': ' or starts with a quote, [ or { inside double quotes")


@dataclass
class Positions:
    """Field path → (line, column), both 1-based."""

    at: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path_) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor present."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.at:
                return self.at[path[:cut]]
        return (1, 1)


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int, column: int, first_line: int):
        super().__init__(key)
        self.key, self.line, self.column, self.first_line = key, line, column, first_line


def _pos(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self) -> None:
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.positions = Positions()

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.positions.at.setdefault(path, _pos(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self.build_scalar(key_node)
                if not isinstance(key, (str, int)):
                    key = str(key)
                if key in seen:
                    raise DuplicateKey(str(key), *_pos(key_node), seen[key])
                seen[key] = _pos(key_node)[0]
                self.positions.at[path + (key,)] = _pos(key_node)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.positions.at[path + (index,)] = _pos(item)
                items.append(self.build(item, path + (index,)))
            return items
        return self.build_scalar(node)

    def build_scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node.value
        if node.tag == _TIMESTAMP:
            return node.value
        return self.constructor.construct_object(node, deep=True)


def load_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document; return the data and the positions of its fields."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context or ""
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" that starts on line {exc.context_mark.line + 1}"
        message = ": ".join(filter(None, [context, exc.problem]))
        raise YamlSyntaxError(f"not valid YAML: {message} ({_HINT})", line, column) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError(f"not valid YAML: the character U+{code:04X} is not allowed in a YAML file "
                              "(delete it; it is often an invisible control character pasted from another program)",
                              line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"not valid YAML: {exc}", 1, 1) from None
    if node is None:
        return None, Positions({(): (1, 1)})
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSyntaxError(f"not valid YAML: {exc.problem}", line, column) from None
    return data, builder.positions
