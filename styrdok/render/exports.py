"""The responsibility matrix as CSV and JSON, for staff who work in
spreadsheets. Deterministic: rows in document and source order."""

from __future__ import annotations

import csv
import io
import json

from styrdok.data.library import Library
from styrdok.views.responsibilities import export_rows

FIELDS = ["document", "section", "section_sv", "section_en", "actor", "actor_sv", "actor_en", "duty_sv", "duty_en"]


def _rows(library: Library, org: str) -> list[dict[str, str]]:
    actors = library.actors(org)
    docs = [(d.id, d.model) for d in sorted(library.documents_of(org), key=lambda d: d.id)]
    rows = export_rows(docs)
    for row in rows:
        row["actor_sv"] = actors[row["actor"]].name.sv
        row["actor_en"] = actors[row["actor"]].name.en
    return [{key: row[key] for key in FIELDS} for row in rows]


def matrix_csv(library: Library, org: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(library, org))
    return buffer.getvalue()


def matrix_json(library: Library, org: str) -> str:
    data = {"organisation": org, "fields": FIELDS, "duties": _rows(library, org)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
