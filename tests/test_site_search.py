"""The site search (Pagefind) on the built site: which pages are indexed,
with which filters and facts, what is left out, and that the index is the
same bytes from the same pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st

from styrdok.build import search_index
from styrdok.render import page_file, search

from .site_build import PROJECT, built_site, file_hashes, html_pages, search_fragments

DOC = "vaxjo/internationell-strategi"


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def record(page: BeautifulSoup) -> tuple[dict[str, str], dict[str, str]]:
    filters = {e["data-pagefind-filter"]: e.get_text() for e in page.select("[data-pagefind-filter]")}
    meta = {e["data-pagefind-meta"]: e.get_text() for e in page.select("[data-pagefind-meta]")}
    return filters, meta


def indexed(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in html_pages(site)
            if "data-pagefind-body" in p.read_text(encoding="utf-8")}


def test_only_documents_organisations_and_actors_are_indexed(site: Path) -> None:
    documents = {f"{p.parent.name}/{p.stem}" for p in (PROJECT / "policy_data/documents").glob("*/*.yaml")}
    organisations = {p.stem for p in (PROJECT / "policy_data/organisations").glob("*.yaml")}
    actors = {p.parent.relative_to(site).as_posix() for p in site.glob("*/aktorer/*/index.html")}
    expected = documents | organisations | actors
    assert len(actors) > 10
    assert indexed(site) == expected | {f"en/{path}" for path in expected}
    for page in ("", "kalender", "jamforelse", "nytt", "om", "vaxjo/ansvar", "redaktion/luckor", "en/kalender"):
        assert "data-pagefind" not in (site / page / "index.html").read_text(encoding="utf-8"), page


@pytest.mark.parametrize("prefix, expected", [
    ("", {"organisation": "Växjö kommun", "type": "Strategi", "status": "Gällande"}),
    ("en/", {"organisation": "Växjö Municipality", "type": "Strategy", "status": "In force"}),
])
def test_a_document_has_its_filters_and_facts_in_the_pages_language(site: Path, prefix: str, expected: dict[str, str]) -> None:
    page = soup(site, prefix + DOC)
    filters, meta = record(page)
    assert set(filters) == set(search.FILTERS)
    assert {k: filters[k] for k in expected} == expected
    assert filters["review"] in {"Försenad", "Snart dags", "I tid", "Okänt", "Genomförd", "Ingen regel för översyn",
                                 "Late", "Due soon", "On time", "Unknown", "Done", "No review rule"}
    # The result names the organisation apart (organisation · type · status), so its title is the
    # document's own, which the page's heading begins with ("Title – Organisation").
    assert page.select_one("article h1").get_text(" ", strip=True).startswith(meta["title"] + " – ")
    assert {k: meta[k] for k in expected} == expected
    # The filters and facts are read by Pagefind, not shown, and not searched as body text.
    assert all(e.find_parent(attrs={"hidden": True}) for e in page.select("[data-pagefind-filter], [data-pagefind-meta]"))
    assert not [e for e in page.select("[data-pagefind-filter]") if e.find_parent(attrs={"data-pagefind-body": True})]


def test_organisation_and_actor_pages_name_their_organisation(site: Path) -> None:
    filters, meta = record(soup(site, "en/vaxjo"))
    assert filters == {"organisation": "Växjö Municipality"} and meta["type"] == "Organisation"
    filters, meta = record(soup(site, "vaxjo/aktorer/kommunstyrelsen"))
    assert filters == {"organisation": "Växjö kommun"}
    assert meta["title"] == "Kommunstyrelsen" and meta["type"] == "styrelse"


def test_navigation_and_footer_are_outside_the_indexed_body(site: Path) -> None:
    page = soup(site, DOC)
    body = page.select("[data-pagefind-body]")
    assert len(body) == 1
    assert not body[0].select("nav.md-nav, footer, header, .md-sidebar")
    assert body[0].select_one("h1")


def test_repeated_labels_and_notices_are_not_indexed(site: Path) -> None:
    """Only the values of a document's facts are searched, not their labels
    or the notices every document page repeats."""
    fragments = {f["url"]: f["content"] for _, f in search_fragments(site)}
    page = soup(site, DOC)
    labels = [dt.get_text(" ", strip=True) for dt in page.select(".sd-facts dt")]
    notice = page.select_one(".sd-version p:not(.admonition-title)").get_text(" ", strip=True)
    content = fragments[f"/{DOC}/"]
    assert "Dokumenttyp" in labels and "Dokumenttyp" not in content
    assert notice not in content
    assert page.select_one(".sd-facts dd").get_text(" ", strip=True) in content
    assert not [url for url in fragments if "/kalender/" in url or url.endswith("/ansvar/")]


def test_what_the_library_says_elsewhere_is_shown_but_not_indexed(site: Path) -> None:
    """A document's duties are indexed once, from its sections, though the
    page shows them again by actor; an actor page is found by its name and
    facts, not by the duties it copies from each document; the summary line
    and the links under each heading stay out too."""
    fragments = {f["url"]: f["content"] for _, f in search_fragments(site)}
    page = soup(site, DOC)
    duty = page.select_one(".sd-by-actor li li").get_text(" ", strip=True)
    shown = page.select_one("[data-pagefind-body]").get_text(" ", strip=True)
    assert shown.count(duty) >= 2 and fragments[f"/{DOC}/"].count(duty) == 1, duty
    for left_out in (".sd-summary", ".sd-section-link", ".sd-legend"):
        text = page.select_one(left_out).get_text(" ", strip=True)
        assert text and text not in fragments[f"/{DOC}/"].replace(page.select_one("h1").get_text(" ", strip=True), ""), left_out
    actor = "vaxjo/aktorer/kommunstyrelsen"
    page = soup(site, actor)
    duties = [li.get_text(" ", strip=True) for li in page.select(".sd-responsibility li")]
    content = fragments[f"/{actor}/"]
    assert duties and not [d for d in duties if d in content]
    assert content.startswith(page.select_one("h1").get_text(" ", strip=True))
    assert page.select_one(".sd-facts dd").get_text(" ", strip=True) in content


def _word_index(site: Path, language: str) -> tuple[list[list], list[list]]:
    """A language's chunk list (first, last, file) and each chunk's words
    (the word, its pages and their positions, its forms with diacritics)."""
    import json

    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = search_index._read(bundle / f"pagefind.{entry['languages'][language]['hash']}.pf_meta")
    return meta[2], [search_index._read(bundle / "index" / f"{name}.pf_index")[0] for *_, name in meta[2]]


def _chunk_for(bounds: list[list], term: str) -> int | None:
    """The chunk Pagefind 1.5's search loads for a term (pagefind_web,
    request_indexes): the first whose bounds hold the term, else the first
    whose bounds, cut to the term's length, do."""
    for i, (first, last, _) in enumerate(bounds):
        if first <= term <= last:
            return i
    for i, (first, last, _) in enumerate(bounds):
        if term[:len(first)] >= first[:len(term)] and term[:len(last)] <= last[:len(term)]:
            return i
    return None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_word_is_in_the_chunk_the_search_loads_for_it(site: Path, language: str) -> None:
    """The word index is cut into small chunks (a query downloads one); the
    search finds every word, and every word that begins with a word of
    WHOLE_PREFIX letters or more is in that word's chunk (unless together
    they hold more than RUN_POSITIONS), so "vänort" finds "vänortsarbete"."""
    bounds, chunks = _word_index(site, language)
    assert len(chunks) > 3, "the real library should need several chunks"
    where = {word[0]: i for i, words in enumerate(chunks) for word in words}
    size = {word[0]: search_index._positions(word) for words in chunks for word in words}
    assert sum(map(len, chunks)) == len(where)
    assert [w[0] for words in chunks for w in words] == sorted(where)
    missed = [w for w, i in where.items() if _chunk_for(bounds, w) != i]
    assert not missed, missed[:10]
    runs = {w: [other for other in where if other.startswith(w)] for w in where if len(w) >= search_index.WHOLE_PREFIX}
    apart = [(w, other) for w, run in runs.items() if sum(size[o] for o in run) <= search_index.RUN_POSITIONS
             for other in run if where[other] != where[w]]
    assert not apart, apart[:10]


def test_the_word_index_is_cut_where_no_word_continues() -> None:
    def word(text: str, positions: int) -> list:
        return [text, [[0, [1] * (positions - 1), []]], []]

    big = search_index.CHUNK_POSITIONS
    words = [word("a", big), word("upp", big), word("uppdat", big), word("uppfoljning", big), word("uppg", big),
             word("van", big), word("vanort", big), word("vanortsarbet", 1), word("vanortsforening", 1), word("var", big)]
    chunks = [[w[0] for w in chunk] for chunk in search_index._cut(words)]
    assert chunks == [["a"], ["upp", "uppdat"], ["uppfoljning"], ["uppg"], ["van", "vanort", "vanortsarbet", "vanortsforening"], ["var"]]
    # A run too big to keep whole is cut where a chunk is full, as Pagefind would.
    many = [word("kommun", big)] + [word(f"kommun{c}", search_index.RUN_POSITIONS // 10) for c in "abcdefghijkl"]
    chunks = [[w[0] for w in chunk] for chunk in search_index._cut(many)]
    assert len(chunks) > 1 and chunks[0][:2] == ["kommun", "kommuna"]


def test_no_words_run_together_in_the_index(site: Path) -> None:
    """Text from neighbouring elements stays apart in what is indexed and
    shown as snippets: no "…councilExecutive board…" (Pagefind does not
    part table cells; the table headings that did are left out)."""
    joined = re.compile(r"[a-zåäö.,)]{2,}[A-ZÅÄÖ][a-zåäö]{2,}")
    found = [(f["url"], m.group()) for _, f in search_fragments(site) for m in joined.finditer(f["content"])]
    assert not found, found[:10]


def test_the_pagefind_bundle_has_one_index_per_language(site: Path) -> None:
    import json

    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "sv"]
    pages = len(indexed(site)) // 2
    assert entry["languages"]["sv"]["page_count"] == entry["languages"]["en"]["page_count"] == pages
    assert not (site / "search").exists() and not (site / "en/search").exists(), "Material's search index is gone"


def test_the_header_search_finds_the_bundle_from_every_depth(site: Path) -> None:
    for path in ("", DOC, "en", "en/" + DOC, "en/vaxjo/aktorer/kommunstyrelsen"):
        page = soup(site, path)
        data = page.select_one("#sd-search .sd-search__data")
        assert data is not None, path
        root = __import__("json").loads(data.get_text())["root"]
        assert (site / path / root / "pagefind/pagefind.js").resolve() == (site / "pagefind/pagefind.js").resolve(), path
        assert page.select_one("button.sd-search-open[aria-controls=sd-search]")


def test_the_same_pages_give_the_same_index_bytes(site: Path, tmp_path: Path) -> None:
    """Pagefind writes its filter files in hash-map order; search_index.make_stable
    fixes the order. Indexed three times, the bundle is the same each time."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    runs = []
    for _ in range(3):
        search_index.write_index(copy)
        runs.append({k: v for k, v in file_hashes(copy).items() if k.startswith("pagefind/")})
    assert runs[0] == runs[1] == runs[2]
    assert any(k.startswith("pagefind/filter/") for k in runs[0])
    assert runs[0] == {k: v for k, v in file_hashes(site).items() if k.startswith("pagefind/")}


def test_pagefind_runs_over_parts_of_the_site_give_the_index_of_one_run(site: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The index is made by Pagefind runs over parts of the site, each
    language apart and in runs of at most PAGES_PER_RUN pages (each run holds
    its pages in memory); the bundle must be the one a single run over the
    whole site makes."""
    built = {k: v for k, v in file_hashes(site).items() if k.startswith("pagefind/")}
    runs = search_index.run_globs(site)
    assert runs[-1] == "en/**/*.html" and len(runs) == 2, runs
    small = search_index.run_globs(site, pages_per_run=10)
    assert len(small) > 6 and sum(run.startswith("en/") or run.startswith("{en/") for run in small) > 3, small
    for name, per_run in (("whole", None), ("small parts", 10)):
        copy = tmp_path / name
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        with monkeypatch.context() as patch:
            if per_run is None:
                patch.setattr(search_index, "run_globs", lambda site_dir: [None])
            else:
                patch.setattr(search_index, "PAGES_PER_RUN", per_run)
            search_index.write_index(copy)
        assert {k: v for k, v in file_hashes(copy).items() if k.startswith("pagefind/")} == built, name


def test_the_installed_pagefind_is_the_one_the_index_rewriting_was_written_for() -> None:
    from importlib.metadata import version

    assert version("pagefind") == version("pagefind_bin") == search_index.PAGEFIND_VERSION, (
        "Pagefind changed: check make_stable and cut_word_index against its new bundle layout, then update "
        "PAGEFIND_VERSION")


def test_front_matter_keeps_hostile_text_inert() -> None:
    text = 'a\n---\n"x": 1\n</script><script>alert(1)</script> \x07 =SUM(A1)'
    front = page_file.front_matter(search.Record(meta={"title": text}, filters={"organisation": text}).as_data())
    import yaml

    assert front.startswith("---\n") and front.count("\n---\n") == 1
    assert yaml.safe_load(front.split("---\n")[1]) == {"pagefind": {"meta": {"title": text}, "filters": {"organisation": text}}}


@settings(max_examples=400, deadline=None)
@given(st.text(), st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_front_matter_reads_back_exactly_as_mkdocs_reads_it(title: str, organisation: str) -> None:
    """Any text, line separators and C1 controls included, comes back from
    MkDocs' front-matter reader as it went in."""
    from mkdocs.utils import meta

    more = {"feeds": [{"title": organisation, "href": "x.xml"}]}
    record = search.Record(meta={"title": title}, filters={"organisation": organisation})
    body, data = meta.get_data(page_file.front_matter({**record.as_data(), **more}) + "# Rubrik\n")
    assert data == {"pagefind": {"meta": {"title": title}, "filters": {"organisation": organisation}}, **more}
    assert body == "# Rubrik\n"


@pytest.mark.parametrize("url, root", [("", "./"), ("vaxjo/", "../"), ("en/", "../"), ("en/vaxjo/aktorer/ks/", "../../../../")])
def test_site_root(url: str, root: str) -> None:
    assert search.site_root(url) == root


def _what_the_bundle_says(bundle: Path) -> dict[tuple[str, ...], list[Any]]:
    """Each word, form and filter value of a Pagefind bundle with the pages it
    is on, the pages named by their fragment (whatever their numbers), and
    its places on each page."""
    import itertools
    import json

    said: dict[tuple[str, ...], list[Any]] = {}
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta = search_index._read(bundle / f"pagefind.{info['hash']}.pf_meta")
        names = [name for name, _ in meta[1]]

        def on(pages: list[list[Any]]) -> list[Any]:  # a word's pages: the first page's number, then steps
            numbers = itertools.accumulate(page[0] for page in pages)
            return sorted((names[n], repr(page[1:])) for n, page in zip(numbers, pages))

        for _, _, chunk in meta[2]:
            for word, pages, forms in search_index._read(bundle / "index" / f"{chunk}.pf_index")[0]:
                said[(language, word)] = on(pages)
                for form, form_pages in forms:
                    said[(language, word, form)] = on(form_pages)
        for name, chunk in meta[3]:
            for value, pages in search_index._read(bundle / "filter" / f"{chunk}.pf_filter")[1]:
                said[(language, name, value)] = sorted(names[n] for n in pages)
        said[(language,)] = sorted(meta[1])
    return said


def test_the_rewritten_index_says_what_pagefind_said(site: Path, tmp_path: Path) -> None:
    """make_stable renumbers the pages, joins runs and cuts the word index
    anew: every word, form and filter value must still be on the same pages,
    at the same places, as in Pagefind's own bundle of the site."""
    raw = tmp_path / "raw"
    search_index._run_pagefind(site, raw, None)
    said = _what_the_bundle_says(site / "pagefind")
    assert said == _what_the_bundle_says(raw)
    assert sum(len(key) == 2 for key in said) > 1000 and any(len(key) == 3 for key in said)


def test_fragments_of_two_runs_with_one_short_name_are_kept_apart(tmp_path: Path) -> None:
    """Two runs can each give a different page the same short name; the
    second gets a longer one, from the hash of its content, as Pagefind names
    a page whose short name is taken."""
    import gzip

    def fragment(folder: Path, name: str, text: str) -> bytes:
        data = gzip.compress(search_index._SIGNATURE + text.encode(), mtime=0)
        (folder / "fragment").mkdir(parents=True, exist_ok=True)
        (folder / "fragment" / f"{name}.pf_fragment").write_bytes(data)
        return data

    into, part = tmp_path / "into", tmp_path / "part"
    text = '{"url":"/b/"}'
    full = search_index._full_hash(text.encode())
    short = f"sv_{full[:7]}"
    kept = fragment(into, short, '{"url":"/a/"}')  # another page whose hash begins alike
    moved = fragment(part, short, text)
    same = fragment(part, "sv_1234567", '{"url":"/c/"}')
    fragment(into, "sv_1234567", '{"url":"/c/"}')  # the same page, indexed by both runs
    renamed = search_index._move_fragments(part, into)
    assert renamed == {short: f"sv_{full[:8]}"}
    assert (into / "fragment" / f"{short}.pf_fragment").read_bytes() == kept
    assert (into / "fragment" / f"sv_{full[:8]}.pf_fragment").read_bytes() == moved
    assert (into / "fragment" / "sv_1234567.pf_fragment").read_bytes() == same
