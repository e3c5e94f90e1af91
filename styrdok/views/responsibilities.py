"""Who does what: the responsibilities of a document as views.

The data holds duties per section and actor, in the source's order. Here they
become a matrix (sections × actors) and a list per actor; both keep the
source's order so the views read like the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from styrdok.data.library import walk_sections
from styrdok.data.model import Document, Section, Text


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


def short(text: str, words: int = 14) -> str:
    """A scannable form of a duty for matrix cells: its first sentence, cut at
    `words` words. The cell links to the full wording."""
    plain = " ".join(line.strip().lstrip("-*").strip() for line in text.splitlines() if line.strip())
    first = re.split(r"(?<=[.!?:;])\s", plain, maxsplit=1)[0]
    cut = first.split()
    text = " ".join(cut[:words])
    if len(cut) > words or first != plain:
        return text.rstrip(".,;:") + "…"
    return text


@dataclass
class ActorDuties:
    doc_id: str
    sections: list[tuple[Section, list[Text]]]


def actor_duties(documents: Iterable[tuple[str, Document]], actor: str) -> list[ActorDuties]:
    """Everything one actor must do, grouped by document and section."""
    out = []
    for doc_id, doc in documents:
        rows = [(row.section, row.cells[actor]) for row in document_matrix(doc).rows if actor in row.cells]
        if rows:
            out.append(ActorDuties(doc_id, rows))
    return out


@dataclass
class OrganisationMatrix:
    actors: list[str]
    documents: list[str]
    duties: dict[tuple[str, str], list[tuple[Section, Text]]]  # (document, actor) → (section, duty), in order

    def count(self, doc_id: str, actor: str) -> int:
        return len(self.duties.get((doc_id, actor), ()))

    def of_actor(self, actor: str) -> list[tuple[str, list[tuple[Section, Text]]]]:
        """One actor's duties, by document in the matrix's order."""
        return [(d, self.duties[(d, actor)]) for d in self.documents if (d, actor) in self.duties]


def organisation_matrix(documents: list[tuple[str, Document]], actor_order: list[str]) -> OrganisationMatrix:
    """Documents × actors; a cell holds the actor's duties in the document,
    each with its section. Actors keep the organisation's own order; actors
    without duties are left out."""
    duties: dict[tuple[str, str], list[tuple[Section, Text]]] = {}
    for doc_id, doc in documents:
        for row in document_matrix(doc).rows:
            for actor, texts in row.cells.items():
                duties.setdefault((doc_id, actor), []).extend((row.section, t) for t in texts)
    used = {actor for _, actor in duties}
    return OrganisationMatrix([a for a in actor_order if a in used], [d for d, _ in documents], duties)


def export_rows(documents: list[tuple[str, Document]]) -> list[dict[str, str]]:
    """One row per duty, for the CSV and JSON exports."""
    rows = []
    for doc_id, doc in documents:
        for row in document_matrix(doc).rows:
            for actor, duties in row.cells.items():
                for duty in duties:
                    rows.append({
                        "document": doc_id,
                        "section": row.section.id,
                        "section_sv": row.section.heading.sv or "",
                        "section_en": row.section.heading.en or "",
                        "actor": actor,
                        "duty_sv": duty.sv or "",
                        "duty_en": duty.en or "",
                    })
    return rows


def actor_roles(documents: Iterable[tuple[str, Document]], actor: str) -> list[tuple[str, str]]:
    """The roles an actor has in documents' metadata: adopted, owns, and so on."""
    out = []
    for doc_id, doc in documents:
        if any(d.body == actor and d.kind in ("adopted", "confirmed") for d in doc.decisions):
            out.append((doc_id, "adopted"))
        for role in ("owner", "responsible_officer", "contact"):
            if getattr(doc, role) == actor:
                out.append((doc_id, role))
        if any(rule.responsible == actor for rule in doc.review):
            out.append((doc_id, "review"))
    return out
