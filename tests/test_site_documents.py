"""The real site, built once: every document page in both languages shows
what its source says (checked against the source texts, not the YAML)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .site_build import PROJECT, built_site

# Values copied from ../shared/seeds by hand: title, metadata, a duty.
EXPECTED = {
    "vanersborg/internationell-policy": {
        "sv": ["Internationell Policy", "29 maj 2013", "§ 61", "1.0", "15 oktober 2013",
               "Fastställer beslut om vänorter.", "Kommunstyrelseförvaltningen", "Internationell samordnare"],
        "en": ["International policy", "29 May 2013", "§ 61", "1.0", "Municipal council"],
    },
    "vasteras/policy-internationellt-arbete": {
        "sv": ["Policy för internationellt arbete", "9 oktober 2014", "This policy is revised by 2020.",
               "International work is a tool for development."],
        "en": ["Policy for the international work", "9 October 2014", "This policy is revised by 2020.",
               "International work is a tool for development."],
    },
    "vasteras/riktlinje-internationellt-arbete": {
        "sv": ["Riktlinje för internationellt arbete", "12 juni 2017", "KS-2014/00860",
               "Utser en samordnare för internationellt arbete.", "Riktlinjen följs upp 2020."],
        "en": ["12 June 2017", "KS-2014/00860"],
    },
    "alingsas/internationell-policy": {
        "sv": ["Internationell policy", "25 april 2007", "§ 85",
               "För den befintliga nordiska vänortskedjan ansvarar kultur- och fritidsnämnden.",
               "Alingsås kommuns internationella policy ska följas upp och revideras vart fjärde år."],
        "en": ["International policy", "25 April 2007", "§ 85"],
    },
    "vaxjo/internationell-strategi": {
        "sv": ["Växjö kommuns internationella strategi", "Uppgift saknas i källan",
               "minst en gång per mandatperiod"],
        "en": ["Not stated in the source"],
    },
}


def page(site: Path, doc_id: str, language: str) -> BeautifulSoup:
    prefix = "" if language == "sv" else "en/"
    path = site / prefix / doc_id / "index.html"
    assert path.exists(), f"missing page {path.relative_to(site)}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def yaml_duty(doc_id: str, language: str) -> str:
    """The first duty of the document in the data, for the English pages
    (whose plain-English wording is ours, so it is checked against the data)."""
    data = yaml.safe_load((PROJECT / "policy_data" / "documents" / f"{doc_id}.yaml").read_text(encoding="utf-8"))

    def walk(sections):
        for s in sections:
            for r in s.get("responsibilities", []):
                for d in r["duties"]:
                    yield d[language]
            yield from walk(s.get("sections", []))
    return next(walk(data["sections"]), "")


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def test_every_document_in_the_data_is_checked_here() -> None:
    files = sorted(p.relative_to(PROJECT / "policy_data" / "documents").with_suffix("").as_posix()
                   for p in (PROJECT / "policy_data" / "documents").glob("*/*.yaml"))
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_document_page_shows_its_source(site: Path, doc_id: str, language: str) -> None:
    soup = page(site, doc_id, language)
    assert soup.html["lang"] == language
    text = " ".join(soup.select_one("article").get_text(" ").split())
    for expected in EXPECTED[doc_id][language]:
        assert expected in text, f"{doc_id} ({language}): {expected!r} not on the page"
    duty = yaml_duty(doc_id, language)
    if duty:
        assert " ".join(duty.split()[:6]) in text
    # The page says which version it shows.
    notice = soup.select_one(".sd-version")
    assert notice is not None and notice.get_text(strip=True)


def test_plain_english_pages_say_the_swedish_text_applies(site: Path) -> None:
    for doc_id in ["vanersborg/internationell-policy", "alingsas/internationell-policy", "vaxjo/internationell-strategi"]:
        notice = page(site, doc_id, "en").select_one(".sd-version").get_text(" ")
        assert "not official" in notice and "Swedish text is the one that applies" in notice


def test_swedish_page_of_an_english_only_document_marks_the_english_text(site: Path) -> None:
    soup = page(site, "vasteras/policy-internationellt-arbete", "sv")
    assert "Här finns dokumentet bara på engelska" in soup.select_one(".sd-version").get_text()
    english = [el for el in soup.select("article [lang=en]") if "tool for development" in el.get_text()]
    assert english, "the English text on the Swedish page must carry lang=en"


def test_documents_are_not_in_the_navigation(site: Path) -> None:
    nav = page(site, "alingsas/internationell-policy", "sv").select_one("nav.md-nav--primary")
    assert "alingsas/internationell-policy" not in str(nav)


def test_home_lists_every_document_in_both_languages(site: Path) -> None:
    for language, prefix in [("sv", ""), ("en", "en/")]:
        soup = BeautifulSoup((site / prefix / "index.html").read_text(encoding="utf-8"), "lxml")
        hrefs = {a["href"].rstrip("/") for a in soup.select("article a[href]")}
        for doc_id in EXPECTED:
            assert doc_id in hrefs, f"{language} home page does not link {doc_id}"


def test_not_found_pages_are_in_their_own_language(site: Path) -> None:
    for path, language in [("404.html", "sv"), ("en/404.html", "en")]:
        assert BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml").html["lang"] == language


def test_the_list_of_documents_names_every_document_with_its_status(site: Path) -> None:
    """dokument.csv and dokument.json (in the open data catalogue): every document
    once, its status on the build's day, and addresses that exist in both languages."""
    import csv
    import datetime as dt
    import json

    from styrdok.data.library import load_library

    from .site_build import TODAY

    library = load_library(PROJECT / "policy_data")
    day = dt.date.fromisoformat(TODAY)
    rows = list(csv.DictReader((site / "dokument.csv").read_text(encoding="utf-8").splitlines()))
    listed = json.loads((site / "dokument.json").read_text(encoding="utf-8"))["documents"]
    assert [r["document"] for r in rows] == [d["document"] for d in listed] == sorted(library.documents)
    for row in listed:
        doc = library.documents[row["document"]].model
        assert row["status"] == doc.shown_status(day)
        assert row["title_sv"] == (doc.title.sv or "") and row["title_en"] == (doc.title.en or "")
        for language, prefix in (("sv", ""), ("en", "en/")):
            path = row[f"address_{language}"].split("://", 1)[1].split("/", 1)[1]
            assert path == f"{prefix}{row['document']}/" and (site / path / "index.html").exists()
    assert (site / "en" / "dokument.csv").read_bytes() == (site / "dokument.csv").read_bytes()
