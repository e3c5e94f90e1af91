"""A document's versions on the built site: the version pages, the
changes pages, the version that stood on a day, stable section anchors,
change notes in the Atom feeds, feed autodiscovery, the schema.org
JSON-LD of every document page compared with the model, and the sitemap."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import rdflib
from rdflib.namespace import Namespace

from styrdok.data.library import load_library
from styrdok.data.model import LANGUAGES
from styrdok.views import versions

from .history_site import CURRENT, FIXTURE, MIDDLE, OLDEST, PREFIX, build, page, words
from .site_build import PROJECT

SDO = Namespace("https://schema.org/")
BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def library():
    return load_library(FIXTURE)


def test_as_it_stood_on_picks_the_version_of_that_day(library) -> None:
    for doc in (OLDEST, MIDDLE, CURRENT):  # any version of the line answers for the whole line
        assert versions.as_of(library, doc, dt.date(2015, 3, 1)) is None  # before the first adoption
        assert versions.as_of(library, doc, dt.date(2015, 3, 2)) == OLDEST
        assert versions.as_of(library, doc, dt.date(2019, 6, 9)) == OLDEST
        assert versions.as_of(library, doc, dt.date(2019, 6, 10)) == MIDDLE
        assert versions.as_of(library, doc, dt.date(2023, 2, 19)) == MIDDLE
        assert versions.as_of(library, doc, dt.date(2026, 1, 1)) == CURRENT


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_version_page_lists_the_versions_and_an_earlier_one_says_it_is_not_in_force(site: Path, language: str) -> None:
    for doc in (OLDEST, MIDDLE, CURRENT):
        p = page(site, language, doc)
        items = p.select("ol.sd-versions > li")
        assert len(items) == 3
        here = [li for li in items if li.get("aria-current") == "page"]
        assert len(here) == 1 and here[0] is items[(OLDEST, MIDDLE, CURRENT).index(doc)]
        here_url = f"/{PREFIX[language]}{doc}/"
        links = [urljoin(here_url, a["href"]) for li in items for a in li.find_all("a")]
        wanted = [f"/{PREFIX[language]}{d}/" for d in (OLDEST, MIDDLE, CURRENT) if d != doc]
        wanted += [f"/{PREFIX[language]}{d}/andringar/" for d in (MIDDLE, CURRENT)]
        assert sorted(links) == sorted(wanted)
        earlier = p.select_one(".sd-earlier")
        if doc == CURRENT:
            assert earlier is None
        else:
            assert earlier is not None
            assert urljoin(here_url, earlier.find("a")["href"]) == f"/{PREFIX[language]}{CURRENT}/"
            expected = {"sv": "Det här är inte den version som gäller", "en": "This is not the version in force"}[language]
            assert expected in words(earlier)
    oldest = [words(li) for li in page(site, "en", OLDEST).select("ol.sd-versions > li")]
    assert oldest == [
        "Version 1.0 (this page): from 2 March 2015 to 10 June 2019.",
        "Version 1.1: from 10 June 2019 to 20 February 2023. What changed in this version",
        "Version 2.0, the version in force: from 20 February 2023. What changed in this version",
    ]


def _changes(site: Path, language: str, doc: str) -> dict[str, tuple[str, list[str], list[str]]]:
    """Each compared section: its kind in words, the added and the removed texts as read aloud."""
    p = page(site, language, doc + "/andringar")
    out = {}
    for h2 in p.select("article h2[id]"):
        kind = h2.find_next_sibling("p", class_="sd-change-kind")
        text = h2.find_next_sibling()
        box = text.find_next_sibling() if text is kind else text
        ins = [words(i) for i in box.find_all("ins")] if box is not None and "sd-change-text" in (box.get("class") or []) else []
        dels = [words(d) for d in box.find_all("del")] if box is not None and "sd-change-text" in (box.get("class") or []) else []
        out[h2["id"]] = (words(kind), ins, dels)
    return out


def test_changes_page_of_the_first_revision(site: Path) -> None:
    assert not (site / OLDEST / "andringar").exists()  # nothing came before the first version
    assert _changes(site, "en", MIDDLE) == {
        "inledning": ("No change.", [], []),
        "syfte": ("Text changed.", ["New text: people of all ages (end of new text)"],
                  ["Removed text: children (end of removed text)"]),
        "lan": ("No change.", [], []),
        "avgifter": ("No change.", [], []),
        "oppettider": ("New section.", ["New text: The library is open every weekday. (end of new text)"], []),
    }
    sv = _changes(site, "sv", MIDDLE)
    assert sv["syfte"] == ("Ändrad text.", ["Ny text: i alla åldrar. (slut på ny text)"],
                           ["Borttagen text: bland barn. (slut på borttagen text)"])
    assert sv["oppettider"][0] == "Nytt avsnitt."


def test_changes_page_shows_renamed_moved_and_removed_sections_as_such(site: Path) -> None:
    assert _changes(site, "en", CURRENT) == {
        "inledning": ("No change.", [], []),
        "oppettider": ("Moved.", [], []),
        "syfte": ("No change.", [], []),
        "lan": ("New heading. Was called: «Loans».", [], []),
        "avgifter": ("Section removed.", [],
                     ["Removed text: Anyone who brings a book back late pays five kronor a day. (end of removed text)"]),
    }
    assert _changes(site, "sv", CURRENT)["lan"] == ("Ny rubrik. Hette förut: «Lån».", [], [])
    note = page(site, "en", CURRENT + "/andringar").select_one("dl.sd-change-note dd")
    assert words(note) == "The fees are gone. The section on loans is now called Loans and reservations."


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_anchors_are_the_section_ids_in_every_version(site: Path, library, language: str) -> None:
    for doc in (OLDEST, MIDDLE, CURRENT):
        p = page(site, language, doc)
        ids = versions.section_ids(library.documents[doc].model)
        for section_id in ids:
            heading = p.find(id=section_id)
            assert heading is not None and heading.name == "h2"
            link = heading.find_next_sibling("p", class_="sd-section-link").find("a")
            assert link["href"] == f"#{section_id}"
            assert link["aria-label"].endswith(words(heading))
    # A section added before others (opening hours, moved up in 2023) leaves their anchors as they were.
    assert page(site, language, OLDEST).find(id="lan") is not None
    assert page(site, language, CURRENT).find(id="lan") is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_change_notes_are_in_the_atom_feeds(site: Path, language: str) -> None:
    feed = feedparser.parse((site / PREFIX[language] / "provby" / "atom.xml").read_bytes())
    summaries = [e.summary for e in feed.entries if e.link.endswith("/provby/bibliotekspolicy/") and "#revised" in e.id]
    notes = {"sv": ["Avgifterna är borttagna.", "Syftet gäller alla åldrar."],
             "en": ["The fees are gone.", "The purpose covers all ages."]}[language]
    assert len(summaries) == 2
    assert [any(n in s for s in summaries) for n in notes] == [True, True]


@pytest.mark.parametrize("language", LANGUAGES)
def test_document_pages_name_their_feeds_in_the_head(site: Path, language: str) -> None:
    head = page(site, language, CURRENT).head
    found = {link["type"]: link["href"] for link in head.find_all("link", rel="alternate") if link.get("type")}
    root = BASE + PREFIX[language]
    assert found == {"application/atom+xml": root + "provby/atom.xml", "text/calendar": root + "kalender/provby/kalender.ics"}
    for href in found.values():
        assert (site / href.removeprefix(BASE)).is_file()


def _legislation(site: Path, language: str, doc: str) -> tuple[rdflib.Graph, rdflib.URIRef]:
    scripts = page(site, language, doc).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    graph = rdflib.Graph().parse(data=scripts[0].string, format="json-ld")
    subject = rdflib.URIRef(BASE + PREFIX[language] + doc + "/")
    assert (subject, rdflib.RDF.type, SDO.Legislation) in graph
    return graph, subject


def test_json_ld_of_every_document_page_matches_the_model(site: Path, library) -> None:
    today = dt.date(2026, 11, 23)  # STYRDOK_TODAY of the test builds
    for doc_id, loaded in library.documents.items():
        doc = loaded.model
        for language in LANGUAGES:
            graph, s = _legislation(site, language, doc_id)
            value = lambda p: {str(o) for o in graph.objects(s, p)}  # noqa: E731
            shown = language if language in doc.versions else next(iter(doc.versions))
            assert value(SDO.name) == {doc.title.get(shown)}
            assert value(SDO.inLanguage) == {shown}
            assert value(SDO.legislationIdentifier) == {doc_id}
            assert value(SDO.version) == ({doc.version} if doc.version else set())
            force = "InForce" if doc.in_force_on(today) else "NotInForce"
            assert value(SDO.legislationLegalForce) == {f"https://schema.org/{force}"}
            adopted = next(d.date for d in doc.decisions if d.kind == "adopted")
            assert value(SDO.legislationDate) == {adopted.isoformat()}
            assert value(SDO.legislationDateVersion) == {versions.start_of(doc).isoformat()}
            jurisdiction = next(graph.objects(s, SDO.legislationJurisdiction))
            assert {str(o) for o in graph.objects(jurisdiction, SDO.name)} == {library.organisations["provby"].name.get(language)}
            if language == "sv":
                assert value(SDO.workTranslation) == {BASE + "en/" + doc_id + "/"}
            else:
                assert value(SDO.translationOfWork) == {BASE + doc_id + "/"}
    graph, s = _legislation(site, "en", MIDDLE)
    assert {str(o) for o in graph.objects(s, SDO.legislationChanges)} == {BASE + "en/" + OLDEST + "/"}
    assert {str(o) for o in graph.objects(s, SDO.exampleOfWork)} == {BASE + "en/" + CURRENT + "/"}
    graph, s = _legislation(site, "en", CURRENT)
    assert {str(o) for o in graph.objects(s, SDO.legislationChanges)} == {BASE + "en/" + MIDDLE + "/"}


def test_sitemap_names_each_language_and_a_default(site: Path) -> None:
    from xml.etree import ElementTree as ET
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): {link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)}
            for u in root.findall("s:url", ns)}
    page_url = BASE + CURRENT + "/"
    assert urls[page_url] == {"sv": page_url, "en": BASE + "en/" + CURRENT + "/", "x-default": page_url}
    assert all("x-default" in alternates for alternates in urls.values())


def test_json_ld_stays_inert_with_hostile_text() -> None:
    from styrdok.render.linked_data import script
    text = str(script({"name": "</script><script>alert(1)</script> & more"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & more"}


def test_json_ld_of_every_real_document_page_matches_the_model() -> None:
    """The library's own documents (tests/site_build.built_site), both languages."""
    from .site_build import built_site

    real = built_site()
    library = load_library(PROJECT / "policy_data")
    for doc_id, loaded in library.documents.items():
        for language in LANGUAGES:
            graph, s = _legislation(real, language, doc_id)
            shown = language if language in loaded.model.versions else next(iter(loaded.model.versions))
            assert {str(o) for o in graph.objects(s, SDO.name)} == {loaded.model.title.get(shown)}
            assert {str(o) for o in graph.objects(s, SDO.legislationIdentifier)} == {doc_id}
            assert {str(o) for o in graph.objects(s, SDO.version)} == ({loaded.model.version} if loaded.model.version else set())
            types = {str(o) for o in graph.objects(s, SDO.legislationType)}
            assert types == {library.types[t].name.get(language) for t in loaded.model.types}


def test_a_document_another_refers_to_names_only_the_version_in_force(site: Path) -> None:
    """Every version of the library policy refers to the reading plan; the plan's page names the newest."""
    for language in LANGUAGES:
        p = page(site, language, "provby/lasframmjande-plan")
        relations = p.select_one("dl.sd-facts").find_all("dt")[-1].find_next_sibling("dd")
        here = f"/{PREFIX[language]}provby/lasframmjande-plan/"
        assert [urljoin(here, a["href"]) for a in relations.find_all("a")] == [f"/{PREFIX[language]}{CURRENT}/"]


def test_hostile_text_stays_inert_on_changes_pages_and_in_json_ld(tmp_path: Path) -> None:
    """A heading, a text and a change note holding markup: escaped everywhere, one script per page (the JSON-LD)."""
    import shutil

    from styrdok.render.pages import build_pages
    from styrdok.render.settings import SiteSettings

    data = tmp_path / "policy_data"
    shutil.copytree(FIXTURE, data)
    hostile = '</script><script>alert(1)</script>"'
    path = data / "documents" / f"{CURRENT}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("heading: {sv: Lån och reservationer,", f"heading: {{sv: {json.dumps(hostile)},")
    text = text.replace("body: {sv: Biblioteket har öppet varje vardag.,", f"body: {{sv: {json.dumps('Öppet ' + hostile)},")
    text = text.replace("note: {sv: Avgifterna är borttagna.", f"note: {{sv: {json.dumps(hostile)}, en: x}}\n    #")
    path.write_text(text, encoding="utf-8")
    library = load_library(data)
    assert library.documents[CURRENT].model.decisions[-1].note.get("sv") == hostile
    pages = build_pages(library, dt.date(2026, 11, 23), SiteSettings(site_url=BASE, publisher={"name": {"sv": hostile, "en": hostile}}))
    for name in (f"{CURRENT}.md", f"{MIDDLE}.md"):
        content = pages[name]
        assert content.lower().count("<script") == 1, name  # the JSON-LD element only
        data = content.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        assert "<" not in data and json.loads(data)["@type"] == "Legislation"
    changes = pages[f"{CURRENT}/andringar.md"]
    assert "<script" not in changes.lower()
    body = changes.split("\n---\n", 1)[1]  # after the front matter
    assert body.count("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # the heading, the text and the note
    assert re.search(r'<h2 id="[^"]+">[^<]*&lt;/script&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;[^<]*</h2>', body)
    catalogue = json.loads(pages["katalog.jsonld"])
    assert catalogue["dct:publisher"]["foaf:name"][0]["@value"] == hostile
