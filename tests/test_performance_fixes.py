"""The shortcuts that keep the build linear give the same output as the
straightforward way (issue 7): the plain-paragraph path of text_html.block,
the fast relative links, the incoming-relations index, the values shared by
all pages of a build, and `site.generate` doing its work once per build."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st

from styrdok.views import calendar, history, relations, review
from styrdok.build import site
from styrdok.data import urls
from styrdok.render import page_file, pages, text_html
from styrdok.cli import _ConfigLoader  # mkdocs.yml read as the build reads it, !ENV included
from styrdok.data.library import load_library, walk_sections


PROJECT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module", params=["real", "synthetic"])
def library(request: pytest.FixtureRequest, synthetic_data: Path):
    return load_library(PROJECT / "policy_data" if request.param == "real" else synthetic_data)


def _texts(library) -> list[str]:
    out = []
    for loaded in library.documents.values():
        doc = loaded.model
        texts = [doc.title, *(r.as_written for r in doc.review)]
        for section, _ in walk_sections(doc.sections):
            texts += [section.heading, *([section.body] if section.body else [])]
            texts += [duty for r in section.responsibilities for duty in r.duties]
        out += [t.get(lang) for t in texts for lang in ("sv", "en") if t.get(lang)]
    return out


def test_plain_paragraphs_render_as_markdown_does(library) -> None:
    texts = _texts(library)
    assert texts
    for text in texts:
        assert text_html.block(text) == text_html.markdown_block(text), text


_ALPHABET = "abcåäöXYZéü019 .,:;!?'\"()%/–—+=§…’“”«»-_*`[]<>&#|\\\t\xa0\n"


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(list(_ALPHABET) + ["\n\n", "  ", "1. ", "- ", "# ", "    "]), max_size=40).map("".join))
def test_plain_paragraph_shortcut_never_changes_the_html(text: str) -> None:
    text = text.strip()
    if text:
        assert text_html.block(text) == text_html.markdown_block(text)


_PLAIN_WORDS = ["arbetet", "Vänort", "EU:s", "2030", "a-b", "(x)", "ok.", "–", "'s"]
_LINE = st.one_of(
    st.lists(st.sampled_from(_PLAIN_WORDS), min_size=1, max_size=5).map(" ".join),  # mostly what the shortcut takes
    st.lists(st.sampled_from(_PLAIN_WORDS + ["x  y", "- ", "-", "*", "1.", "a "]), min_size=1, max_size=5).map(" ".join))
_PARAGRAPH = st.one_of(_LINE, st.lists(_LINE.map(lambda line: "- " + line), min_size=1, max_size=4).map("\n".join),
                       st.lists(_LINE, min_size=2, max_size=3).map("\n".join))


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=4).map("\n\n".join))
def test_plain_lists_take_the_shortcut_only_where_markdown_agrees(text: str) -> None:
    """Paragraphs and "- item" lists, in every order: the shortcut gives
    Markdown's bytes, or leaves the text to Markdown."""
    text = text.strip()
    if text:
        assert text_html.block(text) == text_html.markdown_block(text), text


def _relpath(from_url: str, to_url: str) -> str:
    rel = posixpath.relpath("/" + to_url, "/" + from_url)
    return "./" if rel == "." else rel + "/"


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "kalender", "aktorer", "x-y", "", ".", "..", "a.b"]), max_size=4),
       st.lists(st.sampled_from(["a", "b", "kalender", "aktorer", "x-y", "", ".", "..", "a.b"]), max_size=4),
       st.booleans(), st.booleans())
def test_relative_links_match_relpath(here: list[str], there: list[str], slash_here: bool, slash_there: bool) -> None:
    from_url = "/".join(here) + ("/" if slash_here else "")
    to_url = "/".join(there) + ("/" if slash_there else "")
    assert urls.relative(from_url, to_url) == _relpath(from_url, to_url)


def _markdown_config() -> tuple[list[str], dict]:
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    options = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    return extensions, options


def _tokens(markup: str) -> list[str]:
    """The elements, attributes and text of HTML, white space between them aside."""
    found = BeautifulSoup(markup, "html.parser")
    out = []
    for node in found.descendants:
        if isinstance(node, str):
            if node.strip():
                out.append(" ".join(node.split()))
        else:
            out.append(f"<{node.name} {sorted((k, ' '.join(v) if isinstance(v, list) else v) for k, v in node.attrs.items())}>")
    return out


def test_generated_pages_hold_no_markdown(library) -> None:
    """The build hands generated pages to MkDocs without Markdown
    (styrdok.render.page_file): Python-Markdown, with the extensions
    mkdocs.yml loads, must find nothing to change in any of them, so no
    template writes Markdown that would then show as written."""
    import markdown

    extensions, options = _markdown_config()
    pages_seen = 0
    for name, text in pages.build_pages(library, TODAY).items():
        if not name.endswith(".md"):
            continue
        assert text.startswith("---\n"), name
        body = text.split("\n---\n", 1)[1]
        converted = markdown.markdown(body, extensions=extensions, extension_configs=options)
        assert _tokens(converted) == _tokens(body), name
        pages_seen += 1
    assert pages_seen > 50


_HEADING_TEXT = st.lists(st.sampled_from(list(_ALPHABET.replace("\n", "").replace("\t", "")) + ["</title>", "<script>", "&amp;", " #", "##"]),
                         min_size=1, max_size=30).map("".join).map(str.strip).filter(bool)


def _mkdocs_title(source: str) -> str | None:
    """The page title MkDocs takes from Markdown: the first h1's text, read
    near the end of the conversion (as mkdocs.structure.pages does)."""
    import markdown
    from markdown.treeprocessors import Treeprocessor
    from mkdocs.utils.rendering import get_heading_text

    extensions, options = _markdown_config()
    md = markdown.Markdown(extensions=extensions, extension_configs=options)
    found: list[str] = []

    class FirstHeading(Treeprocessor):
        def run(self, root):
            if len(root) and root[0].tag == "h1":
                found.append(get_heading_text(root[0], md))

    md.treeprocessors.register(FirstHeading(md), "first_h1", 1)
    md.convert(source)
    return found[0] if found else None


@settings(max_examples=1500, deadline=None)
@given(_HEADING_TEXT, st.integers(1, 6), st.sampled_from(["", "inledning", "a-b_c"]),
       st.sampled_from([(), ("sd-repeats",)]), st.sampled_from([None, "en"]))
def test_a_heading_is_what_markdown_and_mkdocs_made_of_it(text: str, level: int, anchor: str,
                                                          classes: tuple[str, ...], lang: str | None) -> None:
    """What a heading written as Markdown, `## text {#id .class lang=en}` with
    every Markdown special escaped, Python-Markdown and MkDocs make into
    an element, a table-of-contents entry and (for h1) the page title.
    page_file.Outline writes the element itself: it must be the same, and so
    must the entry and the title it records."""
    import markdown

    extensions, options = _markdown_config()
    md = markdown.Markdown(extensions=extensions, extension_configs=options)
    escaped = "".join("\\" + ch if ch in md.ESCAPED_CHARS else ch for ch in html.escape(text, quote=False))
    attributes = " ".join([*([f"#{anchor}"] if anchor else []), *(f".{c}" for c in classes),
                           *([f"lang={lang}"] if lang else [])])
    source = "#" * level + " " + escaped + (f" {{{attributes}}}" if attributes else "")
    expected = md.convert(source)
    element = BeautifulSoup(expected, "html.parser").find(f"h{level}")
    outline = page_file.Outline()
    made = outline.heading(level, text, anchor, classes, lang)
    assert _tokens(made) == _tokens(expected), source
    token = md.toc_tokens[0]
    assert outline.headings == [(level, token["id"], token["name"])]
    if level == 1:
        assert outline.title == _mkdocs_title(source)
    assert element is not None


def test_shared_values_match_asking_each_time(library) -> None:
    derived = pages.Derived(library, TODAY)
    for doc_id, loaded in sorted(library.documents.items()):
        incoming = [relations.Link(relations.INVERSE[r.kind], other_id, None)
                    for other_id, other in sorted(library.documents.items())
                    for r in other.model.relations if r.document == doc_id]
        own = [relations.Link(r.kind, r.document, r.title, r.note) for r in loaded.model.relations]
        assert derived.links(doc_id)[: len(own) + len(incoming)] == own + incoming
        assert derived.links(doc_id) == relations.links_of(library, doc_id)
        assert derived.evaluate(doc_id) == review.evaluate(loaded.model, TODAY)
        assert derived.stale_translations(doc_id) == history.stale_translations(loaded.model)
    ctx = pages.PageContext(library, "sv", TODAY, urls.HOME, derived=derived)
    for org in [None, *library.organisations]:
        owners = [owner for o, owner in calendar.owners(library) if org is None or o == org]
        if org is not None:
            assert ctx.owners(org) == owners
        assert owners or org is not None or not calendar.owners(library)
        for owner in [None, *owners]:
            expected = [d for d, loaded in sorted(library.documents.items())
                        if (org is None or loaded.organisation == org)
                        and (owner is None or loaded.model.owner == owner)
                        and review.status_of(loaded.model, review.evaluate(loaded.model, TODAY)) == "no_rule"]
            assert ctx.documents_without_rule(org, owner) == expected


def test_indexes_made_once_per_library_match_asking_the_library(library) -> None:
    """The versions of a document, the news of each organisation and each
    organisation's documents come from one pass over the library (a pass
    per document or organisation made the build grow with its square);
    they must be what asking the whole library each time gives."""
    derived = pages.Derived(library, TODAY)
    for doc_id in sorted(library.documents):
        earlier = [d for d, other in sorted(library.documents.items()) if other.model.status == "revised"
                   and other.model.replaced_by is not None and other.model.replaced_by.document == doc_id]
        line = derived.versions(doc_id)
        position = [v.doc_id for v in line].index(doc_id)
        assert (line[position - 1].doc_id if position else None) == (earlier[0] if earlier else None)
    everything = history.recent_by_organisation(library, limit=10_000)
    for org in [None, *library.organisations]:
        expected = [e for e in everything[None] if org is None or e.organisation == org][:50]
        assert history.recent(library, org) == expected
        if org is not None:
            assert derived.documents_of(org) == sorted(library.documents_of(org), key=lambda d: d.id)


def test_generate_works_once_per_build_and_repairs_touched_files(tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    data = PROJECT / "policy_data"
    first = site.generate(data, docs, TODAY, site_pages=PROJECT / "docs")
    assert first
    page = docs / "vasteras" / "policy-internationellt-arbete.md"
    text = page.read_text(encoding="utf-8")

    def no_loading(_):
        raise AssertionError("the library was loaded again")

    with monkeypatch.context() as m:  # the second language's build: nothing to do
        m.setattr(site, "load_library", no_loading)
        assert site.generate(data, docs, TODAY, site_pages=PROJECT / "docs") == []
    time.sleep(0.01)
    page.write_text("edited by hand", encoding="utf-8")
    assert site.generate(data, docs, TODAY, site_pages=PROJECT / "docs") == ["vasteras/policy-internationellt-arbete.md"]
    assert page.read_text(encoding="utf-8") == text
    (docs / "index.md").unlink()
    assert site.generate(data, docs, TODAY, site_pages=PROJECT / "docs") == ["index.md"]
    assert site.generate(data, docs, TODAY + dt.timedelta(days=3650), site_pages=PROJECT / "docs")  # another day: pages change
