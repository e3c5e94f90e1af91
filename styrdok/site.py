"""One entry point from data to pages: what the MkDocs hook (or any other
generator) calls. mkdocs-static-i18n runs the whole build once per
language: `generate` does its work once for both (see there)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .generated_files import MANIFEST, GeneratedWriter
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


@dataclass(frozen=True)
class _Written:
    """What one `generate` wrote: from which data, for which day and settings,
    and the files' sizes and times just after, to see that none was touched."""

    fingerprint: str
    today: dt.date
    settings: SiteSettings
    files: dict[str, tuple[int, int]]


_written: dict[str, _Written] = {}


def _stats(docs_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    out: dict[str, tuple[int, int]] = {}
    for name in names:
        try:
            stat = (docs_dir / name).stat()
        except FileNotFoundError:
            return None
        out[name] = (stat.st_mtime_ns, stat.st_size)
    return out


def generate(data_dir: Path, docs_dir: Path, today: dt.date, settings: SiteSettings = SiteSettings()) -> list[str]:
    """Validate the data, render every page, and only then write: invalid
    data raises DataError before a single file changes.

    mkdocs-static-i18n runs the build (and this) once per language, and each
    run renders both languages: when neither the data nor any generated file
    changed since this process wrote them, nothing is loaded or rendered
    again. Pages are written as they are rendered, and neither they nor the
    library are kept: MkDocs needs the memory."""
    fingerprint = _fingerprint(data_dir)
    key = str(docs_dir.resolve())
    done = _written.pop(key, None)
    if done and (done.fingerprint, done.today, done.settings) == (fingerprint, today, settings) \
            and _stats(docs_dir, done.files) == done.files:
        _written[key] = done
        return []
    library = load_library(data_dir)  # raises DataError before any file is written
    writer = GeneratedWriter(docs_dir)
    build_pages(library, today, settings, out=writer)
    changed = writer.finish()
    stats = _stats(docs_dir, [*writer.names, MANIFEST])
    if stats is not None:
        _written[key] = _Written(fingerprint, today, settings, stats)
    return changed
