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
from collections.abc import Iterable

from styrdok.data import urls
from styrdok.data.library import Library, LoadedDocument
from styrdok.views.responsibilities import export_rows
from styrdok.render.settings import SiteSettings
from styrdok.render.words import Words, status_key

FIELDS = ["document", "status", "status_sv", "status_en", "section", "section_sv", "section_en", "actor", "actor_sv", "actor_en", "duty_sv", "duty_en"]


def _rows(library: Library, org: str, today: dt.date, documents: Iterable[LoadedDocument]) -> list[dict[str, str]]:
    """Every duty of every one of the organisation's `documents`, with the
    document's status: a spreadsheet filters on the column, where rows left
    out would be lost without a trace."""
    actors = library.actors(org)
    docs = [(d.id, d.model) for d in sorted(documents, key=lambda d: d.id)]
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


def _csv(fields: list[str], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows({key: spreadsheet_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def matrix_csv(library: Library, org: str, today: dt.date, documents: Iterable[LoadedDocument]) -> str:
    return _csv(FIELDS, _rows(library, org, today, documents))


def matrix_json(library: Library, org: str, today: dt.date, documents: Iterable[LoadedDocument]) -> str:
    data = {"organisation": org, "fields": FIELDS, "duties": _rows(library, org, today, documents)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


DOCUMENT_FIELDS = ["document", "organisation", "types", "title_sv", "title_en", "status", "status_sv", "status_en",
                   "adopted", "address_sv", "address_en"]


def _document_rows(library: Library, today: dt.date, settings: SiteSettings) -> list[dict[str, str]]:
    """Every document of the library, with its status on `today` and its
    address in both languages; a fact the source lacks is an empty cell."""
    sv, en = Words("sv"), Words("en")
    rows = []
    for doc_id, loaded in sorted(library.documents.items()):
        doc = loaded.model
        address = urls.document(doc_id).url
        rows.append({
            "document": doc_id, "organisation": doc.organisation, "types": " ".join(doc.types),
            "title_sv": doc.title.sv or "", "title_en": doc.title.en or "",
            "status": doc.shown_status(today), "status_sv": sv[status_key(doc, today)],
            "status_en": en[status_key(doc, today)],
            "adopted": doc.adopted_on.isoformat() if doc.adopted_on else "",
            "address_sv": settings.absolute("sv", address), "address_en": settings.absolute("en", address),
        })
    return rows


def documents_csv(library: Library, today: dt.date, settings: SiteSettings) -> str:
    return _csv(DOCUMENT_FIELDS, _document_rows(library, today, settings))


def documents_json(library: Library, today: dt.date, settings: SiteSettings) -> str:
    data = {"fields": DOCUMENT_FIELDS, "documents": _document_rows(library, today, settings)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
