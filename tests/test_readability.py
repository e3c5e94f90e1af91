"""Plain English, measured (issue 3, point 10).

Every English text of more than three sentences in a document whose English
version we wrote (`plain_translation`) scores at least 50 on Flesch reading
ease. A text that fails is rewritten; the bound in scripts/readability.py is
never loosened. The numbers are published on docs/readability(.en).md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .site_build import PROJECT

_spec = importlib.util.spec_from_file_location("styrdok_readability", PROJECT / "scripts" / "readability.py")
readability = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = readability
_spec.loader.exec_module(readability)


@pytest.fixture(scope="module")
def measured():
    return readability.measured_documents(PROJECT / "policy_data")


def test_the_bound_is_the_one_in_the_issue() -> None:
    assert readability.MIN_FLESCH == 50.0
    assert readability.MAX_SENTENCES_UNCHECKED == 3


def test_every_english_text_longer_than_three_sentences_scores_at_least_50(measured) -> None:
    rows, _ = measured
    assert rows, "no English text measured: is there no document with a plain_translation?"
    failing = [r for r in rows if r.fails]
    assert not failing, "English texts below Flesch 50 (rewrite them in plain English; never loosen the bound):\n" + "\n".join(
        f"  policy_data/documents/{r.document}.yaml {r.field} ({r.label}): Flesch {r.flesch:.1f}, "
        f"{r.sentences} sentences, {r.avg_sentence_length:.1f} words a sentence\n    {r.text[:300]}…"
        for r in failing)


def test_only_plain_translations_are_measured(measured) -> None:
    rows, skipped = measured
    skipped_ids = dict(skipped)
    # Västerås's own English policy is the city's text, quoted as published.
    assert skipped_ids.get("vasteras/policy-internationellt-arbete") == "official_translation"
    assert "vasteras/policy-internationellt-arbete" not in {r.document for r in rows}


def test_every_plain_translation_is_measured(measured) -> None:
    rows, _ = measured
    import yaml
    expected = set()
    for path in (PROJECT / "policy_data" / "documents").glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (data.get("versions") or {}).get("en", {}).get("kind") == "plain_translation":
            expected.add(f"{path.parent.name}/{path.stem}")
    assert expected == {r.document for r in rows}


def test_markdown_is_read_as_a_reader_hears_it() -> None:
    text = readability.plain_text("Read *this* [policy](https://example.org/x).\n\n- first item\n- second\n  item")
    assert text == "Read this policy. first item. second item."


def test_the_published_numbers_are_up_to_date() -> None:
    expected = readability.pages(PROJECT / "policy_data")
    for language, path in readability.DOCS.items():
        assert path.exists() and path.read_text(encoding="utf-8") == expected[language], (
            f"{path.relative_to(PROJECT)} does not show the current numbers: run scripts/readability.py --write")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_readability_page_links_to_documents_in_its_own_language(language: str) -> None:
    """The page takes its links from styrdok.data.urls, like every generated page."""
    from bs4 import BeautifulSoup

    from styrdok.data.urls import READABILITY

    from .site_build import built_site

    site = built_site()
    prefix = "" if language == "sv" else f"{language}/"
    page = site / prefix / READABILITY.url / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("article a[href]")]
    documents = {f"{path.parent.name}/{path.stem}" for path in (PROJECT / "policy_data" / "documents").glob("*/*.yaml")}
    targets = set()
    for href in links:
        target = (page.parent / href).resolve() / "index.html"
        assert target.is_file(), f"{href} leads nowhere"
        html = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").html
        assert html is not None and html.get("lang") == language, f"{href} leaves the {language} site"
        targets.add(target.parent.relative_to((site / prefix).resolve()).as_posix())
    assert targets == documents


# --- the site's own words (issue 14, point 8) ------------------------------------------
#
# The site's own Swedish aims for LIX 40 or less, its English help texts for
# Flesch 60 or more. LIX and Flesch are made for running text: a lone label
# ("Dokumentägare") scores like a hard text on its own. So the site's words are
# measured as a reader meets them: every text of words.yaml of two sentences or
# more on its own (introductions, notices, help texts), all of words.yaml
# together (labels included, each a sentence), the introduction of every
# hand-written reader page, and the About page (om.md), the site's help page,
# as a whole. The sources' own text is never measured here: it is not rewritten.

MAX_LIX = 40.0
MIN_FLESCH_HELP = 60.0
HAND_WRITTEN_READER_PAGES = ("om", "tillganglighet")  # the developer pages are left out


def _site_words() -> dict[str, dict[str, str]]:
    import yaml

    data = yaml.safe_load((PROJECT / "styrdok" / "render" / "words.yaml").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if isinstance(value.get("sv"), str)}


def _plain(text: str) -> str:
    """Placeholders as a short word, Markdown and HTML removed; a label
    without a full stop counts as a sentence."""
    text = re.sub(r"\{[a-z_]+\}", "X", text)
    text = re.sub(r"\{#[^}]*\}|<[^>]+>|[*`]", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    lines = [line.strip().lstrip("-#").strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if re.search(r"[.!?:]$", line) else line + "." for line in lines)


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip()))


def _lix(text: str) -> float:
    textstat.set_lang("sv")
    try:
        return textstat.lix(text)
    finally:
        textstat.set_lang("en")


def _flesch(text: str) -> float:
    textstat.set_lang("en")
    return textstat.flesch_reading_ease(text)


def _introduction(markdown: str) -> str:
    """A page's text before its first section heading, without its title."""
    body = markdown.split("\n## ", 1)[0]
    return "\n".join(line for line in body.splitlines() if not line.startswith("# "))


import re  # noqa: E402
import textstat  # noqa: E402


def test_each_swedish_help_text_has_a_lix_of_40_or_less() -> None:
    failing = [f"  {key}: LIX {_lix(_plain(v['sv'])):.1f}: {v['sv']}" for key, v in _site_words().items()
               if _sentences(_plain(v["sv"])) >= 2 and _lix(_plain(v["sv"])) > MAX_LIX]
    assert not failing, "Swedish texts of words.yaml above LIX 40 (write shorter sentences and words):\n" + "\n".join(failing)


def test_each_english_help_text_has_a_flesch_score_of_60_or_more() -> None:
    failing = [f"  {key}: Flesch {_flesch(_plain(v['en'])):.1f}: {v['en']}" for key, v in _site_words().items()
               if _sentences(_plain(v["en"])) >= 2 and _flesch(_plain(v["en"])) < MIN_FLESCH_HELP]
    assert not failing, "English texts of words.yaml below Flesch 60 (write plainer English):\n" + "\n".join(failing)


def test_all_the_sites_words_together_read_easily() -> None:
    words = _site_words()
    assert len(words) > 100, "words.yaml was not read"
    lix = _lix(" ".join(_plain(v["sv"]) for v in words.values()))
    flesch = _flesch(" ".join(_plain(v["en"]) for v in words.values()))
    assert lix <= MAX_LIX, f"the Swedish of words.yaml, labels included, has a LIX of {lix:.1f}"
    assert flesch >= MIN_FLESCH_HELP, f"the English of words.yaml, labels included, has a Flesch score of {flesch:.1f}"


@pytest.mark.parametrize("page", HAND_WRITTEN_READER_PAGES)
def test_the_introduction_of_each_hand_written_page_reads_easily(page: str) -> None:
    sv = _plain(_introduction((PROJECT / "docs" / f"{page}.md").read_text(encoding="utf-8")))
    en = _plain(_introduction((PROJECT / "docs" / f"{page}.en.md").read_text(encoding="utf-8")))
    assert sv and en, page
    assert _lix(sv) <= MAX_LIX, f"docs/{page}.md: the introduction has a LIX of {_lix(sv):.1f}:\n{sv}"
    assert _flesch(en) >= MIN_FLESCH_HELP, f"docs/{page}.en.md: the introduction has a Flesch score of {_flesch(en):.1f}:\n{en}"


def test_the_about_page_reads_easily_as_a_whole() -> None:
    sv = _plain((PROJECT / "docs" / "om.md").read_text(encoding="utf-8"))
    en = _plain((PROJECT / "docs" / "om.en.md").read_text(encoding="utf-8"))
    assert _lix(sv) <= MAX_LIX, f"docs/om.md has a LIX of {_lix(sv):.1f}"
    assert _flesch(en) >= MIN_FLESCH_HELP, f"docs/om.en.md has a Flesch score of {_flesch(en):.1f}"


def test_the_measures_tell_easy_from_hard() -> None:
    """The bounds mean something: a plain text passes, a heavy one fails."""
    assert _lix("Vi skriver korta meningar. De är lätta att läsa.") <= MAX_LIX
    assert _lix("Kommunfullmäktigeförsamlingens styrdokumentshantering förutsätter "
                "verksamhetsövergripande samordningsinsatser avseende internationaliseringsarbetet.") > MAX_LIX
    assert _flesch("We write short sentences. They are easy to read.") >= MIN_FLESCH_HELP
    assert _flesch("Notwithstanding organisational considerations, intergovernmental collaboration "
                   "necessitates comprehensive institutionalised coordination mechanisms.") < MIN_FLESCH_HELP
