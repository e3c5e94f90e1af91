"""Readers for what the build step wrote (docs-relative name → bytes): each
output parsed by the library its readers use, so a case can check that a
hostile text arrives intact and inert. Shared by the corpus cases and the
fuzz test of check and build (tests/test_fuzz_build.py)."""

from __future__ import annotations

import yaml

import csv
import io
import json
import re

import feedparser
import icalendar
from lxml import etree

# The base library's exports and feeds (tests/conftest.py).
CSV = "testby/ansvarsmatris.csv"
JSON = "testby/ansvarsmatris.json"
ATOM = "nytt/atom.xml"
ATOM_EN = "nytt/atom.en.xml"
ICS = "kalender/testby/kalender.ics"
ICS_EN = "kalender/testby/kalender.en.ics"


def csv_rows(files: dict[str, bytes], name: str = CSV) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].decode("utf-8"), newline="")))


def json_data(files: dict[str, bytes], name: str = JSON) -> dict:
    return json.loads(files[name].decode("utf-8"))


def atom_entries(files: dict[str, bytes], name: str = ATOM) -> list:
    etree.fromstring(files[name])  # well-formed XML, or lxml raises
    parsed = feedparser.parse(files[name])
    assert not parsed.bozo, f"{name}: {parsed.bozo_exception}"
    return parsed.entries


def ics_events(files: dict[str, bytes], name: str = ICS) -> list:
    calendar = icalendar.Calendar.from_ical(files[name])
    return list(calendar.walk("VEVENT"))


def parse_every_output(files: dict[str, bytes]) -> int:
    """Parse every feed and export that was written; return how many."""
    count = 0
    for name in files:
        if name.endswith(".xml"):
            atom_entries(files, name)
        elif name.endswith(".ics"):
            ics_events(files, name)
        elif name.endswith(".json"):
            json_data(files, name)
        elif name.endswith(".csv"):
            csv_rows(files, name)
        else:
            continue
        count += 1
    return count


FORMULA = re.compile(r"^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]")


def cell_text(cell: str) -> str:
    """The text of a CSV cell, without the `'` that neutralises a formula."""
    return cell[1:] if cell.startswith("'") and FORMULA.match(cell[1:]) else cell


def formula_cells(files: dict[str, bytes]) -> list[str]:
    """Cells of every CSV written that a spreadsheet would run as a formula."""
    return [cell for name in files if name.endswith(".csv")
            for row in csv_rows(files, name) for cell in row.values() if FORMULA.match(cell)]


def raw_markup(files: dict[str, bytes], tags: tuple[str, ...] = ("script", "/title", "iframe", "img")) -> list[str]:
    """Generated Markdown pages that hold one of `tags` as a real tag. A
    page's front matter (the search's record) is data, not markup: it must
    parse as YAML, and the theme prints its values escaped."""
    found = []
    for name, content in files.items():
        if name.endswith(".md"):
            text = content.decode("utf-8")
            if text.startswith("---\n"):
                front, text = text[4:].split("\n---\n", 1)
                assert isinstance(yaml.safe_load(front), dict), f"{name}: the front matter is not a mapping"
            # The page's own JSON-LD (render/linked_data.py) is the one script element a page has:
            # it must parse, and hold no `<` of its own, so no text can end it.
            for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, flags=re.S):
                assert "<" not in data, f"{name}: a `<` inside the JSON-LD"
                json.loads(data)
            text = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
            found += [f"{name}: <{tag}" for tag in tags if f"<{tag}" in text.lower()]
    return found
