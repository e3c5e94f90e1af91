"""Every free-text field of the model, found from the model itself, and a
way to put chosen text into each of them in a library's YAML.

"Free text" is a string field without a pattern: titles, names, headings,
bodies, duties, notes, and plain values such as the § number or the
version. Ids, dates, numbers and fixed choices are not. A field added to the
model later is found here without anyone listing it, and the tests that
plant text (the hostile-text browser test, the fuzz test of check and build)
fail if they could not reach it.

Fields the data leaves out (an optional note, a list of revisions that is
empty) are filled in where the model accepts the result, so that every field
gets its text even when the real library never uses it.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from styrdok.data.model import Document, DocumentTypes, Organisation

# Which model each file of policy_data/ holds.
ROOTS: dict[str, type[BaseModel]] = {
    "document_types.yaml": DocumentTypes,
    "organisations/*.yaml": Organisation,
    "documents/*/*.yaml": Document,
}

Make = Callable[[bool], str]  # multiline → a text to plant


@dataclass(frozen=True)
class Shape:
    """What a field holds: free text, models, a list or mapping of a shape,
    or something else (ids, dates, numbers, choices)."""

    kind: str  # "text", "model", "list", "dict", "other"
    models: tuple[type[BaseModel], ...] = ()
    item: "Shape | None" = None
    nullable: bool = False
    literal: tuple[Any, ...] = ()
    base: Any = None
    pattern: str | None = None  # of a constrained string (an id, a reference)


def shape_of(tp: Any, metadata: tuple[Any, ...] = ()) -> Shape:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        args = typing.get_args(tp)
        return shape_of(args[0], metadata + tuple(args[1:]))
    if origin in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        nullable = len(members) < len(typing.get_args(tp))
        if len(members) == 1:
            return dataclasses.replace(shape_of(members[0], metadata), nullable=nullable)
        models = [m for m in (_model(m) for m in members) if m is not None]
        if len(models) == len(members):
            return Shape("model", tuple(models), nullable=nullable)
        return Shape("other", nullable=nullable)
    if origin is list:
        return Shape("list", item=shape_of(typing.get_args(tp)[0]))
    if origin is dict:
        return Shape("dict", item=shape_of(typing.get_args(tp)[1]))
    if origin is typing.Literal:
        return Shape("other", literal=typing.get_args(tp))
    if tp is str:
        pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
        return Shape("other" if pattern else "text", base=str, pattern=pattern)
    model = _model(tp)
    if model is not None:
        return Shape("model", (model,))
    return Shape("other", base=tp)


def _model(tp: Any) -> type[BaseModel] | None:
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return None
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _fields(model: type[BaseModel]) -> Iterator[tuple[str, Any, Shape]]:
    for name, info in model.model_fields.items():
        yield name, info, shape_of(info.annotation, tuple(info.metadata))


def text_fields(roots: tuple[type[BaseModel], ...] = tuple(ROOTS.values())) -> set[tuple[str, str]]:
    """(model name, field name) of every field that holds free text, directly
    or in the models it holds (`Document.title` as well as `Line.sv`),
    reachable from `roots`."""
    found: set[tuple[str, str]] = set()
    holds_text: dict[type[BaseModel], bool] = {}

    def visit(model: type[BaseModel]) -> bool:
        if model in holds_text:
            return holds_text[model]
        holds_text[model] = False  # until shown otherwise (a section holds sections)
        any_text = False
        for name, _, shape in _fields(model):
            while shape.kind in ("list", "dict") and shape.item is not None:
                shape = shape.item
            leads = shape.kind == "text"
            for inner in shape.models:
                leads = visit(inner) or leads
            if leads:
                found.add((model.__name__, name))
                any_text = True
        holds_text[model] = any_text
        return any_text

    for root in roots:
        visit(root)
    return found


class CannotBuild(Exception):
    pass


@dataclass
class Planter:
    """Puts `make(multiline)` into every free-text field of a file's data,
    recording which (model, field) got one."""

    make: Make
    planted: set[tuple[str, str]] = field(default_factory=set)
    values: list[str] = field(default_factory=list)
    path: list[tuple[str, str]] = field(default_factory=list)  # the fields being filled, outermost first
    # Ids the library already uses, by field name and as file names: a new
    # item that must name an actor or a document takes one of these.
    references: dict[str, list[str]] = field(default_factory=dict)
    new_ids: int = 0

    def text(self, model: type[BaseModel], name: str) -> str:
        value = self.make(name in getattr(model, "multiline", frozenset()))
        self.planted.update(self.path)
        self.values.append(value)
        return value

    def fill(self, data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
        """Plant into `data` (a mapping the model reads), in place."""
        for name, info, shape in _fields(model):
            self.path.append((model.__name__, name))
            current = data.get(name)
            if current is None or current == [] or current == {}:
                self._try_add(data, model, name, info, shape)
            else:
                data[name] = self._value(current, model, name, shape)
                self._add_kinds(data, model, name, shape)
            self.path.pop()
        return data

    def _value(self, value: Any, model: type[BaseModel], name: str, shape: Shape) -> Any:
        if shape.kind == "text" and isinstance(value, str):
            return self.text(model, name)
        if shape.kind == "model" and isinstance(value, dict):
            return self.fill(value, _member(shape, value))
        if shape.kind == "list" and isinstance(value, list) and shape.item is not None:
            return [self._value(item, model, name, shape.item) for item in value]
        if shape.kind == "dict" and isinstance(value, dict) and shape.item is not None:
            return {key: self._value(item, model, name, shape.item) for key, item in value.items()}
        return value

    def _try_add(self, data: dict[str, Any], model: type[BaseModel], name: str, info: Any, shape: Shape) -> None:
        """Give a left-out field a value, if the model accepts the result."""
        def add() -> None:
            if shape.kind == "text":
                data[name] = self.text(model, name)
            elif shape.kind == "model":
                data[name] = self.build(shape.models[0])
            elif shape.kind == "list" and shape.item is not None and shape.item.kind == "model" \
                    and not self._within(shape.item.models[0]):
                data[name] = [self.build(shape.item.models[0])]
        self._if_valid(data, model, add)

    def _within(self, model: type[BaseModel]) -> bool:
        """True inside an item of `model`: sections hold sections, and a new
        one in each would never end."""
        return any(name == model.__name__ for name, _ in self.path[:-1])

    def _add_kinds(self, data: dict[str, Any], model: type[BaseModel], name: str, shape: Shape) -> None:
        """A list of several kinds of item (review rules): add an item of each
        kind the data lacks, so that the text fields of every kind are reached."""
        if shape.kind != "list" or shape.item is None or len(shape.item.models) < 2:
            return
        present = {_member(shape.item, item) for item in data[name] if isinstance(item, dict)}
        for member in shape.item.models:
            if member not in present:
                self._if_valid(data, model, lambda member=member: data[name].append(self.build(member)))

    def _if_valid(self, data: dict[str, Any], model: type[BaseModel], change: Callable[[], None]) -> None:
        """Apply `change` to `data`; undo it unless the model accepts the result."""
        before = copy.deepcopy(data)
        planted, values = set(self.planted), list(self.values)
        try:
            change()
            checked = model.model_validate(data)
            # The document's own rules across fields (status against decisions), which the loader reports.
            if getattr(checked, "life_problems", None) is not None and checked.life_problems():
                raise CannotBuild(model.__name__)
        except (CannotBuild, ValidationError):
            data.clear()
            data.update(before)
            self.planted, self.values = planted, values

    def build(self, model: type[BaseModel]) -> dict[str, Any]:
        """A new item of `model`: text in every text field, the simplest
        valid value in the others; CannotBuild if it needs a reference."""
        out: dict[str, Any] = {}
        for name, info, shape in _fields(model):
            self.path.append((model.__name__, name))
            try:
                self._build_field(out, model, name, info, shape)
            finally:
                self.path.pop()
        return out

    def _build_field(self, out: dict[str, Any], model: type[BaseModel], name: str, info: Any, shape: Shape) -> None:
        if shape.kind == "text":
            out[name] = self.text(model, name)
        elif shape.kind == "model":
            out[name] = self.build(shape.models[0])
        elif not info.is_required():
            return
        elif shape.kind == "list" and shape.item is not None and shape.item.literal:
            out[name] = [shape.item.literal[0]]
        elif shape.kind == "list" and shape.item is not None and shape.item.kind == "model":
            out[name] = [self.build(shape.item.models[0])]
        elif shape.nullable:
            out[name] = None
        elif shape.literal:
            out[name] = shape.literal[0]
        elif shape.base is dt.date:
            out[name] = "2020-06-01"
        elif shape.base is int:
            out[name] = next((m.ge for m in info.metadata if hasattr(m, "ge")), 1)
        elif shape.pattern is not None:
            out[name] = self.reference(model, name, shape.pattern)
        else:
            raise CannotBuild(f"{model.__name__}.{name}")

    def reference(self, model: type[BaseModel], name: str, pattern: str) -> str:
        """An id for a new item (`id`: a new one), or for a required
        reference: one the library uses in a field of the same name, else a
        document or organisation id that fits."""
        if name == "id":  # a new item's own id: one nobody uses
            self.new_ids += 1
            if re.search(pattern, f"planted-{self.new_ids}"):
                return f"planted-{self.new_ids}"
        candidates = [*self.references.get(name, []), *self.references.get("", [])]
        for value in candidates:
            if re.search(pattern, value):
                return value
        raise CannotBuild(f"{model.__name__}.{name}")


def _member(shape: Shape, value: dict[str, Any]) -> type[BaseModel]:
    """The member of a union that `value` is (by its `kind`)."""
    if len(shape.models) == 1:
        return shape.models[0]
    for model in shape.models:
        kind = model.model_fields.get("kind")
        if kind is not None and value.get("kind") in typing.get_args(kind.annotation):
            return model
    return shape.models[0]


def plant_library(data_dir: Path, make: Make) -> Planter:
    """Plant text into every free-text field of every file under `data_dir`
    (rewritten with PyYAML)."""
    files = [(path, model, yaml.safe_load(path.read_text(encoding="utf-8")))
             for pattern, model in ROOTS.items() for path in sorted(data_dir.glob(pattern))]
    references: dict[str, list[str]] = {"": []}
    for path, _, content in files:
        _collect(content, references)
        if path.parent.parent.name == "documents":
            references[""].append(f"{path.parent.name}/{path.stem}")
        elif path.parent.name == "organisations":
            references[""].append(path.stem)
    planter = Planter(make, references=references)
    for path, model, content in files:
        planter.fill(content, model)
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return planter


def _collect(value: Any, out: dict[str, list[str]]) -> None:
    """Every string value under a key, by the key's name."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                out.setdefault(str(key), []).append(item)
            _collect(item, out)
    elif isinstance(value, list):
        for item in value:
            _collect(item, out)
