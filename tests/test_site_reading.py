"""Where am I, who publishes this, and the ways out of a page (issue 14):
on the real built site, in both languages, parsed from the HTML."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from styrdok.data.library import load_library
from styrdok.render.pages import build_pages
from styrdok.render.settings import SiteSettings

from .site_build import PROJECT, TODAY, built_site

LANGUAGES = [("sv", ""), ("en", "en/")]
DOC = "alingsas/internationell-policy"
PUBLISHER = {"sv": "Styrdok, ett fristående projekt", "en": "Styrdok, an independent project"}  # mkdocs.yml


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def words(tag) -> str:
    return " ".join(tag.get_text(" ").split())


@pytest.mark.parametrize("language, prefix", LANGUAGES)
def test_title_heading_and_breadcrumbs_name_the_organisation(site: Path, language: str, prefix: str) -> None:
    page = soup(site, prefix + DOC)
    org = {"sv": "Alingsås kommun", "en": "Alingsås Municipality"}[language]
    title = {"sv": "Internationell policy", "en": "International policy"}[language]
    assert words(page.select_one("article h1")) == f"{title} – {org}"
    assert page.title.get_text().startswith(f"{title} – {org} - ")
    crumbs = page.select("article nav.sd-breadcrumbs li")
    assert [words(li) for li in crumbs] == [{"sv": "Start", "en": "Home"}[language], org, title]
    assert [li.a["href"] for li in crumbs[:2]] == ["../../", "../"]
    assert crumbs[-1].get("aria-current") == "page"


@pytest.mark.parametrize("language, prefix", LANGUAGES)
def test_document_page_reads_summary_text_then_facts(site: Path, language: str, prefix: str) -> None:
    page = soup(site, prefix + DOC)
    article = page.select_one("article")
    first = article.find(["p", "h2", "dl"], class_=lambda c: c != "sd-print-only")
    assert "sd-summary" in first.get("class", []), "the summary line comes first"
    headings = [e.get("id") for e in article.find_all("h2")]
    assert headings.index("vem-gor-vad") < headings.index("fakta") < headings.index("historik"), headings
    summary = words(article.select_one("p.sd-summary"))
    for part in ({"sv": "Policy", "en": "Policy"}, {"sv": "25 april 2007", "en": "25 April 2007"},
                 {"sv": "Gällande", "en": "In force"}, {"sv": "Nästa översyn", "en": "Next review"}):
        assert part[language] in summary, summary
    first_section = article.find("h2")
    assert first_section.get("id") not in ("fakta", "vem-gor-vad"), "the text comes before the facts"


@pytest.mark.parametrize("language, prefix", LANGUAGES)
def test_report_link_and_print_line(site: Path, language: str, prefix: str) -> None:
    page = soup(site, prefix + DOC)
    report = page.select_one("ul.sd-actions").find("a", string={"sv": "Rapportera ett fel", "en": "Report an error"}[language])
    assert report is not None and report["href"] == "../../om/#rapportera-fel"
    about = soup(site, prefix + "om")
    assert about.find(id="rapportera-fel"), "the report link's target exists"
    printed = words(page.select_one("article .sd-print-only"))
    assert f"/{prefix}{DOC}/" in printed and {"sv": "23 november 2026", "en": "23 November 2026"}[language] in printed
    assert TODAY == "2026-11-23"
    css = (PROJECT / "docs" / "assets" / "views.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".sd-print-only { display: none; }" in css


@pytest.mark.parametrize("language, prefix", LANGUAGES)
def test_the_front_page_says_who_publishes_it_and_leads_everywhere(site: Path, language: str, prefix: str) -> None:
    page = soup(site, prefix.rstrip("/") or ".")
    publisher = words(page.select_one("article .sd-publisher"))
    assert PUBLISHER[language] in publisher
    assert {"sv": "Kommunerna ger inte ut den.", "en": "The municipalities do not publish it."}[language] in publisher
    doors = {s.h2["id"]: {a["href"] for a in s.select("a[href]")} for s in page.select("article section.sd-door")}
    assert doors["sd-door-search"] == {"#sd-search"}
    assert {"alingsas/", "vasteras/", "vanersborg/", "vaxjo/"} <= doors["sd-door-organisations"]
    assert {"jamforelse/", "alingsas/ansvar/"} <= doors["sd-door-who"]
    assert {"kalender/", "kalender/vanersborg/"} <= doors["sd-door-due"]
    assert doors["sd-door-news"] == {"nytt/"}


def test_editor_pages_are_built_but_not_in_the_readers_menu(site: Path) -> None:
    for prefix in ("", "en/"):
        page = soup(site, prefix)
        menu = {a["href"].rstrip("/").split("/")[-1] for a in page.select(".md-nav--primary a[href]")}
        for editor_page in ("luckor", "falt", "fraser", "readability"):
            assert editor_page not in menu, f"{editor_page} is in the reader's menu"
            target = site / prefix / ("redaktion/" if editor_page != "readability" else "") / editor_page / "index.html"
            assert target.exists(), target
        about = soup(site, prefix + "om")
        heading = about.find(id="lasbarhet")
        text = " ".join(words(p) for p in heading.find_next_siblings() if p.name == "p"
                        and p.find_previous("h2") is heading)
        assert "LIX" in text and "Flesch" in text
        assert "test" not in text.lower() and ".py" not in text and "[" not in text, "no test or field names"


def test_the_original_gets_its_place_when_the_data_has_it(tmp_path: Path) -> None:
    """The real documents have no address of their original yet: the page
    says so, and a document with one links it first."""
    data = tmp_path / "policy_data"
    shutil.copytree(PROJECT / "policy_data", data)
    file = data / "documents" / f"{DOC}.yaml"
    text = file.read_text(encoding="utf-8")
    assert "original: {url: null, retrieved: null}" in text
    file.write_text(text.replace("original: {url: null, retrieved: null}",
                                 "original: {url: 'https://example.org/policy.pdf', retrieved: 2026-01-05}"), encoding="utf-8")
    pages = build_pages(load_library(data), dt.date.fromisoformat(TODAY), SiteSettings(site_url="https://example.org/"))
    for name, link in ((f"{DOC}.md", "Det publicerade originalet"), (f"{DOC}.en.md", "The published original")):
        actions = pages[name].split('<ul class="sd-actions">', 1)[1].split("</ul>", 1)[0]
        assert f'<li><a href="https://example.org/policy.pdf" rel="noopener">{link}</a></li>' in actions
    before = build_pages(load_library(PROJECT / "policy_data"), dt.date.fromisoformat(TODAY), SiteSettings(site_url="https://example.org/"))
    assert "<li>Biblioteket har ingen länk till originalet.</li>" in before[f"{DOC}.md"].split('<ul class="sd-actions">', 1)[1]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_numbers_in_tables_are_aligned_on_the_right(site: Path, prefix: str) -> None:
    """Counts and scores stand in their own right-aligned cells (the readability figures)."""
    page = soup(site, prefix + "readability")
    numbers = page.select("article table td.sd-number")
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", cell.get_text(strip=True)) for cell in numbers)
    header = [th.get_text(strip=True) for th in page.select("article table thead th.sd-number")][:4]
    assert len(header) == 4
    css = (PROJECT / "docs" / "assets" / "views.css").read_text(encoding="utf-8")
    assert "td.sd-number" in css and "text-align: right" in css.split("td.sd-number", 1)[1].split("}", 1)[0]
