"""One entry point from data to pages: what the MkDocs hook (or any other
generator) calls. Loading is cached by the files' contents, because
mkdocs-static-i18n runs the whole build once per language."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .generated_files import write_generated
from .library import Library, load_library
from .pages import build_pages
from .settings import SiteSettings

_cache: dict[str, tuple[str, Library]] = {}


def _fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*.y*ml")):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_cached(data_dir: Path) -> Library:
    key = str(data_dir.resolve())
    fingerprint = _fingerprint(data_dir)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    library = load_library(data_dir)
    _cache[key] = (fingerprint, library)
    return library


def generate(data_dir: Path, docs_dir: Path, today: dt.date, settings: SiteSettings = SiteSettings()) -> list[str]:
    """Validate the data, render every page, and only then write: invalid
    data raises DataError before a single file changes."""
    library = load_cached(data_dir)
    pages = build_pages(library, today, settings)
    return write_generated(docs_dir, pages)
