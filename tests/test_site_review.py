"""What the review rules make the site say, on a fixture library built with
the real `mkdocs build --strict` and STYRDOK_TODAY=2026-12-01.

tests/fixtures/review/policy_data/ holds one organisation (Provby) and a
document for each case; the expected words were worked out by hand:

- okand-giltighet: validity not stated, no rule. Never "until further notice".
- ansvar-utan-intervall: the executive board is responsible, no interval.
- mandatperiod-kant: once per term, adopted 29 May 2013 (term 2010–2014),
  nothing recorded: due by the end of the term of adoption, 14 October 2014;
  late by 12 years (to 14 October 2026) and 48 days. The rule names no one,
  so the owner must act, and the page says why.
- mandatperiod-okand: once per term, no adoption date.
- arlig-rapport: a yearly report on the work: last date 31 December 2025,
  next 31 December 2026, never "late".
- forsenad-ar: revised by 2011: due 31 December 2011; to 31 December 2025
  is 14 years, then 335 days (a count by 365 would say 339).
- vart-fjarde-ar: adopted 25 April 2007, every four years: due 25 April
  2011, late by 15 years (to 25 April 2026) and 220 days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from styrdok.build.sandbox import copy_project

from .site_build import PROJECT, mkdocs_build

FIXTURE = Path(__file__).parent / "fixtures" / "review" / "policy_data"
TODAY = "2026-12-01"

REVIEW_STATUS = {  # document → what the "Review status" fact says, (sv, en)
    "okand-giltighet": (
        "Ingen regel för översyn Källan anger inte hur länge dokumentet gäller. Den anger inte heller när eller "
        "av vem det ska ses över.",
        "No review rule The source does not say how long the document is valid. It does not say when or by whom "
        "it must be reviewed either."),
    "ansvar-utan-intervall": (
        "Inget intervall angivet Uppföljning: Inget intervall angivet Källan anger inget intervall. Ansvarig: "
        "Kommunstyrelsen. Revidering: Inget intervall angivet Källan anger inget intervall. Ansvarig: Kommunstyrelsen.",
        "No interval given Follow-up: No interval given The source gives no interval. Who must act: Executive "
        "board. Revision: No interval given The source gives no interval. Who must act: Executive board."),
    "mandatperiod-kant": (
        "Försenad Uppföljning: Försenad Skulle ha gjorts senast 14 oktober 2014. Försenad i 12 år och 48 dagar. "
        "Ansvarig: Kommunledningskontoret (dokumentägaren, eftersom regeln inte namnger någon).",
        "Late Follow-up: Late Was due by 14 October 2014. Late by 12 years and 48 days. Who must act: Chief "
        "executive's office (the owner, because the rule names no one)."),
    "mandatperiod-okand": (
        "Okänt Uppföljning: Okänt Källan anger inget antagandedatum, så det går inte att veta om tidigare "
        "mandatperioder har missats. Under den nuvarande mandatperioden (2026–2030) ska det göras senast "
        "14 oktober 2030. Ansvarig: Kommunstyrelsen.",
        "Unknown Follow-up: Unknown The source gives no adoption date. So we cannot tell if an earlier term of "
        "office was missed. In the current term (2026–2030), it must be done by 14 October 2030. Who must act: "
        "Executive board."),
    "arlig-rapport": (
        "Återkommande Återrapportering om arbetet: Återkommande Återkommer varje år (senast 31 december). "
        "Senaste datum var 31 december 2025. Om det gjordes finns inte registrerat här. Nästa datum är "
        "31 december 2026. Ansvarig: Kommunstyrelsen.",
        "Recurring Report on the work: Recurring Recurs every year (by 31 December). The last date was "
        "31 December 2025. Whether it was done is not recorded here. The next date is 31 December 2026. "
        "Who must act: Executive board."),
    "forsenad-ar": (
        "Försenad Revidering: Försenad Skulle ha gjorts senast 31 december 2011. Försenad i 14 år och 335 dagar. "
        "Ansvarig: Kommunledningskontoret (dokumentägaren, eftersom regeln inte namnger någon).",
        "Late Revision: Late Was due by 31 December 2011. Late by 14 years and 335 days. Who must act: Chief "
        "executive's office (the owner, because the rule names no one)."),
    "vart-fjarde-ar": (
        "Försenad Revidering: Försenad Skulle ha gjorts senast 25 april 2011. Försenad i 15 år och 220 dagar. "
        "Ansvarig: Kommunfullmäktige.",
        "Late Revision: Late Was due by 25 April 2011. Late by 15 years and 220 days. Who must act: "
        "Municipal council."),
}

LANGUAGES = (("sv", ""), ("en", "en/"))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review-site")
    project = copy_project(PROJECT, root / "project", FIXTURE)
    result = mkdocs_build(project, root / "site", today=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def words(node: object) -> str:
    return " ".join(node.get_text(" ").split())  # type: ignore[attr-defined]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def fact(page: BeautifulSoup, label: str) -> str:
    term = next(t for t in page.select("dl.sd-facts dt") if t.get_text(strip=True) == label)
    return words(term.find_next_sibling("dd"))


@pytest.mark.parametrize("doc", sorted(REVIEW_STATUS))
def test_document_page_says_exactly_this_about_review(site: Path, doc: str) -> None:
    for (language, prefix), expected in zip(LANGUAGES, REVIEW_STATUS[doc]):
        page = soup(site / prefix / "provby" / doc / "index.html")
        calendar_link = "Revideringskalender" if language == "sv" else "Review calendar"
        assert fact(page, "Översyn" if language == "sv" else "Review status") == f"{expected} {calendar_link}"


def test_unknown_validity_is_never_until_further_notice(site: Path) -> None:
    for language, prefix in LANGUAGES:
        page = soup(site / prefix / "provby" / "okand-giltighet" / "index.html")
        text = words(page.select_one("dl.sd-facts")).lower()
        assert "tills vidare" not in text and "until further notice" not in text
        assert fact(page, "Giltighet" if language == "sv" else "Valid") == (
            "Uppgift saknas i källan" if language == "sv" else "Not stated in the source")


def test_lateness_is_said_once_in_the_summary_line(site: Path) -> None:
    late = {"mandatperiod-kant", "forsenad-ar", "vart-fjarde-ar"}
    for doc in REVIEW_STATUS:
        for _, prefix in LANGUAGES:
            page = soup(site / prefix / "provby" / doc / "index.html")
            marks = page.select("article .sd-status-overdue")
            assert len(marks) == (doc in late), doc
            if marks:
                assert marks[0].find_parent("p", class_="sd-summary"), doc


CALENDAR_ROWS = {  # (document title, duty, status, when, who must act), per language
    "sv": [
        ("Policy vart fjärde år", "revidering", "Försenad",
         "Skulle ha gjorts senast 25 april 2011. Försenad i 15 år och 220 dagar.", "Kommunfullmäktige"),
        ("Riktlinje som är försenad", "revidering", "Försenad",
         "Skulle ha gjorts senast 31 december 2011. Försenad i 14 år och 335 dagar.",
         "Kommunledningskontoret (dokumentägaren, eftersom regeln inte namnger någon)"),
        ("Strategi med känt datum", "uppföljning", "Försenad",
         "Skulle ha gjorts senast 14 oktober 2014. Försenad i 12 år och 48 dagar.",
         "Kommunledningskontoret (dokumentägaren, eftersom regeln inte namnger någon)"),
    ],
    "en": [
        ("Policy every four years", "revision", "Late",
         "Was due by 25 April 2011. Late by 15 years and 220 days.", "Municipal council"),
        ("Late guideline", "revision", "Late",
         "Was due by 31 December 2011. Late by 14 years and 335 days.",
         "Chief executive's office (the owner, because the rule names no one)"),
        ("Strategy with a known date", "follow-up", "Late",
         "Was due by 14 October 2014. Late by 12 years and 48 days.",
         "Chief executive's office (the owner, because the rule names no one)"),
    ],
}


def rows(table: BeautifulSoup) -> list[tuple[str, ...]]:
    out = []
    for row in table.select("tbody tr"):
        title = words(row.select_one("th a"))
        cells = [words(td) for td in row.select("td")]
        out.append((title, *cells[:4]))
    return out


@pytest.mark.parametrize("language, prefix", LANGUAGES)
def test_calendar_page_says_who_must_act_and_how_late(site: Path, language: str, prefix: str) -> None:
    page = soup(site / prefix / "kalender" / "provby" / "index.html")
    late = page.select_one("h2#forsenat").find_next("table")
    assert rows(late) == CALENDAR_ROWS[language]
    upcoming = {r[0]: r for r in rows(page.select_one("h3#ar-2026").find_next("table"))}
    report = upcoming["Policy med årlig rapport" if language == "sv" else "Policy with a yearly report"]
    assert report[2:] == ((
        "Återkommande", "Återkommer varje år (senast 31 december). Senaste datum var 31 december 2025. Om det "
        "gjordes finns inte registrerat här. Nästa datum är 31 december 2026.", "Kommunstyrelsen")
        if language == "sv" else (
        "Recurring", "Recurs every year (by 31 December). The last date was 31 December 2025. Whether it was "
        "done is not recorded here. The next date is 31 December 2026.", "Executive board"))
    undated = page.select_one("h3#ar-utan-datum").find_next("table")
    no_interval = "Inget intervall angivet" if language == "sv" else "No interval given"
    assert {r[2:] for r in rows(undated) if r[2] == no_interval} == {
        (no_interval, "Källan anger inget intervall." if language == "sv" else "The source gives no interval.",
         "Kommunstyrelsen" if language == "sv" else "Executive board")}
    no_rule = page.select_one("h2#ingen-regel")
    assert words(no_rule.find_next("p")) == (
        "Dokumenten nedan anger inte när eller av vem de ska ses över. Se varje dokument för vad källan säger om "
        "hur länge det gäller." if language == "sv" else
        "The documents below do not say when or by whom they must be reviewed. See each document for what its "
        "source says about how long it is valid.")
    assert "tills vidare" not in words(page).lower() and "until further notice" not in words(page).lower()


def events(site: Path, feed: str) -> dict[str, object]:
    calendar = Calendar.from_ical((site / feed).read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics_late_items_show_today_titled_late_and_naming_the_organisation(site: Path) -> None:
    for feed, title, when, who in [
        ("en/kalender/provby/kalender.ics", "Late: Revision: Late guideline (Provby Municipality)",
         "Was due by 31 December 2011. Late by 14 years and 335 days.",
         "Who must act: Chief executive's office (the owner, because the rule names no one)"),
        ("kalender/provby/kalender.ics", "Försenad: Revidering: Riktlinje som är försenad (Provby kommun)",
         "Skulle ha gjorts senast 31 december 2011. Försenad i 14 år och 335 dagar.",
         "Ansvarig: Kommunledningskontoret (dokumentägaren, eftersom regeln inte namnger någon)"),
    ]:
        event = events(site, feed)["provby/forsenad-ar/0-revision@styrdok"]
        assert str(event["SUMMARY"]) == title  # type: ignore[index]
        assert event.decoded("DTSTART") == dt.date(2026, 12, 1)  # type: ignore[attr-defined]
        lines = str(event["DESCRIPTION"]).split("\n")  # type: ignore[index]
        assert lines[0] == when and lines[2] == who
        assert lines[1] in ("Late as of 1 December 2026. So it shows on the day this calendar was made.",
                            "Försenad per 1 december 2026. Därför står den på dagen då kalendern gjordes.")


def test_ics_recurring_report_repeats_and_undated_duties_are_left_out(site: Path) -> None:
    found = events(site, "en/kalender/provby/kalender.ics")
    report = found["provby/arlig-rapport/0-report@styrdok"]
    assert str(report["SUMMARY"]) == "Report on the work: Policy with a yearly report (Provby Municipality)"  # type: ignore[index]
    assert report.decoded("DTSTART") == dt.date(2026, 12, 31)  # type: ignore[attr-defined]
    assert report["RRULE"].to_ical() == b"FREQ=YEARLY;INTERVAL=1"  # type: ignore[index]
    assert str(report["DESCRIPTION"]).split("\n")[1] == "Who must act: Executive board"  # type: ignore[index]
    unknown_term = found["provby/mandatperiod-okand/0-follow_up@styrdok"]
    assert unknown_term.decoded("DTSTART") == dt.date(2030, 10, 14)  # type: ignore[attr-defined]
    assert str(unknown_term["SUMMARY"]) == "Follow-up: Strategy with no date (Provby Municipality)"  # type: ignore[index]
    assert not any(uid.startswith(("provby/ansvar-utan-intervall/", "provby/okand-giltighet/")) for uid in found)


def test_the_editors_table_of_phrases_is_built_in_both_languages(site: Path) -> None:
    from styrdok.render.phrase_table import CASES

    for language, prefix in LANGUAGES:
        page = soup(site / prefix / "redaktion" / "fraser" / "index.html")
        body = page.select("table.sd-phrases tbody tr")
        assert len(body) == len(CASES)
        unknown = next(r for r in body if r.th.get_text(strip=True) in (
            "Källan säger inte hur länge dokumentet gäller och ger ingen regel för översyn.",
            "The source does not say how long the document is valid and gives no review rule."))
        sv, en = (words(td) for td in unknown.select("td"))
        assert sv == ("Giltighet: Uppgift saknas i källan. Översyn: Ingen regel för översyn. Källan anger inte hur "
                      "länge dokumentet gäller. Den anger inte heller när eller av vem det ska ses över.")
        assert en == ("Valid: Not stated in the source. Review status: No review rule. The source does not say how "
                      "long the document is valid. It does not say when or by whom it must be reviewed either.")
        assert unknown.select("td")[0 if language == "en" else 1].get("lang") == ("sv" if language == "en" else "en")
