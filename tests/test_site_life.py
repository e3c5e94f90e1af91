"""A document's life on the built site: the fixture library in
tests/fixtures/life/ built once with the real `mkdocs build --strict`, and
the exact words each view says about each document, in both languages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag

from styrdok.build.sandbox import copy_project

from .site_build import PROJECT, built_site, mkdocs_build

FIXTURE = Path(__file__).parent / "fixtures" / "life" / "policy_data"
LANGS = [("sv", ""), ("en", "en/")]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(PROJECT, tmp_path_factory.mktemp("life") / "project", FIXTURE)
    out = project.parent / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def soup(path: Path) -> BeautifulSoup:
    assert path.is_file(), f"{path} was not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def words(node: Tag) -> str:
    return " ".join(node.get_text("").split())


def facts(page: BeautifulSoup) -> dict[str, Tag]:
    dl = page.select_one("dl.sd-facts")
    return {words(dt): dt.find_next_sibling("dd") for dt in dl.find_all("dt")}


def doc_page(site: Path, prefix: str, doc: str) -> BeautifulSoup:
    return soup(site / f"{prefix}provby/{doc}/index.html")


STATUS = {
    "forslag-klimatprogram": ("Förslag, inte antaget", "Proposal, not adopted"),
    "upphavd-policy": ("Gäller inte: upphävt", "Not in force: repealed"),
    "ersatt-strategi": ("Gäller inte: ersatt av ett annat dokument", "Not in force: another document replaced it"),
    "policy-och-riktlinje": ("Gällande", "In force"),
    "plan-for-tekniska-namnden": ("Gäller inte längre: slutdatumet har passerat", "No longer in force: its end date has passed"),
    "delvis-oversatt": ("Gällande", "In force"),
    "policy-och-riktlinje-2010": ("Gäller inte: ersatt av en nyare version", "Not in force: a newer version replaced it"),
    "utan-beslut": ("Gällande, men inget beslut om antagande är registrerat",
                    "In force, but no decision to adopt it is recorded"),
}
TITLES = {
    "forslag-klimatprogram": ("Klimatprogram", "Climate programme"),
    "upphavd-policy": ("Policy för vänorter", "Policy for twin towns"),
    "ersatt-strategi": ("Strategi för EU-arbete", "Strategy for EU work"),
    "policy-och-riktlinje": ("Policy och riktlinje för inköp", "Policy and guideline for purchasing"),
    "plan-for-tekniska-namnden": ("Riktlinje för gatuarbete", "Guideline for street work"),
    "delvis-oversatt": ("Policy för öppna data", "Policy for open data"),
    "policy-och-riktlinje-2010": ("Policy för inköp (2010)", "Policy for purchasing (2010)"),
    "utan-beslut": ("Strategi för besöksnäring", "Strategy for tourism"),
}
NOT_IN_FORCE = ["ersatt-strategi", "forslag-klimatprogram", "plan-for-tekniska-namnden", "policy-och-riktlinje-2010",
                "upphavd-policy"]
EXPIRED = "plan-for-tekniska-namnden"


@pytest.mark.parametrize("doc", sorted(STATUS))
@pytest.mark.parametrize("language, prefix", LANGS)
def test_every_document_page_states_its_status(site: Path, doc: str, language: str, prefix: str) -> None:
    shown = facts(doc_page(site, prefix, doc))
    status = "Status"
    assert words(shown[status]) == STATUS[doc][language == "en"]
    original = "Originaldokument" if language == "sv" else "Original document"
    assert original in shown, "every page says where the original is"
    assert ".txt" not in words(doc_page(site, prefix, doc).select_one("article")), "no internal file names"


@pytest.mark.parametrize("language, prefix, expected", [
    ("sv", "", {
        "Beslut": "3 mars 2026: Föreslaget av Kommunstyrelsens arbetsutskott, § 14, diarienummer KS 2026/40. "
                  "Enligt dokumentet: «Förslag från arbetsutskottet 3 mars 2026.»",
        "Översyn": "Ingen översyn, för dokumentet gäller inte. Så det står inte med i kalendern.",
    }),
    ("en", "en/", {
        "Decisions": "3 March 2026: Proposed by Working committee of the executive board, § 14, case number "
                     "(diarienummer) KS 2026/40. As the document says: «Proposal from the working committee on 3 March 2026.»",
        "Review status": "No review, since the document is not in force. So it is not in the calendar.",
    }),
])
def test_a_proposal_is_proposed_never_adopted(site: Path, language: str, prefix: str, expected: dict[str, str]) -> None:
    page = doc_page(site, prefix, "forslag-klimatprogram")
    shown = facts(page)
    for label, sentence in expected.items():
        assert words(shown[label]) == sentence
    text = words(page.select_one("article"))
    for adopted in ("Antaget", "Adopted", "Mandatperiod", "Term of office"):
        assert adopted not in text
    assert not page.select(".sd-overdue")


@pytest.mark.parametrize("language, prefix, decisions", [
    ("sv", "", ["1 februari 2010: Antaget av Kommunfullmäktige, § 12.",
                "20 maj 2024: Upphävt av Kommunfullmäktige, § 258, diarienummer KS 2024/7."]),
    ("en", "en/", ["1 February 2010: Adopted by Municipal council, § 12.",
                   "20 May 2024: Repealed by Municipal council, § 258, case number (diarienummer) KS 2024/7."]),
])
def test_a_repealed_document_shows_its_decision_and_one_sign(site: Path, language: str, prefix: str, decisions: list[str]) -> None:
    page = doc_page(site, prefix, "upphavd-policy")
    label = "Beslut" if language == "sv" else "Decisions"
    assert [words(li) for li in facts(page)[label].select("li")] == decisions
    assert "§ §" not in page.get_text(" ")


@pytest.mark.parametrize("language, prefix, sentence", [
    ("sv", "", "Ersatt av: Regional strategi för Europafrågor (finns inte i biblioteket)"),
    ("en", "en/", "Replaced by: Regional strategy for European matters (not in this library)"),
])
def test_a_document_replaced_by_one_outside_the_library(site: Path, language: str, prefix: str, sentence: str) -> None:
    label = "Relationer" if language == "sv" else "Related documents"
    assert [words(li) for li in facts(doc_page(site, prefix, "ersatt-strategi"))[label].select("li")] == [sentence]


@pytest.mark.parametrize("language, prefix, expected", [
    ("sv", "", {
        "Dokumenttyp": "Policy, Riktlinje",
        "Beslut": ["16 juni 2014: Antaget av Kommunfullmäktige, § 79, diarienummer KS 2014/100.",
                   "1 september 2014: Fastställt av Provby Energi AB:s styrelse. Enligt dokumentet: "
                   "«Fastställd av bolagets styrelse 1 september 2014.»"],
        "Gäller för": "hela organisationen, organisationens bolag (enligt dokumentet: «Gäller för kommunen och dess bolag.»)",
        "Beteckningar": ["Diarienummer: KS 2014/100", "Nummer i författningssamling: H 2014 nr 79"],
        "Originaldokument": "Det publicerade originalet (hämtat 1 oktober 2026)",
    }),
    ("en", "en/", {
        "Document type": "Policy, Guideline",
        "Decisions": ["16 June 2014: Adopted by Municipal council, § 79, case number (diarienummer) KS 2014/100.",
                      "1 September 2014: Confirmed by Board of Provby Energi AB. As the document says: "
                      "«Confirmed by the company's board on 1 September 2014.»"],
        "Applies to": "the whole organisation, the organisation's companies (as the document says: "
                      "«Applies to the municipality and its companies.»)",
        "Identifiers": ["Case number (diarienummer): KS 2014/100", "Number in a collection of rules: H 2014 nr 79"],
        "Original document": "The published original (retrieved 1 October 2026)",
    }),
])
def test_a_combined_document_with_two_decisions_scope_and_identifiers(
        site: Path, language: str, prefix: str, expected: dict[str, str | list[str]]) -> None:
    shown = facts(doc_page(site, prefix, "policy-och-riktlinje"))
    for label, value in expected.items():
        got = [words(li) for li in shown[label].select("li")] if isinstance(value, list) else words(shown[label])
        assert got == value, label
    original = "Originaldokument" if language == "sv" else "Original document"
    assert [a["href"] for a in shown[original].select("a")] == ["https://provby.example/styrdokument/inkop.pdf"]
    types = "Dokumenttyp" if language == "sv" else "Document type"
    assert [a["href"].split("#")[1] for a in shown[types].select("a")] == ["policy", "riktlinje"]


@pytest.mark.parametrize("language, prefix, scope, original", [
    ("sv", "", "Tekniska nämnden, gatuenheten", "Biblioteket har ingen länk till originalet."),
    ("en", "en/", "Technical committee, the street unit", "This library holds no link to the original."),
])
def test_a_scope_of_named_parts_and_no_known_original(site: Path, language: str, prefix: str, scope: str, original: str) -> None:
    shown = facts(doc_page(site, prefix, "plan-for-tekniska-namnden"))
    assert words(shown["Gäller för" if language == "sv" else "Applies to"]) == scope
    assert words(shown["Originaldokument" if language == "sv" else "Original document"]) == original


def test_a_partial_translation_marks_what_is_in_english(site: Path) -> None:
    page = doc_page(site, "en/", "delvis-oversatt")
    note = page.select_one(".sd-partial")
    assert words(note) == ("Partly translated Only some sections are in English: Purpose "
                           "The other sections are shown in Swedish, the language of the original.")
    headings = {h["id"]: h for h in page.select("article h2[id]")}
    assert "lang" not in headings["syfte"].attrs and words(headings["syfte"]) == "Purpose"
    assert headings["ansvar"]["lang"] == "sv" and words(headings["ansvar"]) == "Ansvar"
    assert words(headings["ansvar"].find_next_sibling()) == "Link to this section"
    untranslated = headings["ansvar"].find_next_sibling("p", class_="sd-untranslated")
    assert words(untranslated) == "This section is not translated. It is shown in Swedish."
    body = untranslated.find_next_sibling("div")
    assert body["lang"] == "sv" and words(body) == "Kommunstyrelsen ansvarar för öppna data."
    assert words(facts(page)["Decisions"]) == ("Date not stated in the source: Adopted by Samordningsförbundet "
                                               "Provdalen (outside the organisation).")
    assert not doc_page(site, "", "delvis-oversatt").select(".sd-partial, .sd-untranslated")


@pytest.mark.parametrize("language, prefix, earlier, current", [
    ("sv", "", "Ersatt av en nyare version: Policy och riktlinje för inköp", "Är en ny version av: Policy för inköp (2010)"),
    ("en", "en/", "Replaced by a newer version: Policy and guideline for purchasing",
     "Is a new version of: Policy for purchasing (2010)"),
])
def test_an_earlier_version_and_the_current_one_link_each_other(
        site: Path, language: str, prefix: str, earlier: str, current: str) -> None:
    label = "Relationer" if language == "sv" else "Related documents"
    old = facts(doc_page(site, prefix, "policy-och-riktlinje-2010"))[label]
    assert [words(li) for li in old.select("li")] == [earlier]
    assert old.select_one("a")["href"] == "../policy-och-riktlinje/"
    new = facts(doc_page(site, prefix, "policy-och-riktlinje"))[label]
    assert [words(li) for li in new.select("li")] == [current]


@pytest.mark.parametrize("language, prefix, sentence", [
    ("sv", "", "Biblioteket har inget beslut om dokumentet registrerat."),
    ("en", "en/", "This library records no decision on this document."),
])
def test_a_document_in_force_without_a_decision_does_not_pass_as_adopted(
        site: Path, language: str, prefix: str, sentence: str) -> None:
    shown = facts(doc_page(site, prefix, "utan-beslut"))
    assert words(shown["Beslut" if language == "sv" else "Decisions"]) == sentence
    assert words(shown["Status"]) == STATUS["utan-beslut"][language == "en"]


def _item(language: str, doc: str, types: str) -> str:
    return f"{TITLES[doc][language == 'en']} ({types}) – {STATUS[doc][language == 'en']}"


@pytest.mark.parametrize("language, prefix", LANGS)
def test_the_organisation_page_lists_every_document_with_its_status(site: Path, language: str, prefix: str) -> None:
    types = {"sv": {"program": "program", "policy": "policy", "riktlinje": "riktlinje", "strategi": "strategi"},
             "en": {"program": "programme", "policy": "policy", "riktlinje": "guideline", "strategi": "strategy"}}[language]
    page = soup(site / f"{prefix}provby/index.html")
    items = [words(li) for li in page.select_one("#dokument").find_next_sibling("ul").select("li")]
    assert items == [
        _item(language, "delvis-oversatt", types["policy"]),
        _item(language, "ersatt-strategi", types["strategi"]),
        _item(language, "forslag-klimatprogram", types["program"]),
        _item(language, "plan-for-tekniska-namnden", types["riktlinje"]),
        _item(language, "policy-och-riktlinje", f"{types['policy']}, {types['riktlinje']}"),
        _item(language, "policy-och-riktlinje-2010", types["policy"]),
        _item(language, "upphavd-policy", types["policy"]),
        _item(language, "utan-beslut", types["strategi"]),
    ]


@pytest.mark.parametrize("language, prefix", LANGS)
def test_a_combined_document_is_listed_under_each_of_its_types(site: Path, language: str, prefix: str) -> None:
    page = soup(site / f"{prefix}dokumenttyper/index.html")
    title = TITLES["policy-och-riktlinje"][language == "en"]
    under = []
    for heading in page.select("article h2, article h3"):
        listing = heading.find_next_sibling(["ul", "h2", "h3"])
        if listing is not None and listing.name == "ul" and any(
                words(a) == title for a in listing.select("a")):
            under.append(words(heading))
    assert under == {"sv": ["Policy", "Riktlinje"], "en": ["Policy", "Guideline"]}[language]


@pytest.mark.parametrize("language, prefix", LANGS)
def test_the_front_page_names_each_organisation_once_with_its_documents(site: Path, language: str, prefix: str) -> None:
    page = soup(site / f"{prefix}index.html")
    org_name = "Provby kommun" if language == "sv" else "Provby Municipality"
    org_links = [a for a in page.select("article a") if words(a) == org_name]
    assert len(org_links) == 1, "the organisation appears once, not once per list"
    titles = [words(a) for a in org_links[0].find_parent("li").select("ul a")]
    assert TITLES["policy-och-riktlinje"][language == "en"] in titles


def _left_out(page: BeautifulSoup, language: str) -> list[str]:
    return [words(li) for li in page.select("ul.sd-left-out li")]


def _expected_left_out(language: str) -> list[str]:
    return [f"{TITLES[d][language == 'en']} – {STATUS[d][language == 'en']}" for d in NOT_IN_FORCE]


@pytest.mark.parametrize("language, prefix", LANGS)
def test_responsibility_views_show_documents_in_force_and_name_the_rest(site: Path, language: str, prefix: str) -> None:
    lead = "Dokument som inte gäller är inte med här:" if language == "sv" else "Documents not in force are left out here:"
    in_force = {TITLES[d][language == "en"] for d in ("policy-och-riktlinje", "delvis-oversatt", "utan-beslut")}
    for path in ("provby/ansvar/index.html", "jamforelse/index.html", "provby/aktorer/kommunstyrelsen/index.html"):
        page = soup(site / prefix / path)
        assert words(page.select_one("p.sd-left-out")) == lead, path
        assert _left_out(page, language) == _expected_left_out(language), path
        cited = {words(a) for table in page.select("article table") for a in table.select("a")}
        assert not cited & {TITLES[d][language == "en"] for d in NOT_IN_FORCE}, path
    matrix = soup(site / prefix / "provby/ansvar/index.html")
    assert {words(th) for th in matrix.select("table.sd-matrix-org tbody th")} == in_force
    comparison = soup(site / prefix / "jamforelse/index.html")
    adopts = [words(li) for li in comparison.select_one("table.sd-comparison").select("li")]
    body = "Provby Energi AB:s styrelse" if language == "sv" else "Board of Provby Energi AB"
    council = "Kommunfullmäktige" if language == "sv" else "Municipal council"
    title = TITLES["policy-och-riktlinje"][language == "en"]
    assert adopts[0] == f"{council} ({'i' if language == 'sv' else 'in'} {title})"
    assert adopts[1].startswith(f"{body}: ")


@pytest.mark.parametrize("language, prefix", LANGS)
def test_the_calendar_has_no_document_that_is_not_in_force(site: Path, language: str, prefix: str) -> None:
    for path in ("kalender", "kalender/provby"):
        page = soup(site / prefix / path / "index.html")
        text = words(page.select_one("article"))
        for doc in NOT_IN_FORCE:
            if doc == EXPIRED:  # keeps its "validity ended" item: someone must renew it or let it lapse (README)
                assert TITLES[doc][language == "en"] in text, (path, doc)
            else:
                assert TITLES[doc][language == "en"] not in text, (path, doc)
        assert TITLES["policy-och-riktlinje"][language == "en"] in text
        ics = (site / prefix / path / "kalender.ics").read_text(encoding="utf-8")
        assert "Klimatprogram" not in ics and "Climate programme" not in ics


@pytest.mark.parametrize("language, prefix, expected", [
    ("sv", "", {
        "Föreslaget: Klimatprogram": "Föreslaget av Kommunstyrelsens arbetsutskott, § 14, Diarienummer KS 2026/40. "
                                     "Status: Förslag, inte antaget.",
        "Upphävt: Policy för vänorter": "Upphävt av Kommunfullmäktige, § 258, Diarienummer KS 2024/7. "
                                        "Status: Gäller inte: upphävt.",
        "Fastställt: Policy och riktlinje för inköp": "Fastställt av Provby Energi AB:s styrelse. Status: Gällande.",
    }),
    ("en", "en/", {
        "Proposed: Climate programme": "Proposed by Working committee of the executive board, § 14, Case number "
                                       "(diarienummer) KS 2026/40. Status: Proposal, not adopted.",
        "Repealed: Policy for twin towns": "Repealed by Municipal council, § 258, Case number (diarienummer) KS 2024/7. "
                                           "Status: Not in force: repealed.",
        "Confirmed: Policy and guideline for purchasing": "Confirmed by Board of Provby Energi AB. Status: In force.",
    }),
])
def test_the_feeds_name_each_decision_and_the_status(site: Path, language: str, prefix: str, expected: dict[str, str]) -> None:
    for path in ("nytt/atom.xml", "provby/atom.xml"):
        feed = feedparser.parse((site / prefix / path).read_text(encoding="utf-8"))
        entries = {e.title: e.summary for e in feed.entries}
        for title, summary in expected.items():
            assert entries[title] == summary, (path, title)


def test_the_matrix_exports_carry_a_status_column(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "provby/ansvarsmatris.csv").read_text(encoding="utf-8"))))
    status = {(r["document"], r["status"], r["status_sv"], r["status_en"]) for r in rows}
    assert status == {(f"provby/{d}", code, *STATUS[d]) for d, code in [
        ("forslag-klimatprogram", "proposal"), ("upphavd-policy", "repealed"), ("ersatt-strategi", "replaced"),
        ("policy-och-riktlinje", "in_force"), ("plan-for-tekniska-namnden", "expired")]}
    data = json.loads((site / "en/provby/ansvarsmatris.json").read_text(encoding="utf-8"))
    assert data["fields"][:4] == ["document", "status", "status_sv", "status_en"]
    assert {(d["document"], d["status"]) for d in data["duties"]} == {(r["document"], r["status"]) for r in rows}


# --- the real library after the migration -----------------------------------------


@pytest.fixture(scope="module")
def real_site() -> Path:
    return built_site()


@pytest.mark.parametrize("language, prefix, org, actors", [
    ("sv", "", "Växjö kommun", ["Kommunstyrelsen", "Nämnder och bolagsstyrelser", "Förvaltningar och kommunala bolag"]),
    ("en", "en/", "Växjö Municipality",
     ["Municipal executive board", "Committees and company boards", "Departments and municipal companies"]),
])
def test_vaxjo_executive_board_is_named_once_on_the_comparison(
        real_site: Path, language: str, prefix: str, org: str, actors: list[str]) -> None:
    """The review rule and the duty both make Kommunstyrelsen follow up: one row, not two."""
    page = soup(real_site / prefix / "jamforelse/index.html")
    table = page.select_one("#follow-up").find_next_sibling("table")
    row = next(tr for tr in table.select("tbody tr") if words(tr.th) == org)
    assert [words(li).split(":")[0] for li in row.select("li")] == actors


@pytest.mark.parametrize("doc", ["alingsas/internationell-policy", "vanersborg/internationell-policy",
                                 "vasteras/policy-internationellt-arbete", "vasteras/riktlinje-internationellt-arbete",
                                 "vaxjo/internationell-strategi"])
@pytest.mark.parametrize("language, prefix", LANGS)
def test_real_pages_show_no_internal_file_name_and_no_invented_address(
        real_site: Path, doc: str, language: str, prefix: str) -> None:
    page = soup(real_site / prefix / doc / "index.html")
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", page.get_text(" "))
    original = "Originaldokument" if language == "sv" else "Original document"
    none = "Biblioteket har ingen länk till originalet." if language == "sv" else "This library holds no link to the original."
    assert words(facts(page)[original]) == none


@pytest.mark.parametrize("language, prefix, expected", [
    ("sv", "", {
        "alingsas/internationell-policy": ("Relationer", ["Är en ny version av: Internationell policy (2000) (finns inte i biblioteket)"]),
        "vasteras/policy-internationellt-arbete": ("Relationer", ["Ersätter: Internationell policy (2006) (finns inte i biblioteket)"]),
        "vasteras/riktlinje-internationellt-arbete": ("Beteckningar", ["Diarienummer: KS-2014/00860"]),
        "vaxjo/internationell-strategi": ("Beslut", ["Datum saknas i källan: Antaget av Kommunfullmäktige."]),
    }),
    ("en", "en/", {
        "alingsas/internationell-policy": ("Related documents", ["Is a new version of: International policy (2000) (not in this library)"]),
        "vasteras/policy-internationellt-arbete": ("Related documents", ["Replaces: International policy (2006) (not in this library)"]),
        "vasteras/riktlinje-internationellt-arbete": ("Identifiers", ["Case number (diarienummer): KS-2014/00860"]),
        "vaxjo/internationell-strategi": ("Decisions", ["Date not stated in the source: Adopted by Municipal council."]),
    }),
])
def test_real_documents_say_what_their_sources_say(real_site: Path, language: str, prefix: str,
                                                   expected: dict[str, tuple[str, list[str]]]) -> None:
    for doc, (label, items) in expected.items():
        shown = facts(soup(real_site / prefix / doc / "index.html"))[label]
        assert [words(li) for li in shown.select("li")][:len(items)] == items, doc
    scope = facts(soup(real_site / prefix / "vasteras/riktlinje-internationellt-arbete/index.html"))
    assert words(scope["Gäller för" if language == "sv" else "Applies to"]) == {
        "sv": "hela organisationen, organisationens bolag (enligt dokumentet: «Riktlinjen gäller för stadens samtliga "
              "verksamheter och bolag.»)",
        "en": "the whole organisation, the organisation's companies (as the document says: «The guideline applies to "
              "all of the city's services and companies.»)"}[language]
