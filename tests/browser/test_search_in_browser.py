"""Search in a real browser: the index is fetched only when the reader turns
to the search (first view, issue 7), and then searching works, in the
reader's language, from the mouse and from the keyboard."""

from __future__ import annotations

import pytest

from . import support

DOCUMENT = "vasteras/riktlinje-internationellt-arbete/"
RESULT = ".md-search-result__item a[href]"


def index_requests(visitor: support.Visitor) -> list[str]:
    return [url for url in visitor.requests if url.endswith("/search/search_index.json")]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_page_loads_without_the_search_index(visitors, prefix: str) -> None:
    visitor = visitors("desktop")
    visitor.open(prefix + DOCUMENT, wait_until="networkidle")
    visitor.page.wait_for_timeout(300)
    assert visitor.requests, "the page made no requests at all: the recorder is broken"
    assert index_requests(visitor) == []
    assert not visitor.page_errors, visitor.page_errors


@pytest.mark.parametrize(("prefix", "query", "index"), [
    ("", "vänort", "search/search_index.json"),
    ("en/", "twin town", "en/search/search_index.json"),
])
def test_typing_in_the_search_finds_pages_in_the_readers_language(visitors, prefix: str, query: str, index: str) -> None:
    visitor = visitors("desktop")
    visitor.open(prefix + DOCUMENT, wait_until="networkidle")
    page = visitor.page
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.wait_for_selector(RESULT, timeout=15000)
    assert index_requests(visitor) == [visitor.base_url + index]
    links = page.eval_on_selector_all(RESULT, "links => links.map(a => a.href)")
    assert links
    in_english = [link for link in links if link.startswith(visitor.base_url + "en/")]
    assert (in_english == links) if prefix else not in_english, links
    assert not visitor.page_errors, visitor.page_errors


def test_the_search_shortcut_key_starts_the_search(visitors) -> None:
    """Material's `/` key focuses the search field; the index must follow."""
    visitor = visitors("desktop")
    visitor.open(DOCUMENT, wait_until="networkidle")
    page = visitor.page
    page.locator("body").press("/")
    page.wait_for_function("document.activeElement?.classList.contains('md-search__input')", timeout=5000)
    page.keyboard.type("kommunfullmäktige")
    page.wait_for_selector(RESULT, timeout=15000)
    assert len(index_requests(visitor)) == 1
    page.keyboard.press("Escape")


def test_a_page_opened_from_a_search_result_highlights_at_once(visitors) -> None:
    visitor = visitors("desktop")
    visitor.open(DOCUMENT + "?h=kommunfullmäktige", wait_until="networkidle")
    visitor.page.wait_for_selector(".md-content mark", timeout=15000)
    assert len(index_requests(visitor)) == 1


@pytest.mark.parametrize(("prefix", "width"), [("", "desktop"), ("en/", "phone")])
def test_the_front_pages_search_link_opens_the_headers_search(visitors, prefix: str, width: str) -> None:
    """The front door's search item leads to the search the header offers:
    following it (by keyboard) puts the cursor in the search field."""
    visitor = visitors(width)
    visitor.open(prefix, wait_until="networkidle")
    page = visitor.page
    link = page.locator("article a[data-sd-search]")
    assert link.count() == 1, "the front page has no search link"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement?.classList.contains('md-search__input')", timeout=5000)
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("vänort" if not prefix else "twin town")
    page.wait_for_selector(RESULT, timeout=15000)
    assert len(index_requests(visitor)) == 1
    page.keyboard.press("Escape")
    assert not visitor.page_errors, visitor.page_errors
