"""Relations between documents, both ways.

A document records only what it says itself ("implements the policy"); the
other side ("put into practice by the guideline") is derived here, so it
never has to be kept in step by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrdok.data.library import Library
from styrdok.data.model import Relation, Text

INVERSE = {
    "replaces": "replaced_by",
    "revises": "revised_by",
    "implements": "implemented_by",
    "complemented_by": "complements",
    "refers_to": "referred_by",
}


@dataclass(frozen=True)
class Link:
    kind: str  # a RelationKind or its inverse
    document: str | None  # id in the library
    title: Text | None  # outside the library
    note: Text | None = None


def incoming_links(library: Library) -> dict[str, list[Link]]:
    """For every document, what other documents say about it (in document id
    order), in one pass: asking each document in turn would be quadratic.
    An earlier version's own relations are left out here (`_earlier_version`)."""
    out: dict[str, list[Link]] = {}
    for other_id, other in sorted(library.documents.items()):
        for r in other.model.relations if not _earlier_version(library, other_id) else ():
            if r.document is not None:
                out.setdefault(r.document, []).append(Link(INVERSE[r.kind], other_id, None))
        successor = other.model.replaced_by
        if successor is not None and successor.document is not None:
            kind = _successor_kind(other.model.status)
            link = Link(next(k for k, v in INVERSE.items() if v == kind), other_id, None)
            if link not in out.get(successor.document, []):
                out.setdefault(successor.document, []).append(link)
    return out


def _earlier_version(library: Library, doc_id: str) -> bool:
    """A kept earlier text whose newer version is in the library: what it says
    about other documents is on its own page; theirs name the newer version."""
    doc = library.documents[doc_id].model
    return doc.status == "revised" and doc.replaced_by is not None and doc.replaced_by.document in library.documents


def _successor_kind(status: str) -> str:
    """An earlier wording is revised by its successor; another document is replaced."""
    return "revised_by" if status == "revised" else "replaced_by"


def links_of(library: Library, doc_id: str, incoming_index: dict[str, list[Link]] | None = None) -> list[Link]:
    """What this document says, then what other documents say about it.
    Pass `incoming_links(library)` when asking for many documents."""
    own = [_link(r) for r in library.documents[doc_id].model.relations]
    if incoming_index is None:
        incoming_index = incoming_links(library)
    incoming = list(incoming_index.get(doc_id, []))
    doc = library.documents[doc_id].model
    if doc.replaced_by is not None:
        kind = _successor_kind(doc.status)
        target = doc.replaced_by
        if not any(l.kind == kind and l.document == target.document and target.document for l in incoming):
            incoming.insert(0, Link(kind, target.document, target.title))
    return own + incoming


def _link(relation: Relation) -> Link:
    return Link(relation.kind, relation.document, relation.title, relation.note)
