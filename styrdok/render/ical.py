"""iCalendar feeds (RFC 5545) of the calendar entries, one per language.

Stable across builds: each event's UID comes from the document id and the
rule's position, and DTSTAMP is "today" at midnight UTC, so the same data and
the same STYRDOK_TODAY give the same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from styrdok.views.calendar import Entry
from styrdok.data.library import Library
from styrdok.render.words import Words


_END = b"END:VCALENDAR\r\n"

# Each event as iCalendar bytes, by everything it shows. An entry is in up to
# three feeds (all, its organisation, its owner), and `mkdocs serve` writes
# the feeds again after each edit: serialising is the slow part (icalendar
# folds every line), so each event is serialised once.
_serialised: dict[tuple[str, ...], bytes] = {}


def feed(library: Library, items: list[Entry], language: str, today: dt.date, page_url: dict[str, str],
         name: str) -> bytes:
    """`page_url` maps a document id to the absolute URL of its page."""
    w = Words(language)
    cal = Calendar()
    cal.add("prodid", "-//styrdok//styrdok//" + language.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    events = [_event(library, entry, w, today, page_url[entry.doc_id]) for entry in items
              if entry.item.due is not None and entry.item.status != "done"]  # else nothing to put in a calendar
    head = cal.to_ical()
    return head[: -len(_END)] + b"".join(events) + _END


def _event(library: Library, entry: Entry, w: Words, today: dt.date, url: str) -> bytes:
    assert entry.item.due is not None
    language = w.language
    title = library.documents[entry.doc_id].model.title.prefer(language)
    duty = w["duty_" + entry.item.duty]
    lines = []
    if entry.item.rule is not None:
        lines.append(f"{w.as_written}: {entry.item.rule.as_written.prefer(language)}")
    owner = library.actor(entry.organisation, entry.owner).name.get(language) if entry.owner else w.unknown
    lines.append(f"{w.owner}: {owner}")
    lines.append(f"{w.status}: {w['review_status_' + entry.item.status]}")
    lines.append(url)
    summary, description = f"{duty.capitalize()}: {title}", "\n".join(lines)
    key = (language, today.isoformat(), entry.uid, entry.item.due.isoformat(), summary, url, description, duty)
    cached = _serialised.get(key)
    if cached is None:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc))
        event.add("dtstart", entry.item.due)
        event.add("dtend", entry.item.due + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("url", url)
        event.add("description", description)
        event.add("categories", [duty])
        cached = _serialised[key] = event.to_ical()
    return cached
