"""What happened to documents over time: every recorded decision (proposed,
adopted, confirmed, revised, repealed),
newest first, for the history on each page, "What's new" and the feeds.

Also the fingerprint of a document's original text, so a translation that
no longer matches its original can be flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from styrdok.data.library import Library
from styrdok.data.model import Decision, Document, Text, original_fingerprint


@dataclass(frozen=True)
class Event:
    doc_id: str
    organisation: str
    kind: str  # the decision's kind: proposed, adopted, confirmed, revised, repealed
    decision: Decision
    number: int  # the decision's place in the document's list: part of a stable id
    version: str | None = None
    note: Text | None = None

    @property
    def date(self) -> dt.date | None:
        return self.decision.date


def events_of(doc_id: str, doc: Document, organisation: str) -> list[Event]:
    return [Event(doc_id, organisation, d.kind, d, i, d.version, d.note) for i, d in enumerate(doc.decisions)]


def _repeated(library: Library, doc: Document) -> list[Decision]:
    """The decisions an earlier version shares with the version after it
    (`styrdok new revision` keeps them in both files): told once, by the newer one."""
    newer = doc.replaced_by.document if doc.status == "revised" and doc.replaced_by is not None else None
    return library.documents[newer].model.decisions if newer in library.documents else []


def recent(library: Library, organisation: str | None = None, limit: int = 50) -> list[Event]:
    """Dated events across the library (or one organisation), newest first;
    a decision that two versions of one document both record is told once."""
    return recent_by_organisation(library, limit).get(organisation, [])


def recent_by_organisation(library: Library, limit: int = 50) -> dict[str | None, list[Event]]:
    """`recent` for the whole library (key None) and for each organisation,
    from one pass over the library: a pass per organisation made the build
    grow with the number of documents times the number of organisations."""
    events = [e for doc_id, d in library.documents.items()
              for e in events_of(doc_id, d.model, d.organisation)
              if e.date is not None and e.decision not in _repeated(library, d.model)]
    events.sort(key=lambda e: (e.date, e.doc_id, e.number), reverse=True)
    found: dict[str | None, list[Event]] = {None: events[:limit]}
    for organisation in library.organisations:
        found[organisation] = []
    for event in events:
        of_org = found.setdefault(event.organisation, [])
        if len(of_org) < limit:
            of_org.append(event)
    return found


def stale_translations(doc: Document) -> list[str]:
    """Languages whose translation was made from an older original text."""
    current = original_fingerprint(doc)
    return [lang for lang, v in doc.versions.items()
            if v.kind == "plain_translation" and current is not None and v.translates != current]
