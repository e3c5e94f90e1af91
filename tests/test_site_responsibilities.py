"""Who is responsible, on the built site: duties from the sources land in the
right row (section) and column (actor) of the matrices, in both languages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .site_build import built_site


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def soup(site: Path, path: str) -> BeautifulSoup:
    file = site / path / "index.html"
    assert file.exists(), path
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def cell(page: BeautifulSoup, row_heading: str, column: str) -> str:
    """The duties behind the matrix cell at (row, column), found by their
    visible labels: the cell holds a mark that links to the actor's duties
    in that row, listed under the matrix."""
    table = page.select_one("table.sd-matrix")
    columns = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert column in columns, f"no column {column!r} in {columns}"
    for row in table.select("tbody tr"):
        if row.th.get_text(" ", strip=True) == row_heading:
            mark = row.find_all(["th", "td"])[columns.index(column)].select_one("a.sd-mark")
            assert mark is not None, f"no mark at ({row_heading!r}, {column!r})"
            target = page.find(id=mark["href"].removeprefix("#"))
            assert target is not None and target.name == "li", mark["href"]
            assert target.find_parent("section")["id"] == table.select("thead th")[columns.index(column)].a["href"][1:]
            return target.get_text(" ", strip=True)
    raise AssertionError(f"no row {row_heading!r}")


# (document, language, row, column, words of a duty in the source or our translation)
CASES = [
    ("vasteras/riktlinje-internationellt-arbete", "sv", "Stöd", "Servicepartner",
     "Erbjuder administrativt stöd i projektets alla faser"),
    ("vasteras/riktlinje-internationellt-arbete", "en", "Support", "Service partner", "administrative support"),
    ("alingsas/internationell-policy", "sv", "Organisation", "Kultur- och fritidsnämnden",
     "För den befintliga nordiska vänortskedjan ansvarar"),
    ("alingsas/internationell-policy", "en", "Organisation", "Culture and leisure committee", "twin town"),
    ("vanersborg/internationell-policy", "sv", "Ansvar", "Kommunstyrelsens arbetsutskott",
     "Kommunstyrelsens arbetsutskott utgör genom delegering styrgrupp"),
    ("vanersborg/internationell-policy", "en", "Who is responsible", "Working committee of the executive board",
     "steers the work with other countries"),
]


@pytest.mark.parametrize("doc_id, language, row, column, words", CASES)
def test_duty_lands_in_its_row_and_column(site: Path, doc_id: str, language: str, row: str, column: str, words: str) -> None:
    page = soup(site, ("" if language == "sv" else "en/") + doc_id)
    assert words in cell(page, row, column)


def test_matrix_is_accessible_table(site: Path) -> None:
    table = soup(site, "vasteras/riktlinje-internationellt-arbete").select_one("table.sd-matrix")
    assert table.caption and table.caption.get_text(strip=True)
    assert all(th.get("scope") in ("col", "row") for th in table.select("th"))


def test_actor_page_lists_every_duty_with_links_back(site: Path) -> None:
    page = soup(site, "vasteras/aktorer/stadsledningskontoret")
    text = page.select_one("article").get_text(" ")
    assert "Utser en samordnare för internationellt arbete." in text
    assert "Sammanställer en årlig rapport till kommunstyrelsen" in text
    links = {a["href"] for a in page.select("article .sd-label a")}
    assert "../../riktlinje-internationellt-arbete/#samordning" in links


def test_actor_page_links_the_body_it_belongs_to(site: Path) -> None:
    page = soup(site, "en/vanersborg/aktorer/kommunstyrelsens-arbetsutskott")
    facts = page.select_one("dl.sd-facts")
    assert facts.find("a", href="../kommunstyrelsen/").get_text() == "Municipal executive board"
    board = soup(site, "vanersborg/aktorer/kommunstyrelsen")
    assert board.select_one("dl.sd-facts").find("a", href="../kommunstyrelsens-arbetsutskott/")


def test_organisation_matrix_shows_the_duties_behind_each_mark(site: Path) -> None:
    page = soup(site, "alingsas/ansvar")
    table = page.select_one("table.sd-matrix")
    columns = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    row = table.select_one("tbody tr")
    value = row.find_all(["th", "td"])[columns.index("Kultur- och fritidsnämnden")]
    target = page.find(id=value.a["href"].removeprefix("#"))
    assert "vänortskedjan" in target.get_text(" "), "the mark leads to the duties themselves, not a count"
    actor = target.find_parent("section")
    assert actor.h3.a["href"] == "../aktorer/kultur-och-fritidsnamnden/"
    assert soup(site, "alingsas").find("a", href="ansvar/"), "the organisation page links its matrix"


def test_exports_parse_and_hold_the_duties(site: Path) -> None:
    for prefix in ("", "en/"):
        rows = list(csv.DictReader(io.StringIO((site / prefix / "vasteras/ansvarsmatris.csv").read_text(encoding="utf-8"))))
        data = json.loads((site / prefix / "vasteras/ansvarsmatris.json").read_text(encoding="utf-8"))
        assert rows == data["duties"]
        service = [r for r in rows if r["actor"] == "servicepartner"]
        assert service and all(r["section"] == "stod" for r in service)
        assert any(r["duty_sv"].startswith("Erbjuder administrativt stöd") for r in service)


def test_comparison_shows_each_municipality_side_by_side(site: Path) -> None:
    page = soup(site, "en/jamforelse")
    def answers(question_id: str) -> dict[str, str]:
        table = page.select_one(f"h2#{question_id}").find_next("table")
        return {row.th.get_text(strip=True): row.td.get_text(" ", strip=True) for row in table.select("tbody tr")}
    twin = answers("twin-towns")
    assert "Culture and leisure committee" in twin["Alingsås Municipality"]
    assert twin["Växjö Municipality"] == "Not stated"
    owners = answers("owns")
    assert "Executive board's administration" in owners["Vänersborg Municipality"]
    assert owners["City of Västerås"] == "Not stated"
    follow = answers("follow-up")
    assert "at least once in each term" in follow["Växjö Municipality"]
