"""One entry point from data to pages: what the MkDocs hook (or any other
generator) calls. mkdocs-static-i18n runs the whole build once per
language: `generate` does its work once for both (see there)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from styrdok.data import files as data_files
from styrdok.build.generated_files import MANIFEST, GeneratedWriter, hand_written_names
from styrdok.build.links import BrokenLinks, LinkCheck
from styrdok.data.library import Library, load_library
from styrdok.render.pages import plan_pages, render_planned
from styrdok.render.plan import Depends, Planned, change_between, to_render_again
from styrdok.data.problems import DataError
from styrdok.render.settings import SiteSettings

T = TypeVar("T")


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


def generate(data_dir: Path, docs_dir: Path, today: dt.date, settings: SiteSettings = SiteSettings(),
             *, serving: bool = False, site_pages: Path | None = None) -> list[str]:
    """Validate the data, plan every page and check that no two share an
    address, render, and only then move the pages into docs/: invalid data
    raises DataError before a single file changes, and a failure while
    rendering leaves docs/ as it was (generated_files.GeneratedWriter).

    mkdocs-static-i18n runs the build (and this) once per language, and each
    run renders both languages: when neither the data nor any generated file
    changed since this process wrote them, nothing is loaded or rendered
    again. For a build, pages are written as they are rendered, and neither
    they nor the library are kept: MkDocs needs the memory. The work is done
    in a forked child process when that is safe, so its memory is returned
    in full. When `serving` (`mkdocs serve`), the library is kept instead,
    so that after an edit only the pages it can change are rendered again.

    The generated links are checked against the generated files and the
    hand-written ones of `site_pages` (default: docs_dir): another folder
    when the files are written elsewhere than the site's docs/ (`styrdok
    pages --out`)."""
    fingerprint = data_files.fingerprint(data_dir)
    key = str(docs_dir.resolve())
    done = _written.pop(key, None)
    if done and (done.fingerprint, done.today, done.settings) == (fingerprint, today, settings) \
            and _stats(docs_dir, done.files) == done.files:
        _written[key] = done
        return []
    if not serving:
        changed, names = _in_child_process(_load_render_write, data_dir, docs_dir, today, settings, site_pages)
    else:
        changed, names = _load_render_write_again(data_dir, docs_dir, today, settings, site_pages)
    stats = _stats(docs_dir, [*names, MANIFEST])
    if stats is not None:
        _written[key] = _Written(fingerprint, today, settings, stats)
    return changed


def _load_render_write(data_dir: Path, docs_dir: Path, today: dt.date, settings: SiteSettings,
                       site_pages: Path | None = None) -> tuple[list[str], list[str]]:
    library = load_library(data_dir)  # raises DataError before any file is written
    changed, planned, _ = _render_write(library, docs_dir, today, settings, site_pages=site_pages)
    return changed, sorted(page.name for page in planned)


def _render_write(library: Library, docs_dir: Path, today: dt.date, settings: SiteSettings,
                  last: _Rendered | None = None, site_pages: Path | None = None) -> tuple[list[str], list[Planned], LinkCheck]:
    """Plan the pages and render them into docs/: every page, or after
    `last` render of this process only those the edit since then touched
    (their declared `Depends`); the others stay as they are. Every link of
    every generated page must lead somewhere (links.LinkCheck), or nothing
    is written. Returns the changed names, the plan and the links read."""
    planned = plan_pages(library, today, settings)
    only = None if last is None else to_render_again(planned, last.depends, change_between(last.library, library))
    link_check = LinkCheck() if last is None or only is None else last.links
    with GeneratedWriter(docs_dir) as writer:  # nothing reaches docs/ unless every page renders
        if only is not None:
            writer.keep(page.name for page in planned if page.name not in only)
        hand_written = list(writer.hand_written())
        render_planned(planned, out=link_check.watching(writer), hand_written=hand_written, only=only)
        link_check.keep_only(page.name for page in planned)
        broken = link_check.problems(hand_written if site_pages is None else hand_written_names(site_pages))
        if broken:
            raise BrokenLinks(broken)
        return writer.finish(), planned, link_check


@dataclass(frozen=True)
class _Rendered:
    """What the last in-process render saw: a long-lived process (`mkdocs
    serve`) renders again only what an edit can change."""

    library: Library
    today: dt.date
    settings: SiteSettings
    depends: dict[str, Depends]  # each generated file, and what it shows
    links: LinkCheck  # each generated file's links and anchors


_rendered: dict[str, _Rendered] = {}


def _load_render_write_again(data_dir: Path, docs_dir: Path, today: dt.date, settings: SiteSettings,
                             site_pages: Path | None = None) -> tuple[list[str], list[str]]:
    key = str(docs_dir.resolve())
    last = _rendered.pop(key, None)
    library = load_library(data_dir)  # parses only the files that changed (library.read_model)
    if last is not None and ((last.today, last.settings) != (today, settings) or _stats(docs_dir, last.depends) is None):
        last = None  # another day or setting, or generated files gone: render everything
    changed, planned, link_check = _render_write(library, docs_dir, today, settings, last, site_pages)
    _rendered[key] = _Rendered(library, today, settings, {page.name: page.depends for page in planned}, link_check)
    return changed, sorted(page.name for page in planned)


def _can_fork() -> bool:
    """Forking is only safe in a process with one thread (`mkdocs build`)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _in_child_process(work: Callable[..., T], *args: Any) -> T:
    """`work(*args)` in a forked child, which hands back its result or error.

    Python seldom gives freed memory back to the system, so the library and
    the rendering (about 400 MB at 3,000 documents) would stay in the MkDocs
    process for the rest of the build. Forking is only safe in a process with
    one thread (`mkdocs build`); elsewhere (`mkdocs serve`, test runners) the
    work runs here."""
    if not _can_fork():
        return work(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read_end)
            try:
                outcome: tuple[str, Any] = ("ok", work(*args))
            except BrokenLinks as exc:
                outcome = ("links", exc.problems)
            except DataError as exc:
                outcome = ("data", exc.problems)
            except BaseException:  # noqa: BLE001 - handed to the parent as text
                outcome = ("error", traceback.format_exc())
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(outcome, pipe)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("styrdok: the page generator stopped without a result")
    kind, value = pickle.loads(data)
    if kind == "data":
        raise DataError(value)
    if kind == "links":
        raise BrokenLinks(value)
    if kind == "error":
        raise RuntimeError("styrdok: generating the pages failed:\n" + value)
    return value
