"""History, What's new and the Atom feeds on the built site."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from .site_build import built_site


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def test_document_page_shows_its_history(site: Path) -> None:
    page = BeautifulSoup((site / "vanersborg/internationell-policy/index.html").read_text(encoding="utf-8"), "lxml")
    history = page.select_one("h2#historik").find_next("ul").get_text(" ", strip=True)
    assert "29 maj 2013: Antaget av Kommunfullmäktige, § 61" in " ".join(history.split())


@pytest.mark.parametrize("feed, language, title", [
    ("nytt/atom.xml", "sv", "Antaget: Riktlinje för internationellt arbete"),
    ("en/nytt/atom.xml", "en", "Adopted: Guideline for international work"),
    ("vasteras/atom.xml", "sv", "Antaget: Riktlinje för internationellt arbete"),
    ("en/alingsas/atom.xml", "en", "Adopted: International policy"),
])
def test_atom_feeds_parse_with_newest_first(site: Path, feed: str, language: str, title: str) -> None:
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == language
    assert parsed.entries[0].title == title
    dates = [e.updated_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in parsed.entries:
        assert entry.link.startswith("http") and ("/en/" in entry.link) == (language == "en")
    if feed.startswith(("vasteras", "en/alingsas")):
        org = feed.split("/")[-2]
        assert all(f"/{org}/" in e.link for e in parsed.entries)


def test_whats_new_lists_decisions_newest_first(site: Path) -> None:
    page = BeautifulSoup((site / "en/nytt/index.html").read_text(encoding="utf-8"), "lxml")
    items = [" ".join(li.get_text().split()) for li in page.select("ul.sd-news li")]
    assert items[0].startswith("12 June 2017: Adopted – Guideline for international work")
    assert any(i.startswith("25 April 2007: Adopted – International policy (Alingsås Municipality)") for i in items)
    assert page.find("a", href="atom.xml")
