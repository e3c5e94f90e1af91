"""axe-core finds no WCAG 2.1 A/AA violation on the version pages and the
changes pages of the fixture library revised twice (tests/fixtures/history),
at both screen widths and in both languages: the `<ins>`/`<del>` marks, the
words that say them, the notice on an earlier version and the section links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..history_site import CURRENT, MIDDLE, OLDEST, PREFIX, build
from . import support

PAGES = [f"{PREFIX[lang]}{doc}/" for lang in ("sv", "en") for doc in (OLDEST, MIDDLE, CURRENT)]
PAGES += [f"{PREFIX[lang]}{doc}/andringar/" for lang in ("sv", "en") for doc in (MIDDLE, CURRENT)]


@pytest.fixture(scope="module")
def history_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with support.serve(build(tmp_path_factory.mktemp("history-browser"))) as url:
        yield url


@pytest.fixture(scope="module", params=sorted(support.WIDTHS))
def tab(request: pytest.FixtureRequest, history_url: str) -> Iterator[support.Visitor]:
    visitor = support.Visitor(history_url, *support.WIDTHS[request.param])
    yield visitor
    visitor.close()


@pytest.mark.parametrize("path", PAGES, ids=[p.rstrip("/") for p in PAGES])
def test_no_axe_violation_on_version_and_changes_pages(tab: support.Visitor, path: str) -> None:
    tab.open(path, wait_until="load")
    violations = support.run_axe(tab.page)
    assert violations == [], support.describe_violations(violations)
    assert tab.page_errors == []
    if path.endswith("andringar/"):
        marks = tab.page.locator("article ins, article del")
        assert marks.count() > 0
        # The words say what the mark is; a screen reader reads them with the text.
        assert all(text.split(":")[0] in ("Ny text", "Borttagen text", "New text", "Removed text")
                   for text in marks.all_inner_texts())
