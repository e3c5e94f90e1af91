"""JSON Schemas generated from the model, for editors' YAML tooling and the
field reference page. One source of truth: the pydantic model."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from styrdok.data.model import Document, DocumentTypes, Organisation

SCHEMAS: dict[str, type[BaseModel]] = {
    "document": Document,
    "organisation": Organisation,
    "document_types": DocumentTypes,
}


def schema(name: str) -> dict[str, Any]:
    generated = SCHEMAS[name].model_json_schema(mode="validation")
    generated["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    generated["$id"] = f"{name}.schema.json"
    return generated


def schema_text(name: str) -> str:
    return json.dumps(schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        text = schema_text(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


@dataclass(frozen=True)
class FieldRow:
    """One field of one model, for the field reference page."""

    model: str
    name: str
    type: str
    required: bool
    description: str


def field_rows(name: str) -> list[tuple[str, list[FieldRow]]]:
    """Every model reachable from a file's schema, with its fields, in a stable order."""
    full = schema(name)
    definitions = {**full.get("$defs", {}), full["title"]: full}
    out = []
    for model_name in [full["title"], *sorted(k for k in definitions if k != full["title"])]:
        model = definitions[model_name]
        if "properties" not in model:
            continue
        required = set(model.get("required", []))
        rows = [FieldRow(model_name, key, _type(prop), key in required, prop.get("description", ""))
                for key, prop in model["properties"].items()]
        out.append((model_name, rows))
    return out


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "const" in prop:
        return repr(prop["const"])
    if "enum" in prop:
        return " | ".join(repr(v) for v in prop["enum"])
    if "anyOf" in prop:
        return " | ".join(_type(p) for p in prop["anyOf"])
    if "oneOf" in prop:
        return " | ".join(_type(p) for p in prop["oneOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if kind == "object" and "additionalProperties" in prop:
        return f"map to {_type(prop['additionalProperties'])}"
    if kind == "string" and prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return str(kind)
