"""Language (WCAG 3.1.1, 3.1.2):

- clicking the language switcher on every document page, in either
  language, lands on the same document in the other language;
- every passage shown in a language other than the page's carries its own
  `lang` (checked from the data: each text of a document that the page has
  to show in the other language, because the document has no version in
  the page's language, sits inside an element whose nearest `lang` is that
  other language). The Swedish page of Västerås's English-only policy is
  the known case.
"""

from __future__ import annotations

import re

import pytest

from styrdok.data.library import load_library
from styrdok.data.model import texts

from ..site_build import PROJECT
from .conftest import require_pages


def _other(path: str) -> str:
    return path[3:] if path.startswith("en/") else "en/" + path


def test_language_switcher_lands_on_the_same_document(visitors, base_url: str, document_path: str) -> None:
    require_pages(document_path)
    visitor = visitors("desktop")
    visitor.open(document_path)
    page = visitor.page
    target = "sv" if document_path.startswith("en/") else "en"
    link = page.locator(f".md-header a.sd-language__link[hreflang='{target}']")
    assert link.count() == 1, f"/{document_path}: the language switcher has no link to {target!r}"
    name = {"sv": "Svenska", "en": "English"}[target]
    assert link.inner_text().strip() == name, f"/{document_path}: the switch is labelled with the other language's name"
    with page.expect_navigation():
        link.click()
    landed = page.url.removeprefix(base_url).split("#")[0]
    assert landed == _other(document_path), (
        f"/{document_path}: the switcher to {target!r} lands on /{landed}, not on /{_other(document_path)}")
    assert page.evaluate("document.documentElement.lang") == target


def _plain(markdown: str) -> str:
    """A run of plain words from the start of a text, to find it on the page."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^\s*(?:[-+*]|\d+[.)]|#+|>)\s+", "", text, flags=re.M)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split()[:6])


# For each phrase: the innermost elements anywhere in the page (content,
# navigation, table of contents, hidden or not) whose text contains it, and
# the language that applies there (the nearest lang attribute).
JS_LANG_OF_PHRASES = """(phrases) => phrases.map(phrase => {
  const norm = t => t.replace(/\\s+/g, ' ');
  const hits = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('script, style, template')) continue;
    if (!norm(e.textContent).includes(phrase)) continue;
    if ([...e.children].some(c => norm(c.textContent).includes(phrase))) continue;
    hits.push({lang: e.closest('[lang]')?.getAttribute('lang') ?? null,
               where: e.outerHTML.replace(/\\s+/g, ' ').slice(0, 110)});
  }
  return {phrase, hits};
})"""


@pytest.fixture(scope="module")
def library():
    return load_library(PROJECT / "policy_data")


def test_passages_in_the_other_language_carry_their_lang(visitors, library, document_path: str) -> None:
    require_pages(document_path)
    language = "en" if document_path.startswith("en/") else "sv"
    other = "sv" if language == "en" else "en"
    doc_id = document_path.removeprefix("en/").rstrip("/")
    document = library.documents[doc_id].model
    phrases = {}
    for path, text in texts(document):
        if text.get(language) is None and text.get(other):
            phrase = _plain(text.get(other))
            if len(phrase) >= 12:
                phrases.setdefault(phrase, ".".join(map(str, path)))
    visitor = visitors("desktop")
    visitor.open(document_path)
    found = visitor.page.evaluate(JS_LANG_OF_PHRASES, list(phrases))
    problems = [f"{phrases[f['phrase']]}: «{f['phrase']}…» is {other!r} text in lang={hit['lang']!r} at {hit['where']}"
                for f in found for hit in f["hits"] if hit["lang"] != other]
    assert not problems, f"/{document_path} (a page in {language!r}):\n  " + "\n  ".join(problems)
    if doc_id == "vasteras/policy-internationellt-arbete" and language == "sv":
        shown = [f for f in found if f["hits"]]
        assert len(shown) >= 5, "the Swedish page of the English-only Västerås policy shows hardly any English text?"


def test_vasteras_policy_swedish_page_marks_its_english_text(visitors) -> None:
    visitor = visitors("desktop")
    visitor.open("vasteras/policy-internationellt-arbete/")
    found = visitor.page.evaluate(JS_LANG_OF_PHRASES, ["International work is a tool for development"])
    assert visitor.page.evaluate("document.documentElement.lang") == "sv"
    assert found[0]["hits"] and all(h["lang"] == "en" for h in found[0]["hits"]), found
