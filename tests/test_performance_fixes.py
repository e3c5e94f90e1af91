"""The shortcuts that keep the build linear give the same output as the
straightforward way (issue 7): the plain-paragraph path of text_html.block,
the fast relative links, the incoming-relations index, the values shared by
all pages of a build, and `site.generate` doing its work once per build."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from styrdok.views import calendar, history, relations, review
from styrdok.build import html_blocks, site
from styrdok.data import urls
from styrdok.render import pages, text_html
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


def test_html_set_aside_from_markdown_comes_back_as_markdown_would_give_it(library) -> None:
    """hooks/styrdok_pages.py hands the generated HTML blocks past
    Python-Markdown (styrdok.build.html_blocks): every generated page must
    convert to the same HTML either way, with the extensions mkdocs.yml
    loads, and the ids MkDocs would have found in the blocks are kept."""
    import markdown

    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    options = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    set_aside = aside_chars = total = 0
    for name, text in pages.build_pages(library, TODAY).items():
        if not name.endswith(".md"):
            continue
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # front matter is MkDocs'
        aside = html_blocks.set_aside(body)
        set_aside += len(aside.blocks)
        plain = markdown.markdown(body, extensions=extensions, extension_configs=options)
        quick = html_blocks.put_back(markdown.markdown(aside.markdown, extensions=extensions, extension_configs=options),
                                     aside.blocks)
        assert quick == plain, name
        assert aside.ids == set(re.findall(r'<[^>]*\sid="([^"]+)"', "\n".join(aside.blocks))), name
        html_share = sum(len(block) for block in aside.blocks) / max(len(body), 1)
        assert html_share > 0.3 or len(body) < 2000, (name, html_share)
        aside_chars += sum(len(block) for block in aside.blocks)
        total += len(body)
    assert set_aside > 100
    assert aside_chars / total > 0.85  # Markdown reads headings and markers, not the HTML


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
