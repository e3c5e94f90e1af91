"""The responsibility matrix as CSV and JSON, for staff who work in
spreadsheets. Deterministic: rows in document and source order.

A spreadsheet opening the CSV runs a cell that starts with `=`, `+`, `-` or
`@` (or a tab or carriage return before one) as a formula, so such a cell
gets a `'` in front, and every cell is quoted, as OWASP's guidance on CSV
injection says; a reader sees the text with an apostrophe before it. The
JSON file keeps every text exactly as written: it is data, not a sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from styrdok.data.library import Library
from styrdok.views.responsibilities import export_rows
from styrdok.render.words import Words, status_key

FIELDS = ["document", "status", "status_sv", "status_en", "section", "section_sv", "section_en", "actor", "actor_sv", "actor_en", "duty_sv", "duty_en"]


def _rows(library: Library, org: str, today: dt.date) -> list[dict[str, str]]:
    """Every duty of every document, with the document's status: a spreadsheet
    filters on the column, where rows left out would be lost without a trace."""
    actors = library.actors(org)
    docs = [(d.id, d.model) for d in sorted(library.documents_of(org), key=lambda d: d.id)]
    rows = export_rows(docs)
    sv, en = Words("sv"), Words("en")
    for row in rows:
        doc = library.documents[row["document"]].model
        row["status"] = doc.shown_status(today)
        row["status_sv"] = sv[status_key(doc, today)]
        row["status_en"] = en[status_key(doc, today)]
        row["actor_sv"] = actors[row["actor"]].name.sv
        row["actor_en"] = actors[row["actor"]].name.en
    return [{key: row[key] for key in FIELDS} for row in rows]


# What starts a formula in Excel, LibreOffice and Google Sheets (OWASP), and
# the full-width forms some of them read the same way.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(text: str) -> str:
    """The cell as a spreadsheet must get it: text, never a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def matrix_csv(library: Library, org: str, today: dt.date) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows({key: spreadsheet_cell(value) for key, value in row.items()} for row in _rows(library, org, today))
    return buffer.getvalue()


def matrix_json(library: Library, org: str, today: dt.date) -> str:
    data = {"organisation": org, "fields": FIELDS, "duties": _rows(library, org, today)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
