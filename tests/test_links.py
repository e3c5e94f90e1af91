"""Every link of the generated pages leads somewhere (styrdok.build.links).

MkDocs does not read the links inside the generated HTML (the build hands
it past Python-Markdown), so the build checks them itself: a broken link
fails `mkdocs build` with the file, line and link, and writes no site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from styrdok.build import links
from styrdok.build.sandbox import copy_project
from styrdok.data.library import load_library
from styrdok.render import pages
from .site_build import PROJECT, built_site, mkdocs_build

TODAY = dt.date(2026, 11, 23)


def _page(body: str) -> str:
    return '---\n{"pagefind": {}}\n---\n\n# Rubrik\n\n' + body + "\n"


SITE = {
    "vasteras/index.md": _page('<p id="dokument"><a href="policy/">x</a></p>'),
    "vasteras/index.en.md": _page("<p>x</p>"),
    "vasteras/policy.md": _page("<h2 id=\"syfte\">Syfte</h2>\n\n<p>x</p>"),
    "vasteras/atom.xml": "<feed/>",
}
HAND_WRITTEN = ["om.md", "om.en.md", "assets/styrdok.css"]


@pytest.mark.parametrize("href, message", [
    ("../vasteras/policy/", None),
    ("../vasteras/policy/#syfte", None),
    ("../vasteras/#dokument", None),
    ("../vasteras/atom.xml", None),
    ("../om/", None),
    ("../om/#rapportera-fel", None),  # a hand-written page's anchors are MkDocs' to check
    ("../assets/styrdok.css", None),
    ("#sd-search", None),  # the page frame's search dialog
    ("https://example.org/x", None),
    ("mailto:a@example.org", None),
    ("../pagefind/pagefind.js", None),
    ("../vasteras/policy/#finns-inte", "has no anchor 'finns-inte'"),
    ("../vasteras/saknas/", "leads to no page or file of the site (vasteras/saknas/)"),
    ("../vasteras/policy", "leaves out the final '/'"),
    ("../../x/", "leads above the site's root"),
    ("#nowhere", "has no anchor 'nowhere'"),
])
def test_a_link_is_checked_against_the_pages_files_and_anchors(href: str, message: str | None) -> None:
    site = {**SITE, "kalender/index.md": _page(f'<p>a</p>\n<p><a href="{href}">b</a></p>')}
    found = links.check(site, HAND_WRITTEN)
    if message is None:
        assert found == []
    else:
        [problem] = found
        assert problem.format().startswith(f"docs/kalender/index.md:8:7: href: {href!r}")  # `<p><a href`: line 8, column 7
        assert message in problem.message


def test_a_page_links_within_its_own_language() -> None:
    site = {**SITE, "kalender/index.en.md": _page('<a href="../vasteras/policy/">x</a>')}
    [problem] = links.check(site, HAND_WRITTEN)  # there is no English policy page
    assert problem.file == "docs/kalender/index.en.md" and "(en/vasteras/policy/)" in problem.message
    site["kalender/index.en.md"] = _page('<a href="../../vasteras/policy/" lang="sv">x</a>')  # the Swedish one, on purpose
    assert links.check(site, HAND_WRITTEN) == []


@pytest.mark.parametrize("data", ["real", "synthetic"])
def test_every_generated_link_leads_somewhere(data: str, synthetic_data: Path) -> None:
    library = load_library(PROJECT / "policy_data" if data == "real" else synthetic_data)
    rendered = pages.build_pages(library, TODAY)
    hand_written = [p.relative_to(PROJECT / "docs").as_posix() for p in (PROJECT / "docs").rglob("*") if p.is_file()]
    checker = links.LinkCheck()
    for name, text in rendered.items():
        checker.read(name, text)
    assert checker.problems(hand_written) == []
    assert sum(len(page.links) for page in checker.pages.values()) > 10 * len(rendered) // 2  # the links were read


def test_the_frame_ids_are_on_every_built_page() -> None:
    site = built_site()
    for page in [site / "index.html", site / "en" / "index.html", site / "vasteras" / "index.html"]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert all(soup.find(id=frame_id) for frame_id in links.FRAME_IDS), page


def test_a_broken_link_fails_the_build_with_file_line_and_link(tmp_path: Path) -> None:
    """The About page renamed by hand: the pages that link to it ("report an
    error") would lead nowhere, so nothing is built."""
    project = copy_project(PROJECT, tmp_path / "project")
    for name in ("om.md", "om.en.md"):
        (project / "docs" / name).rename(project / "docs" / name.replace("om", "om-sidan"))
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "href: 'om/#rapportera-fel' leads to no page or file of the site (om/)" in output or \
        "leads to no page or file of the site (om/)" in output, output[-2000:]
    assert "broken links in the generated pages; nothing was built." in output
    assert "Traceback" not in output
    assert not site.exists() or not any(site.rglob("*.html")), "no half-built site"
    assert not (project / "docs" / "vasteras").exists(), "no generated page was written"
