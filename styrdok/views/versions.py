"""The versions of one document and what changed between them.

An earlier wording is a document of its own (`status: revised`,
`replaced_by: {document: <newer>}`), so each version keeps its own page at
its own address for ever. This module links those files into one line of
versions, oldest first, picks the version that stood on a given day, and
compares two versions section by section, matching sections by id so a
moved or renamed section shows as such and not as removed and added.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Literal

from styrdok.data.library import Library, walk_sections
from styrdok.data.model import Document, Section


@dataclass(frozen=True)
class Version:
    doc_id: str
    start: dt.date | None  # the date of the decision that made this wording, if the source gives it
    end: dt.date | None  # the start of the next version; None for the newest


def earlier_versions(library: Library) -> dict[str, str]:
    """Each document → the version it replaced: a document of status revised
    whose `replaced_by` names it (the first by id, should two name it).
    Worked out once per library: asking each document in turn would read
    the whole library for each, and the build would grow with its square."""
    found: dict[str, str] = {}
    for d, loaded in sorted(library.documents.items()):
        model = loaded.model
        if model.status == "revised" and model.replaced_by is not None:
            found.setdefault(model.replaced_by.document, d)
    return found


def _later(library: Library, doc_id: str) -> str | None:
    doc = library.documents[doc_id].model
    if doc.status == "revised" and doc.replaced_by is not None and doc.replaced_by.document in library.documents:
        return doc.replaced_by.document
    return None


def start_of(doc: Document) -> dt.date | None:
    """When a wording began: its newest dated decision that made it (revised, adopted, confirmed)."""
    dates = [d.date for d in doc.decisions if d.kind in ("revised", "adopted", "confirmed") and d.date is not None]
    return max(dates) if dates else None


def versions_of(library: Library, doc_id: str, earlier: dict[str, str] | None = None) -> list[Version]:
    """Every version of the document `doc_id` belongs to, oldest first
    (`earlier`: `earlier_versions(library)`, if already worked out).
    Replacements cannot go round in a circle (the loader refuses that), but
    the walk still stops at a document it has seen."""
    if earlier is None:
        earlier = earlier_versions(library)
    newest = doc_id
    seen = {doc_id}
    while (later := _later(library, newest)) is not None and later not in seen:
        seen.add(later)
        newest = later
    line = [newest]
    while (before := earlier.get(line[-1])) is not None and before not in line:
        line.append(before)
    line.reverse()
    starts = [start_of(library.documents[d].model) for d in line]
    return [Version(d, starts[i], starts[i + 1] if i + 1 < len(line) else None) for i, d in enumerate(line)]


def as_of(library: Library, doc_id: str, day: dt.date) -> str | None:
    """The version that stood on `day`: the newest whose start is on or
    before it. None before the first version, or when no version has a date."""
    stood = None
    for version in versions_of(library, doc_id):
        if version.start is not None and version.start <= day:
            stood = version.doc_id
    return stood


Kind = Literal["added", "removed", "changed", "renamed", "moved", "same"]


@dataclass(frozen=True)
class Piece:
    """A run of words: kept (`same`), added (`ins`) or removed (`del`)."""

    op: Literal["same", "ins", "del"]
    text: str


@dataclass(frozen=True)
class SectionChange:
    section_id: str
    kinds: tuple[Kind, ...]  # e.g. ("renamed", "changed"); ("same",) when nothing changed
    old: Section | None
    new: Section | None
    heading: list[Piece]
    body: list[Piece]


_TOKEN = re.compile(r"^\s+|\S+\s*")  # a word with the space after it, so changed words come in one run


def word_diff(old: str, new: str) -> list[Piece]:
    """The words of `old` and `new` as kept, removed and added runs."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return pieces


def _places(doc: Document) -> dict[str, tuple[str | None, Section]]:
    """Each section by id, with the id of the section it sits in."""
    out: dict[str, tuple[str | None, Section]] = {}

    def walk(sections: list[Section], parent: str | None) -> None:
        for s in sections:
            out[s.id] = (parent, s)
            walk(s.sections, s.id)

    walk(doc.sections, None)
    return out


def _text(section: Section | None, language: str, field: Literal["heading", "body"]) -> str:
    if section is None:
        return ""
    value = section.heading if field == "heading" else section.body
    return (value.get(language) or "") if value is not None else ""


def compare(old: Document, new: Document, language: str) -> list[SectionChange]:
    """The sections of two versions side by side, in the newer version's
    order, with each removed section after the section that came before it
    in the older version. Sections are matched by id; a section has moved
    when it changed parent, or when it is outside the longest run of
    sections that kept their order (so one section moved shows as one move)."""
    before, after = _places(old), _places(new)
    common_old = [i for i in before if i in after]
    common_new = [i for i in after if i in before]
    keep = _longest_common_order(common_old, common_new)
    moved = {i for i in common_old if i not in keep or before[i][0] != after[i][0]}

    def change(section_id: str) -> SectionChange:
        o = before[section_id][1] if section_id in before else None
        n = after[section_id][1] if section_id in after else None
        kinds: list[Kind] = []
        if o is None:
            kinds.append("added")
        elif n is None:
            kinds.append("removed")
        else:
            if _text(o, language, "heading") != _text(n, language, "heading"):
                kinds.append("renamed")
            if section_id in moved:
                kinds.append("moved")
            if _text(o, language, "body") != _text(n, language, "body"):
                kinds.append("changed")
        return SectionChange(section_id, tuple(kinds) or ("same",), o, n,
                             word_diff(_text(o, language, "heading"), _text(n, language, "heading")),
                             word_diff(_text(o, language, "body"), _text(n, language, "body")))

    order = list(after)
    removed = [i for i in before if i not in after]
    for section_id in removed:
        earlier = list(before)[:list(before).index(section_id)]
        anchor = next((i for i in reversed(earlier) if i in order), None)
        order.insert(order.index(anchor) + 1 if anchor is not None else 0, section_id)
    return [change(i) for i in order]


def _longest_common_order(a: list[str], b: list[str]) -> set[str]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return {x for block in matcher.get_matching_blocks() for x in a[block.a:block.a + block.size]}


def section_ids(doc: Document) -> list[str]:
    return [s.id for s, _ in walk_sections(doc.sections)]
