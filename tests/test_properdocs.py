"""The way off MkDocs 1.x, proven on every run (issue 13, point 5).

ProperDocs, a drop-in fork of MkDocs 1.6, builds the same copy of the
project with the same data and the same STYRDOK_TODAY, and the result is
compared byte for byte with the MkDocs build the other site tests use.

The one difference allowed is the `<meta name="generator">` line of each
HTML page. Material writes it as `mkdocs-{{ mkdocs_version }}`, and
ProperDocs fills `mkdocs_version` with "ProperDocs <its version>"
(properdocs/commands/build.py); the test replaces exactly that one line
with exactly the expected other one, once per page, and then wants equal
bytes. Everything else (pages, search index, sitemap and its gzip, feeds,
exports, assets) must be identical. docs/stack-plan.md says why.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from styrdok.build.sandbox import copy_project

from .site_build import PROJECT, built_site, file_hashes, first_difference, mkdocs_build

GENERATOR = '<meta name="generator" content="mkdocs-{}, mkdocs-material-{}">'


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properdocs")
    project = copy_project(PROJECT, root / "project")
    site = root / "site"
    result = mkdocs_build(project, site, generator="properdocs")
    assert result.returncode == 0, f"properdocs build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return site


def test_properdocs_builds_the_same_site_but_for_the_generator_line(properdocs_site: Path) -> None:
    mkdocs_site = built_site()
    material = version("mkdocs-material")
    by_mkdocs = GENERATOR.format(version("mkdocs"), material).encode()
    by_properdocs = GENERATOR.format(f"ProperDocs {version('properdocs')}", material).encode()
    ours, theirs = file_hashes(mkdocs_site), file_hashes(properdocs_site)
    assert sorted(ours) == sorted(theirs), f"files in only one build: {sorted(set(ours) ^ set(theirs))[:20]}"
    pages = [name for name in ours if name.endswith(".html")]
    assert len(pages) > 100, f"only {len(pages)} pages were built"
    differ = []
    for name in sorted(ours):
        expected = (mkdocs_site / name).read_bytes()
        if name.endswith(".html"):
            assert expected.count(by_mkdocs) == 1, f"{name}: not exactly one {by_mkdocs.decode()}"
            expected = expected.replace(by_mkdocs, by_properdocs)
        if expected != (properdocs_site / name).read_bytes():
            differ.append(name)
    details = [first_difference(mkdocs_site, properdocs_site, name) for name in differ[:5]]
    assert not differ, f"{len(differ)} file(s) differ beyond the generator line: {differ[:20]}\n" + "\n".join(details)
