"""Fixtures for the browser tests: the real site, built once per run, served
on 127.0.0.1 (port 0), and one chromium per xdist worker with a reused tab
per screen width.

Every suite here is parametrized over the pages the build produced, found
at collection time, so a page added later is tested without touching the
tests. If the build fails or produces no page, the suites do not vanish
(pytest would report "no tests" as a pass): they collect one test that fails
and says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..site_build import built_site, html_pages
from . import support

_found: dict[str, object] = {}


def site_pages() -> tuple[Path | None, list[str], str | None]:
    """(site, page paths such as `en/vasteras/`, error) for this process."""
    if "pages" not in _found:
        try:
            site = built_site()
            pages = [support.site_path(site, p) for p in html_pages(site)]
            if (site / "404.html").exists():
                pages.append("404.html")
            _found.update(site=site, pages=pages, error=None)
        except Exception as exc:  # reported by the placeholder test
            _found.update(site=None, pages=[], error=f"{type(exc).__name__}: {exc}")
    return _found["site"], _found["pages"], _found["error"]  # type: ignore[return-value]


def document_pages() -> list[str]:
    """The page of every document in both languages (from policy_data/)."""
    _, pages, _ = site_pages()
    project = Path(__file__).resolve().parents[2]
    ids = sorted(f"{p.parent.name}/{p.stem}" for p in (project / "policy_data" / "documents").glob("*/*.y*ml"))
    return [prefix + doc_id + "/" for doc_id in ids for prefix in ("", "en/")]


NO_PAGES = "NO-PAGES"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    for name, source in (("page_path", "all"), ("document_path", "documents")):
        if name in metafunc.fixturenames:
            _, pages, error = site_pages()
            values = pages if source == "all" else document_pages()
            if error or not pages or not values:
                values = [NO_PAGES]
            metafunc.parametrize(name, values, ids=[v.rstrip("/") or "home" for v in values])


def require_pages(path: str) -> None:
    if path == NO_PAGES:
        _, _, error = site_pages()
        pytest.fail(f"no built pages to test: {error or 'the build produced no pages'}")


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built for this test run (in its own temporary folder, which
    no other run touches)."""
    built, _, error = site_pages()
    if built is None:
        pytest.fail(f"the site did not build: {error}")
    return built


@pytest.fixture(scope="session")
def base_url(site: Path):
    with support.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def visitors(base_url: str):
    """One reused tab per screen width, created when first asked for."""
    tabs: dict[str, support.Visitor] = {}

    def get(width: str) -> support.Visitor:
        if width not in tabs:
            tabs[width] = support.Visitor(base_url, *support.WIDTHS[width])
        return tabs[width]

    yield get
    for tab in tabs.values():
        tab.close()


@pytest.fixture(params=sorted(support.WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return request.param
