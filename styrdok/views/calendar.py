"""The revision calendar: every dated duty of every document, as of today.

A derived view: it reads the library and the review engine and gives the
calendar page and the iCalendar feeds the same entries in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from styrdok.data.library import Library
from styrdok.views.review import DueItem, evaluate, in_force

LATE = ("overdue", "expired")


@dataclass(frozen=True)
class Entry:
    doc_id: str
    organisation: str
    owner: str | None  # actor id within the organisation
    index: int  # position among the document's items: part of a stable UID
    item: DueItem

    @property
    def uid(self) -> str:
        return f"{self.doc_id}/{self.index}-{self.item.duty}@styrdok"


def entries(library: Library, today: dt.date, window: int) -> list[Entry]:
    """Overdue first (longest overdue at the top), then by date; undated last.
    Only documents in force: nothing is due of a proposal or a repealed document."""
    out = [
        Entry(doc_id, loaded.organisation, loaded.model.owner, index, item)
        for doc_id, loaded in sorted(library.documents.items()) if in_force(loaded.model)
        for index, item in enumerate(evaluate(loaded.model, today, window))
    ]
    return sorted(out, key=_order)


def _order(entry: Entry) -> tuple[int, dt.date, str, int]:
    overdue = entry.item.status in LATE
    return (0 if overdue else 1, entry.item.due or dt.date.max, entry.doc_id, entry.index)


def overdue(items: Iterable[Entry]) -> list[Entry]:
    return [e for e in items if e.item.status in LATE]


def by_year(items: Iterable[Entry]) -> list[tuple[int | None, list[Entry]]]:
    """Entries still to do (not late, not done, not a past report), grouped by the year they are due."""
    upcoming = [e for e in items if e.item.status not in (*LATE, "done", "not_recorded")]
    upcoming.sort(key=lambda e: (e.item.due or dt.date.max, e.doc_id, e.index))
    return [(year, list(group)) for year, group in groupby(upcoming, key=lambda e: e.item.due.year if e.item.due else None)]


def owners(library: Library) -> list[tuple[str, str]]:
    """(organisation, owner) pairs that own at least one document."""
    return sorted({(d.organisation, d.model.owner) for d in library.documents.values() if d.model.owner})

