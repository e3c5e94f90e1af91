"""Who does what: the responsibilities of a document as views.

The data holds duties per section and actor, in the source's order. Here they
become a matrix (sections × actors) and a list per actor; both keep the
source's order so the views read like the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .library import walk_sections
from .model import Document, Section, Text


@dataclass
class Row:
    section: Section
    depth: int
    cells: dict[str, list[Text]] = field(default_factory=dict)


@dataclass
class Matrix:
    actors: list[str]
    rows: list[Row]

    def is_empty(self) -> bool:
        return not self.actors


def document_matrix(doc: Document) -> Matrix:
    """Rows: the sections that give duties. Columns: actors, in order of first mention."""
    actors: list[str] = []
    rows: list[Row] = []
    for section, depth in walk_sections(doc.sections):
        if not section.responsibilities:
            continue
        row = Row(section, depth)
        for responsibility in section.responsibilities:
            row.cells.setdefault(responsibility.actor, []).extend(responsibility.duties)
            if responsibility.actor not in actors:
                actors.append(responsibility.actor)
        rows.append(row)
    return Matrix(actors, rows)


def duties_by_actor(doc: Document) -> dict[str, list[tuple[Section, Text]]]:
    out: dict[str, list[tuple[Section, Text]]] = {}
    for row in document_matrix(doc).rows:
        for actor, duties in row.cells.items():
            out.setdefault(actor, []).extend((row.section, duty) for duty in duties)
    return out
