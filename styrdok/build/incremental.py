"""Which pages one edit can change, so `mkdocs serve` renders only those.

An editor previewing a revision saves one document at a time, and waits for
the page to refresh. Rendering every page again takes seconds per hundred
documents; an edit to one document can only change:

- the pages about the whole library (home, calendar, comparison, gaps,
  news, types, fields): always rendered again;
- its organisation's pages (organisation, matrix, actors, calendars, feeds,
  exports);
- its own page, and the pages of the documents it links to or that link to
  it (they show its title), before and after the edit.

Anything else (a document added or removed, an organisation's file or the
document types changed, a new owner, which adds a calendar) gives `None`:
render everything, as a build does. A test checks that rendering by scope
gives the same files as rendering everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from styrdok.views.calendar import owners
from styrdok.data.library import Library


@dataclass(frozen=True)
class Scope:
    """The organisations and documents whose pages must be rendered again."""

    organisations: frozenset[str]
    documents: frozenset[str]


def changed_scope(old: Library, new: Library) -> Scope | None:
    """What an edit from `old` to `new` can change; None: everything."""
    if old.documents.keys() != new.documents.keys() or old.types != new.types \
            or old.organisations != new.organisations or owners(old) != owners(new):
        return None
    changed = {
        doc_id for doc_id, loaded in new.documents.items()
        if loaded.model is not old.documents[doc_id].model and loaded.model != old.documents[doc_id].model
    }
    documents = changed | linked(old, changed) | linked(new, changed)
    return Scope(frozenset(new.documents[d].organisation for d in changed), frozenset(documents))


def linked(library: Library, doc_ids: Iterable[str]) -> set[str]:
    """Documents that link to or from any of `doc_ids` (relations, replaced_by)."""
    wanted = set(doc_ids)
    out: set[str] = set()
    for doc_id, loaded in library.documents.items():
        successor = loaded.model.replaced_by
        targets = {r.document for r in loaded.model.relations if r.document} | {successor.document if successor else None} - {None}
        if doc_id in wanted:
            out |= targets
        elif targets & wanted:
            out.add(doc_id)
    return out & library.documents.keys()
