"""Review status on the built site with STYRDOK_TODAY=2026-11-23.

Each document's status, worked out by hand from its source:

- Västerås policy (000): "This policy is revised by 2020." Due by the end of
  2020; no revision recorded, so on 2026-11-23 the revision is late.
- Vänersborg policy (001): "Giltighet Tillsvidare"; Kommunstyrelsen
  "ansvarar för uppföljning och revidering av policyn" but the source says
  not when: responsible Kommunstyrelsen, no interval given.
- Västerås guideline (002): "Riktlinjen följs upp 2020." Follow-up due by the
  end of 2020, none recorded: late.
- Alingsås policy (003): adopted 25 April 2007, "ska följas upp och revideras
  vart fjärde år": both due 25 April 2011, late by 15 years and 212 days. The
  work (not the document) is followed up "årligen": a recurring report, last
  date 31 December 2025, next 31 December 2026, never "late".
- Växjö strategy (004): "minst en gång per mandatperiod" by the executive
  board, but no adoption date: unknown whether earlier terms were missed;
  for the current term (from 15 October 2026) at the latest 14 October 2030.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from .site_build import built_site

STATUS = {  # document → (Swedish badge, English badge) of the whole document
    "vasteras/policy-internationellt-arbete": ("Försenad", "Late"),
    "vanersborg/internationell-policy": ("Inget intervall angivet", "No interval given"),
    "vasteras/riktlinje-internationellt-arbete": ("Försenad", "Late"),
    "alingsas/internationell-policy": ("Försenad", "Late"),
    "vaxjo/internationell-strategi": ("Okänt", "Unknown"),
}


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("doc_id", sorted(STATUS))
def test_document_page_shows_its_review_status(site: Path, doc_id: str) -> None:
    for language, prefix, label in [("sv", "", STATUS[doc_id][0]), ("en", "en/", STATUS[doc_id][1])]:
        page = soup(site / prefix / doc_id / "index.html")
        badges = page.select("article .sd-status")
        assert [b.get_text(strip=True) for b in badges] == [label], f"{doc_id} {language}: the status is said once"
        assert badges[0].find_parent("p", class_="sd-summary"), "in the summary line, above the text"


def test_overdue_notice_names_the_date_and_how_late(site: Path) -> None:
    notice = soup(site / "en/vasteras/riktlinje-internationellt-arbete/index.html").select_one(".sd-summary").get_text(" ")
    assert "Was due by 31 December 2020." in " ".join(notice.split())
    assert "Late by 5 years and 327 days." in " ".join(notice.split())  # 31 Dec 2025 + 327 days


def test_vaxjo_unknown_status_says_why_and_names_the_term_end(site: Path) -> None:
    facts = " ".join(soup(site / "en/vaxjo/internationell-strategi/index.html").select_one("dl.sd-facts").get_text(" ").split())
    assert "The source gives no adoption date" in facts
    assert "14 October 2030" in facts


def test_earlier_term_is_labelled(site: Path) -> None:
    facts = " ".join(soup(site / "vanersborg/internationell-policy/index.html").select_one("dl.sd-facts").get_text(" ").split())
    assert "Antaget av kommunfullmäktige under mandatperioden 2010–2014." in facts and "En ny mandatperiod har börjat" in facts


def test_calendar_lists_overdue_first_then_years(site: Path) -> None:
    page = soup(site / "en/kalender/index.html")
    headings = [h.get_text(strip=True) for h in page.select("article h2, article h3")]
    assert headings.index("Late") < headings.index("Coming up") < headings.index("2030")
    late_table = page.select_one("h2#forsenat").find_next("table")
    late_docs = [row.select_one("th a")["href"] for row in late_table.select("tbody tr")]
    assert len(late_docs) == 4  # 000 revision, 002 follow-up, 003 follow-up and revision
    undated = page.select_one("h3#ar-utan-datum").find_next("table")
    vanersborg = [" ".join(r.get_text(" ").split()) for r in undated.select("tbody tr") if "vanersborg" in r.select_one("th a")["href"]]
    assert vanersborg and all("No interval given The source gives no interval. Municipal executive board" in r
                              for r in vanersborg), vanersborg


def test_calendar_filters_are_plain_links_per_organisation(site: Path) -> None:
    page = soup(site / "kalender/alingsas/index.html")
    rows = page.select("table.sd-calendar tbody tr")
    assert rows and all("Alingsås" in r.get_text() for r in rows)
    assert page.select_one('.sd-filters a[aria-current="page"]').get_text(strip=True) == "Alingsås kommun"


@pytest.mark.parametrize("feed", sorted({"kalender/kalender.ics", "en/kalender/kalender.ics",
                                         "kalender/alingsas/kalender.ics", "en/kalender/vaxjo/kalender.ics"}))
def test_feeds_parse_and_carry_uid_date_link_and_rule(site: Path, feed: str) -> None:
    calendar = Calendar.from_ical((site / feed).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events, feed
    for event in events:
        assert str(event["UID"]).endswith("@styrdok")
        assert isinstance(event.decoded("DTSTART"), dt.date)
        url = str(event["URL"])
        assert ("/en/" in url) == feed.startswith("en/")
        assert "As the document says" in str(event["DESCRIPTION"]) or "Enligt dokumentet" in str(event["DESCRIPTION"])


def test_feed_has_the_alingsas_four_year_revision_as_late_today(site: Path) -> None:
    calendar = Calendar.from_ical((site / "kalender/alingsas/kalender.ics").read_bytes())
    revision = [e for e in calendar.walk("VEVENT") if "Revidering" in str(e["SUMMARY"])]
    assert [str(e["SUMMARY"]) for e in revision] == ["Försenad: Revidering: Internationell policy (Alingsås kommun)"]
    assert [e.decoded("DTSTART") for e in revision] == [dt.date(2026, 11, 23)]  # the feed's "today"
    assert str(revision[0]["DESCRIPTION"]).startswith("Skulle ha gjorts senast 25 april 2011. Försenad i 15 år och 212 dagar.")
    assert "vart fjärde år" in str(revision[0]["DESCRIPTION"])
