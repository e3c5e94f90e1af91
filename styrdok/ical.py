"""iCalendar feeds (RFC 5545) of the calendar entries, one per language.

Stable across builds: each event's UID comes from the document id and the
rule's position, and DTSTAMP is "today" at midnight UTC, so the same data and
the same STYRDOK_TODAY give the same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from .calendar import Entry
from .library import Library
from .words import Words


def feed(library: Library, items: list[Entry], language: str, today: dt.date, page_url: dict[str, str],
         name: str) -> bytes:
    """`page_url` maps a document id to the absolute URL of its page."""
    w = Words(language)
    cal = Calendar()
    cal.add("prodid", "-//styrdok//styrdok//" + language.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    for entry in items:
        if entry.item.due is None or entry.item.status == "done":
            continue  # nothing to put in anyone's calendar
        doc = library.documents[entry.doc_id].model
        title = doc.title.prefer(language)
        duty = w["duty_" + entry.item.duty]
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.item.due)
        event.add("dtend", entry.item.due + dt.timedelta(days=1))
        event.add("summary", f"{duty.capitalize()}: {title}")
        event.add("url", page_url[entry.doc_id])
        lines = []
        if entry.item.rule is not None:
            rule_text = entry.item.rule.as_written
            lines.append(f"{w.as_written}: {rule_text.prefer(language)}")
        owner = library.actor(entry.organisation, entry.owner).name.get(language) if entry.owner else w.unknown
        lines.append(f"{w.owner}: {owner}")
        lines.append(f"{w.status}: {w['review_status_' + entry.item.status]}")
        lines.append(page_url[entry.doc_id])
        event.add("description", "\n".join(lines))
        event.add("categories", [duty])
        cal.add_component(event)
    return cal.to_ical()
