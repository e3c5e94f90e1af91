"""Task tests (issue 14): three questions a reader brings, each answered on
one page, in one table or list, reached by following links in the content of
the home page and the pages it leads to (never the side menu), in both
languages.

The reader's path is a breadth-first walk of the built site from the home
page through the links in each page's `<article>`, three clicks deep at
most. The expected answers come from the data (policy_data/ and the review
rules in styrdok.views), not from the pages.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from styrdok.data.library import load_library
from styrdok.views import calendar
from styrdok.views.review import DEFAULT_DUE_SOON_DAYS

from .site_build import PROJECT, TODAY, built_site

LANGUAGES = [("sv", ""), ("en", "en/")]
MAX_CLICKS = 3


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


@pytest.fixture(scope="module")
def library():
    return load_library(PROJECT / "policy_data")


def _words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def reachable(site: Path, prefix: str) -> dict[str, tuple[BeautifulSoup, int]]:
    """Every page reached from the home page in `MAX_CLICKS` clicks on links
    in the pages' content: site path → (page, clicks)."""
    start = "/" + prefix
    found: dict[str, tuple[BeautifulSoup, int]] = {}
    queue = deque([(start, 0)])
    while queue:
        path, clicks = queue.popleft()
        if path in found:
            continue
        file = site / path.lstrip("/") / "index.html"
        if not file.is_file():
            continue
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        found[path] = (page, clicks)
        if clicks == MAX_CLICKS:
            continue
        for link in page.select("article a[href]"):
            target = urlsplit(urljoin(path, link["href"]))
            if target.scheme or target.netloc or not target.path.endswith("/"):
                continue  # another site, a file (.ics, .csv), or an anchor handled with its page
            if target.path.startswith(start):
                queue.append((target.path, clicks + 1))
    return found


def answers(site: Path, prefix: str, answered: Callable[[Tag], bool]) -> list[tuple[str, int]]:
    """The pages (and clicks from home) where one table or list answers."""
    out = []
    for path, (page, clicks) in reachable(site, prefix).items():
        units = page.select("article table, article ul, article ol, article section.sd-actor-duties")
        if any(answered(unit) for unit in units):
            out.append((path, clicks))
    return sorted(out, key=lambda p: (p[1], p[0]))


def _duty_holder(library, org: str, section_id: str, words: str, language: str) -> str:
    """The name of the actor whose duty (in `section_id` of any document of
    `org`) contains `words`, from the data."""
    for loaded in library.documents.values():
        if loaded.organisation != org:
            continue
        for section, _ in _walk(loaded.model.sections):
            if section.id != section_id:
                continue
            for r in section.responsibilities:
                if any(words in (d.get(language) or "") for d in r.duties):
                    return library.actor(org, r.actor).name.get(language)
    raise AssertionError(f"no duty with {words!r} in {org}/{section_id}")


def _walk(sections, depth=0):
    for s in sections:
        yield s, depth
        yield from _walk(s.sections, depth + 1)


QUESTIONS = {
    # who coordinates the international work in Västerås
    "coordinates-vasteras": ("vasteras", "samordning",
                             {"sv": "Samordnar internationellt arbete", "en": "Coordinates international work"}),
    # who handles twin towns in Alingsås
    "twin-towns-alingsas": ("alingsas", "organisation",
                            {"sv": "nordiska vänortskedjan", "en": "chain of Nordic twin towns"}),
}


@pytest.mark.parametrize("language, prefix", LANGUAGES)
@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_who_does_it_is_one_list_away_from_home(site: Path, library, question: str, language: str, prefix: str) -> None:
    org, section_id, duty = QUESTIONS[question]
    actor = _duty_holder(library, org, section_id, duty[language], language)

    def answered(unit: Tag) -> bool:
        text = _words(unit)
        return actor in text and duty[language] in text

    found = answers(site, prefix, answered)
    assert found, (f"{question} ({language}): no page reached from the home page has one table or list "
                   f"naming {actor!r} with the duty {duty[language]!r}")
    path, clicks = found[0]
    assert clicks <= 2, f"{question} ({language}): the answer is {clicks} clicks from home ({path})"


@pytest.mark.parametrize("language, prefix", LANGUAGES)
def test_what_is_late_in_vanersborg_is_one_table_away_from_home(site: Path, library, language: str,
                                                                 prefix: str) -> None:
    today = dt.date.fromisoformat(TODAY)
    entries = [e for e in calendar.entries(library, today, DEFAULT_DUE_SOON_DAYS) if e.organisation == "vanersborg"]
    assert entries, "Vänersborg's documents give the calendar no entry: the question cannot be asked"
    late = calendar.overdue(entries)
    org_name = library.organisations["vanersborg"].name.get(language)
    late_word = {"sv": "Försenad", "en": "Late"}[language]

    def answered(unit: Tag) -> bool:
        """One table of all of Vänersborg's review duties, each row with its
        status, where the rows marked late are the ones the data makes late."""
        article = unit.find_parent("article")
        if unit.name != "table" or article is None or article.h1 is None or org_name not in _words(article.h1):
            return False
        rows = [_words(row) for row in unit.select("tbody tr")]
        return len(rows) == len(entries) and sum(late_word in row.split(" ") for row in rows) == len(late)

    found = answers(site, prefix, answered)
    assert found, f"({language}) no page reached from home lists Vänersborg's review duties with their status"
    path, clicks = found[0]
    assert clicks <= 2, f"({language}) the answer is {clicks} clicks from home ({path})"
    if not late:  # and the page says so in words, not only by the absence of a mark
        heading = reachable(site, prefix)[path][0].select_one("article #forsenat")
        assert heading is not None, f"{path}: no section about what is late"
        said = heading.find_next_sibling()
        assert said is not None and _words(said) == {"sv": "Inget är försenat.", "en": "Nothing is late."}[language], (
            f"{path}: the section about what is late does not say that nothing is")
