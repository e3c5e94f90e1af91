"""Atom feeds of adoptions and revisions, so people who follow a document
learn that it changed. Stable bytes: entry ids come from the document and
the revision's number, and `updated` from the newest entry, never the clock."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from styrdok.views.history import Event
from styrdok.data.library import Library
from styrdok.render.words import Words, status_key


def _time(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def feed(library: Library, events: list[Event], language: str, feed_url: str, page_url: dict[str, str],
         title: str, site_url: str, today: dt.date) -> str:
    w = Words(language)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    fg.language(language)
    fg.link(href=feed_url, rel="self")
    fg.link(href=site_url, rel="alternate")
    fg.generator("styrdok")
    newest = max((e.date for e in events if e.date), default=dt.date(2000, 1, 1))
    fg.updated(_time(newest))
    for event in reversed(events):  # feedgen prepends: add oldest first
        doc = library.documents[event.doc_id].model
        name = doc.title.prefer(language)
        decision = event.decision
        body = (library.actor(event.organisation, decision.body).name.get(language) if decision.body
                else decision.outside_body.prefer(language) if decision.outside_body else w.unknown)
        entry = fg.add_entry()
        entry.id(f"{page_url[event.doc_id]}#{event.kind}-{event.number}")
        entry.title(f"{w['event_' + event.kind]}: {name}")
        entry.link(href=page_url[event.doc_id])
        entry.updated(_time(event.date))
        entry.published(_time(event.date))
        parts = [f"{w['event_' + event.kind]} {w.event_by} {body}"]
        if event.decision.paragraph:
            parts.append(f"§ {event.decision.paragraph}")
        if event.decision.diary_number:
            parts.append(f"{w.diary_number} {event.decision.diary_number}")
        summary = ", ".join(parts) + f". {w.status}: {w[status_key(doc, today)]}."
        if event.note:
            summary += " " + event.note.prefer(language)
        entry.summary(summary)
    return fg.atom_str(pretty=True).decode("utf-8")
