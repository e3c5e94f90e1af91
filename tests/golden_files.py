"""Golden files: the rendered body of each real document's page, in each
language, checked in under tests/golden/ so that a change of output shows in
review.

    python -m tests.golden_files --update     (or: make golden)

builds the project's site in a temporary copy (tests/site_build.py, with the
fixed "today" of the tests) and rewrites the golden files from it;
tests/test_golden.py compares the same build against them.

A golden file holds the inside of the page's `<article>`, normalised so that
it depends on the library and the renderer, not on the generator: the
`<article>` element itself (its classes are the theme's) is left out, the
theme's runtime attributes (`data-md-*`) are dropped, attributes are sorted,
and lines are stripped of trailing space with blank lines removed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from styrdok.data import urls

from .site_build import PROJECT, RUN_DIR_VARIABLE, built_site

GOLDEN_DIR = PROJECT / "tests" / "golden"
DATA_DIR = PROJECT / "policy_data"
LANGUAGES = (urls.DEFAULT_LANGUAGE, *urls.OTHER_LANGUAGES)
THEME_ATTRIBUTE_PREFIX = "data-md-"


@dataclass(frozen=True)
class GoldenPage:
    """One document page in one language: where the build puts it and where its golden file lies."""

    doc_id: str
    language: str

    @property
    def built(self) -> str:
        """The page's HTML file, relative to the site folder."""
        prefix = "" if self.language == urls.DEFAULT_LANGUAGE else f"{self.language}/"
        return f"{prefix}{urls.document(self.doc_id).url}index.html"

    @property
    def golden(self) -> Path:
        return GOLDEN_DIR / f"{self.doc_id}.{self.language}.html"


def golden_pages(data_dir: Path = DATA_DIR) -> list[GoldenPage]:
    """Every real document (a YAML file under policy_data/documents/) in every language.
    Read from the file names, so that a new document without a golden file fails the test."""
    documents = data_dir / "documents"
    ids = sorted(path.relative_to(documents).with_suffix("").as_posix() for path in documents.rglob("*.yaml"))
    return [GoldenPage(doc_id, language) for doc_id in ids for language in LANGUAGES]


def article_body(html: str) -> str:
    """The normalised inside of the page's only `<article>` (see the module docstring)."""
    soup = BeautifulSoup(html, "html.parser")
    articles = soup.find_all("article")
    if len(articles) != 1:
        raise ValueError(f"expected one <article>, found {len(articles)}")
    article = articles[0]
    for tag in article.find_all(True):
        assert isinstance(tag, Tag)
        tag.attrs = {name: tag.attrs[name] for name in sorted(tag.attrs)
                     if not name.startswith(THEME_ATTRIBUTE_PREFIX)}
    inner = "".join(str(child) for child in article.contents)
    lines = (line.rstrip() for line in inner.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def rendered(site: Path, page: GoldenPage) -> str:
    return article_body((site / page.built).read_text(encoding="utf-8"))


def difference(page: GoldenPage, expected: str, actual: str) -> str:
    """A unified diff from the golden file to the built page, for a failure message."""
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), lineterm="",
                                fromfile=str(page.golden.relative_to(PROJECT)), tofile=f"site/{page.built}")
    return "\n".join(diff)


def stale_files(pages: list[GoldenPage]) -> list[Path]:
    """Golden files of no current document (its YAML was renamed or removed)."""
    wanted = {page.golden for page in pages}
    return sorted(path for path in GOLDEN_DIR.rglob("*.html") if path not in wanted)


def update(site: Path) -> list[Path]:
    """Rewrite every golden file from `site` and remove stale ones; return what changed."""
    pages = golden_pages()
    changed: list[Path] = []
    for page in pages:
        body = rendered(site, page)
        if not page.golden.exists() or page.golden.read_text(encoding="utf-8") != body:
            page.golden.parent.mkdir(parents=True, exist_ok=True)
            page.golden.write_text(body, encoding="utf-8")
            changed.append(page.golden)
    for stale in stale_files(pages):
        stale.unlink()
        changed.append(stale)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden_files", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/ from a fresh build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="styrdok-golden-") as run:
        os.environ.setdefault(RUN_DIR_VARIABLE, run)
        return _run(built_site(), args.update)


def _run(site: Path, write: bool) -> int:
    if write:
        for path in update(site):
            print(f"updated {path.relative_to(PROJECT)}")
        return 0
    failures = [page for page in golden_pages()
                if not page.golden.exists() or page.golden.read_text(encoding="utf-8") != rendered(site, page)]
    for page in failures:
        print(f"differs: {page.golden.relative_to(PROJECT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
