"""iCalendar feeds (RFC 5545) of the calendar entries, one per language.

Stable across builds: each event's UID comes from the document id and the
rule's position, and DTSTAMP is "today" at midnight UTC, so the same data and
the same STYRDOK_TODAY give the same bytes. The words are the document
page's (review.when, review.who_acts); titles name the organisation.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from styrdok.views import review
from styrdok.views.calendar import LATE, Entry
from styrdok.data.library import Library
from styrdok.render.words import Words, format_date, say


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
              if entry.item.due is not None and entry.item.status not in ("done", "not_recorded")]
    head = cal.to_ical()
    return head[: -len(_END)] + b"".join(events) + _END


def _event(library: Library, entry: Entry, w: Words, today: dt.date, url: str) -> bytes:
    """One all-day event. A late item is put on "today" (the day the feed is
    made), titled as late: on its past date no subscriber would see it. A
    recurring report repeats (RRULE) from its next date."""
    assert entry.item.due is not None
    language = w.language
    doc = library.documents[entry.doc_id].model
    title = doc.title.prefer(language)
    org = library.organisations[entry.organisation].name.get(language)
    duty = w["duty_" + entry.item.duty]
    late = entry.item.status in LATE

    def actor_name(org_id: str, actor_id: str) -> str:
        return library.actor(org_id, actor_id).name.get(language)

    lines = [say(w, review.when(entry.item, today), actor_name)]
    if late:
        lines.append(w.ics_late_note.format(today=format_date(w, today)))
    lines.append(f"{w.who_acts}: {say(w, review.who_acts(doc, entry.item), actor_name)}")
    if entry.item.rule is not None:
        lines.append(f"{w.as_written}: {entry.item.rule.as_written.prefer(language)}")
    lines.append(f"{w.status}: {w['review_status_' + entry.item.status]}")
    lines.append(url)
    summary = f"{duty.capitalize()}: {title} ({org})"
    if late:
        summary = f"{w.ics_late}: {summary}"
    start = today if late else entry.item.due
    every = review.repeats_every(entry.item)
    description = "\n".join(lines)
    key = (language, today.isoformat(), entry.uid, start.isoformat(), str(every), summary, url, description, duty)
    cached = _serialised.get(key)
    if cached is None:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc))
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(days=1))
        if every is not None:
            event.add("rrule", {"freq": "yearly", "interval": every})
        event.add("summary", summary)
        event.add("url", url)
        event.add("description", description)
        event.add("categories", [duty])
        cached = _serialised[key] = event.to_ical()
    return cached
