"""The fixture library of tests/fixtures/history/ built with the real
`mkdocs build --strict`, for the tests of versions and open data: a
library policy revised twice, in Swedish and English (2015 → 2019: a text
changed and a section added; 2019 → 2023: a section removed, one renamed,
one moved)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from styrdok.build.sandbox import copy_project

from .site_build import PROJECT, mkdocs_build

FIXTURE = Path(__file__).parent / "fixtures" / "history" / "policy_data"
OLDEST, MIDDLE, CURRENT = "provby/bibliotekspolicy-2015", "provby/bibliotekspolicy-2019", "provby/bibliotekspolicy"
PREFIX = {"sv": "", "en": "en/"}


def build(root: Path) -> Path:
    project = copy_project(PROJECT, root / "project", FIXTURE)
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def page(site: Path, language: str, address: str) -> BeautifulSoup:
    path = site / PREFIX[language] / address / "index.html"
    assert path.is_file(), f"{path} was not built"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text("").split())
