"""Read YAML and remember the line and column of every key and item.

The data is built straight from libyaml's event stream, never from a
composed node tree, so that hostile files stay cheap (README, Decisions):

- aliases and anchors are refused: "billion laughs" cannot grow;
- nesting deeper than `MAX_DEPTH` is refused as soon as the parser reaches
  it: libyaml's composer recurses and crashes on deep nesting, this loop
  keeps its own stack;
- every plain value is the text as written, except `null`, `~` and an empty
  value: `061`, `1.10`, `12:30`, `no` and `2020-01-15` stay strings, and the
  model's field type alone decides whether a number, a date or true/false is
  wanted (pydantic converts, or refuses with the field's own message).

Positions go into a map from field path to (line, column), so a schema
error deep in a document can name its line. The library keeps each file's
map for the checks that run after loading; the paths and positions, which
repeat from file to file, are shared between the maps (`_shared`), so that
the maps of 3,000 documents take about 30 MB instead of 150.
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

# Deeper than any real file needs (a document with sections three levels down
# is 14 deep) and far below what makes any step recurse too deeply.
MAX_DEPTH = 40
# Keys and values in one file: the largest real document has under 1,000, a
# full 1 MB document would have about 30,000. A file of half a million tiny
# items would take seconds to check and print as many errors.
MAX_VALUES = 50_000

NULLS = frozenset({"", "~", "null", "Null", "NULL"})

_HINT = ("the mistake is on this line or just above it; check indentation, and put text that contains "
         "': ' or starts with a quote, [ or { inside double quotes")


# Paths and positions already met: each map holds the same tuple objects as
# the maps of other files (a tuple is immutable, so sharing it is safe). Let go
# when it grows past `_SHARED_AT_MOST`, which no real library comes near.
_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_SHARED_AT_MOST = 1_000_000


def _shared(value: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(_SHARED) > _SHARED_AT_MOST:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


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
    """The file cannot be read as data; `path` is the field it happened in, if known."""

    def __init__(self, message: str, line: int, column: int, path: Path_ = ()):
        super().__init__(message)
        self.message, self.line, self.column, self.path = message, line, column, path


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int, column: int, first_line: int):
        super().__init__(key)
        self.key, self.line, self.column, self.first_line = key, line, column, first_line


def _pos(event: yaml.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


_ALIAS = ("YAML anchors (&name) and aliases (*name) are not used in this library: "
          "write the value out in full where it is needed")
_TAG = "YAML tags such as !!int or !text are not used in this library: write the value plainly (text may go in quotes)"
_DEEP = f"nested more than {MAX_DEPTH} levels deep; no field of the library needs that, so check the brackets and indentation"
_MANY = (f"more than {MAX_VALUES:,} keys and values in one file; a document has a few thousand at most, "
         "so check that this is the right file")
_KEY = "a key must be a plain name such as `title`, not a list or a mapping"
_SECOND = ("a second YAML document (after ---) in the same file; a file holds one: "
           "remove the --- line and what follows, or move it to a file of its own")


@dataclass
class _Open:
    """A mapping or list being filled: where it is and what comes next."""

    value: dict[str, Any] | list[Any]
    path: Path_
    key: str | None = None  # in a mapping: the key whose value is awaited
    lines: dict[str, int] = field(default_factory=dict)  # in a mapping: the line of each key


class _Builder:
    """Plain data from the events of one YAML document, with positions."""

    def __init__(self) -> None:
        self.positions = Positions()
        self.stack: list[_Open] = []
        self.root: Any = None
        self.documents = 0
        self.values = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlSyntaxError(_SECOND, *_pos(event))
        elif isinstance(event, yaml.AliasEvent):
            raise YamlSyntaxError(_ALIAS, *_pos(event), self._path_here())
        elif isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._node(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _path_here(self) -> Path_:
        """The path the next value goes to (for messages)."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, dict):
            return top.path + ((top.key,) if top.key is not None else ())
        return top.path + (len(top.value),)

    def _node(self, event: yaml.NodeEvent) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise YamlSyntaxError(_MANY, *_pos(event), self._path_here())
        if event.anchor is not None:
            raise YamlSyntaxError(_ALIAS, *_pos(event), self._path_here())
        if event.tag is not None:
            raise YamlSyntaxError(_TAG, *_pos(event), self._path_here())
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self._key(top, event)
            return
        path = self._path_here()
        if path not in self.positions.at:  # a mapping's value: its key's position is kept
            self.positions.at[_shared(path)] = _shared(_pos(event))
        value = self._value(event, path)
        if top is None:
            self.root = value
        elif isinstance(top.value, dict):
            assert top.key is not None
            top.value[top.key] = value
            top.key = None
        else:
            top.value.append(value)

    def _key(self, mapping: _Open, event: yaml.NodeEvent) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise YamlSyntaxError(_KEY, *_pos(event), mapping.path)
        key = event.value
        line, column = _pos(event)
        if key in mapping.lines:
            raise DuplicateKey(key, line, column, mapping.lines[key])
        mapping.lines[key] = line
        mapping.key = key
        self.positions.at[_shared(mapping.path + (key,))] = _shared((line, column))

    def _value(self, event: yaml.NodeEvent, path: Path_) -> Any:
        if isinstance(event, yaml.ScalarEvent):
            plain = event.implicit[0]
            return None if plain and event.value in NULLS else event.value
        if len(self.stack) >= MAX_DEPTH:
            raise YamlSyntaxError(_DEEP, *_pos(event), path)
        opened = _Open({} if isinstance(event, yaml.MappingStartEvent) else [], path)
        self.stack.append(opened)
        return opened.value


def load_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document; return the data and the positions of its fields."""
    raw = text.encode("utf-8", "surrogatepass")  # libyaml refuses lone surrogates with a located error
    builder = _Builder()
    try:
        for event in yaml.parse(raw, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context or ""
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context += f" that starts on line {exc.context_mark.line + 1}"
        message = ": ".join(filter(None, [context, exc.problem]))
        raise YamlSyntaxError(f"not valid YAML: {message} ({_HINT})", line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(raw, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError(f"not valid YAML: the character U+{code:04X} is not allowed in a YAML file "
                              "(delete it; it is often an invisible control character pasted from another program)",
                              line, column) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"not valid YAML: {exc}", 1, 1) from None
    builder.positions.at.setdefault((), (1, 1))
    return builder.root, builder.positions


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    before = raw[:offset].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
