"""The rendered body of each real document's page, in both languages, is the
one checked in under tests/golden/ (see tests/golden_files.py). After a
change of output that is meant, update them with `make golden` and review
the diff like any other change."""

from __future__ import annotations

import pytest

from styrdok.data.library import load_library

from .golden_files import DATA_DIR, GOLDEN_DIR, article_body, difference, golden_pages, rendered, stale_files
from .site_build import built_site

PAGES = golden_pages()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.doc_id}.{page.language}")
def test_document_page_matches_its_golden_file(page) -> None:
    site = built_site()
    actual = rendered(site, page)
    assert page.golden.exists(), f"no golden file {page.golden}: run `make golden` and commit it"
    expected = page.golden.read_text(encoding="utf-8")
    assert actual == expected, (f"the page differs from its golden file; if the change is meant, "
                                f"run `make golden` and commit:\n{difference(page, expected, actual)}")


def test_every_document_in_both_languages_has_a_golden_file_and_no_other() -> None:
    documents = load_library(DATA_DIR).documents
    assert {page.doc_id for page in PAGES} == set(documents) and len(documents) >= 5
    assert sorted(page.language for page in PAGES) == sorted(["sv", "en"] * len(documents))
    assert not stale_files(PAGES), "golden files of no document: run `make golden`"
    assert sorted(GOLDEN_DIR.rglob("*.html")) == sorted(page.golden for page in PAGES)


def test_the_body_is_normalised_and_a_change_shows_as_a_readable_diff() -> None:
    html = ('<html><body><article class="md-content__inner">\n<h1 id="t"  class="b a" data-md-state="x">Titel</h1>  \n\n'
            '<p>Text</p>\n</article></body></html>')
    body = article_body(html)
    assert body == '<h1 class="b a" id="t">Titel</h1>\n<p>Text</p>\n'
    page = PAGES[0]
    diff = difference(page, body, body.replace("Text", "Ny text"))
    assert "-<p>Text</p>" in diff and "+<p>Ny text</p>" in diff and page.built in diff
