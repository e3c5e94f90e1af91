"""Indexing the built site with Pagefind (offline), and keeping the index
the same bytes for the same site. What is indexed, with which filters and
facts, is decided when the pages are rendered (`styrdok.render.search`).

`make_stable` and `cut_word_index` join and rewrite files of Pagefind's
bundle whose layout Pagefind does not document or promise to keep (gzip +
CBOR, the order of their fields, a word's pages written as a first number
and then steps). They were written for PAGEFIND_VERSION, which the lock
file pins; tests/test_site_search.py fails when another version is
installed, checks on a built site that every word is found where
Pagefind's own lookup looks for it, and that every word, form and filter
value is on the pages, at the places, that Pagefind's own bundle says."""

from __future__ import annotations

import bisect
import gzip
import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from styrdok.render.search import BUNDLE, EXCLUDE_SELECTORS

PAGEFIND_VERSION = "1.5.2"


def write_index(site_dir: Path) -> dict[str, int]:
    """Index the built site with Pagefind (offline, from the HTML on disk)
    into <site>/pagefind/, replacing the old index. Pagefind splits it by
    each page's `<html lang>`: one index per language, Swedish stemmed.
    The new index is written beside the old one and swapped in when
    complete, so a preview being browsed never sees half an index.
    Returns the number of pages indexed per language.

    Pagefind runs as its command (`python -m pagefind`), which has written
    every file when it exits. Its Python API answered before its files were
    all on disk, and an index read then was now and then incomplete."""
    bundle = site_dir / BUNDLE
    fresh, old = site_dir / ".pagefind-new", site_dir / ".pagefind-old"
    for folder in (fresh, old):
        if folder.exists():
            shutil.rmtree(folder)
    runs = run_globs(site_dir)
    parts = [site_dir / f".pagefind-new-{n}" for n in range(len(runs))]
    try:
        for glob, part in zip(runs, parts):
            _run_pagefind(site_dir, part, glob)
        fresh.mkdir()
        pages = make_stable(parts, fresh)
    finally:
        for part in parts:
            shutil.rmtree(part, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    if old.exists():
        shutil.rmtree(old)
    return pages


# Pagefind holds every page it indexes in memory until it writes its bundle,
# about 0.2 to 0.3 MB a page (docs/benchmark.md), so no run is given more
# than this many pages.
PAGES_PER_RUN = 1500

# A site folder name that can stand in a Pagefind glob as it is.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")


def run_globs(site_dir: Path, pages_per_run: int | None = None) -> list[str | None]:
    """The Pagefind runs that index the site, as globs: each language's pages
    (those of `en/`, and the rest of the site) in runs of at most
    `pages_per_run` pages (PAGES_PER_RUN), whole top-level folders each, in
    name order. One run of the whole site (None) when a name could not stand
    in a glob as it is. A folder with more pages than a run takes is a run of
    its own."""
    limit = PAGES_PER_RUN if pages_per_run is None else pages_per_run
    english = site_dir / "en"
    if not english.is_dir():
        return [None]
    languages = {"": [p for p in site_dir.iterdir()
                      if p.name not in ("en", BUNDLE) and not p.name.startswith(".pagefind")],
                 "en/": list(english.iterdir())}
    # Pagefind leaves out the pages without a data-pagefind-body when a page
    # it reads has one. A run over a folder of such pages alone would index
    # them, so the folders where no page has one are left out of every run.
    marked = {prefix: [p for p in entries if _marks_body(p)] for prefix, entries in languages.items()}
    if any(marked.values()):
        languages = marked
    runs: list[str | None] = []
    for prefix, entries in languages.items():
        sized = sorted((p.name, _html_count(p)) for p in entries)
        sized = [(name, count) for name, count in sized if count]
        if not sized or not all(_PLAIN_NAME.fullmatch(name) for name, _ in sized):
            return [None]
        groups: list[list[str]] = [[]]
        size = 0
        for name, count in sized:
            if groups[-1] and size + count > limit:
                groups.append([])
                size = 0
            groups[-1].append(name)
            size += count
        if prefix and len(groups) == 1:
            runs.append(f"{prefix}**/*.html")
        else:
            runs += [_glob(prefix, group, site_dir) for group in groups]
    return runs


_BODY_MARK = re.compile(rb"<[a-zA-Z][^>]*\sdata-pagefind-body[\s=/>]")


def _marks_body(path: Path) -> bool:
    """Whether an HTML page at or under `path` marks its indexed part."""
    files = (Path(top) / name for top, _, names in os.walk(path) for name in sorted(names)) if path.is_dir() else [path]
    return any(file.suffix == ".html" and _BODY_MARK.search(file.read_bytes()) for file in files)


def _html_count(path: Path) -> int:
    if path.is_dir():
        return sum(name.endswith(".html") for _, _, names in os.walk(path) for name in names)
    return int(path.suffix == ".html")


def _glob(prefix: str, names: list[str], site_dir: Path) -> str:
    patterns = [f"{prefix}{n}/**/*.html" if (site_dir / prefix / n).is_dir() else f"{prefix}{n}" for n in names]
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def _run_pagefind(site_dir: Path, output: Path, glob: str | None) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), "--quiet"]
    if glob is not None:
        command += ["--glob", glob]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")


_ENTRY = "pagefind-entry.json"


def _full_hash(data: bytes) -> str:
    """Pagefind's name for a fragment: SHA-1 of its JSON, each byte in hex
    without leading zeros (Pagefind's `full_hash`)."""
    return "".join(format(b, "x") for b in hashlib.sha1(data).digest())


def _move_fragments(part: Path, into: Path) -> dict[str, str]:
    """Move the run's page fragments into `into`. Pagefind names a fragment by
    the shortest beginning of its hash (7 digits and up) that no other page
    of the run has; two runs can each give a different page the same short
    name. Such a fragment gets a longer name, as Pagefind would give it, and
    the map of such renames is returned."""
    renamed: dict[str, str] = {}
    folder = part / "fragment"
    if not folder.is_dir():
        return renamed
    (into / "fragment").mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.iterdir()):
        target = into / "fragment" / path.name
        if target.exists() and target.read_bytes() != (data := path.read_bytes()):
            name = path.name.removesuffix(".pf_fragment")
            language, short = name.split("_", 1)
            full = _full_hash(gzip.decompress(data)[len(_SIGNATURE):])
            length = len(short)
            while (into / "fragment" / f"{language}_{full[:length]}.pf_fragment").exists():
                length += 1
            renamed[name] = f"{language}_{full[:length]}"
            target = into / "fragment" / f"{renamed[name]}.pf_fragment"
        path.rename(target)
    return renamed


class BackgroundIndex:
    """The preview's index, rebuilt after each rebuild without holding up the
    page's reload: indexing the whole site takes seconds (Pagefind cannot
    update an index in place), a rebuild after an edit less (docs/benchmark.md).
    Requests made while an index runs are folded into one more run, so the
    last index always follows the last build; each is swapped in whole."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._thread: threading.Thread | None = None
        self.runs = 0

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._pending = site_dir
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pagefind-index", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._pending = self._pending, None
                if site_dir is None:
                    self._thread = None
                    return
            try:
                pages = write_index(site_dir)
                self.runs += 1
                logging.getLogger(__name__).info("Pagefind indexed %s pages (preview)", sum(pages.values()))
            except Exception as exc:  # a failed preview index must not stop the preview
                logging.getLogger(__name__).warning("the preview's search index was not updated: %s", exc)


# Pagefind's files: gzip of this signature followed by CBOR.
_SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor2.loads(data[len(_SIGNATURE):])


def _write(folder: Path, prefix: str, suffix: str, digits: int, value: Any) -> str:
    """Write `value` as a Pagefind file named by a hash of its bytes; return the name's hash part."""
    data = gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(data)
    return name


# The word index, cut anew (`cut_word_index`): a chunk closes once it holds
# this many word positions and pages; a word of WHOLE_PREFIX letters or more
# stays in one chunk with every word that begins with it, unless all of them
# together hold more than RUN_POSITIONS (the commonest beginnings, such as
# "kommun", would make one chunk of 180 KB at 3,000 documents).
CHUNK_POSITIONS = 2000
WHOLE_PREFIX = 4
RUN_POSITIONS = 25 * CHUNK_POSITIONS


def _positions(word: list[Any]) -> int:
    """How much of a chunk one word fills: its pages and positions, those of
    its forms with diacritics (Pagefind 1.5 files "vänorter" under
    "vanort") included."""
    _, pages, forms = word
    return sum(len(page[1]) + 1 for page in pages) + sum(len(page[1]) + 1 for _, form_pages in forms for page in form_pages)


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _cut(words: list[list[Any]]) -> list[list[list[Any]]]:
    """The sorted words in chunks of about CHUNK_POSITIONS. Never cut between
    a word and the next when the first begins the second (the search would
    look for "upp" in the chunk that ends with it and miss "uppföljning" in
    the next), nor inside a run of words that begin with one word of
    WHOLE_PREFIX letters or more, so that "vänort" finds "vänortsarbete",
    unless the run holds more than RUN_POSITIONS."""
    sizes = [_positions(word) for word in words]
    before = [0, *itertools.accumulate(sizes)]
    keys = [word[0] for word in words]

    def run(i: int) -> int:  # the positions of words[i] and every word that begins with it
        return before[bisect.bisect_left(keys, keys[i] + "\U0010ffff", lo=i)] - before[i]

    chunks: list[list[list[Any]]] = []
    chunk: list[list[Any]] = []
    size = 0
    stems: list[int] = []  # the words met so far that begin the current one
    for i, word in enumerate(words):
        while stems and not keys[i].startswith(keys[stems[-1]]):
            stems.pop()
        joined = bool(stems) and (stems[-1] == i - 1 or any(
            len(keys[s]) >= WHOLE_PREFIX and run(s) <= RUN_POSITIONS for s in stems))
        if chunk and size >= CHUNK_POSITIONS and not joined:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(word)
        size += sizes[i]
        stems.append(i)
    if chunk:
        chunks.append(chunk)
    return chunks


def cut_word_index(bundle: Path, language: str, words: list[list[Any]]) -> list[list[str]]:
    """Write a language's word index in chunks; return the chunk list of its
    metadata. A query downloads the chunk that holds its word, whole.
    Pagefind 1.5 closes a chunk after about 20,000 positions, but counts
    only words without diacritics, so a chunk of Swedish words ran to 100 KB
    and more (the word "vänort" came with "utvärdera", "var" and "välj").
    The chunk list names each chunk's first and last word by the shortest
    prefixes that tell neighbours apart, as Pagefind does."""
    chunks = _cut(words)
    bounds = [[chunk[0][0], chunk[-1][0]] for chunk in chunks]
    for before, after in zip(bounds, bounds[1:]):
        n = _common(before[1], after[0])
        before[1], after[0] = before[1][:n + 1], after[0][:n + 1]
    names: set[str] = set()
    (bundle / "index").mkdir(parents=True, exist_ok=True)
    for bound, chunk in zip(bounds, chunks):
        data = gzip.compress(_SIGNATURE + cbor2.dumps([chunk]), mtime=0)
        digest, digits = hashlib.sha256(data).hexdigest(), 7
        while f"{language}_{digest[:digits]}" in names:  # two chunks whose names begin alike
            digits += 1
        name = f"{language}_{digest[:digits]}"
        names.add(name)
        (bundle / "index" / f"{name}.pf_index").write_bytes(data)
        bound.append(name)
    return bounds


@dataclass
class _Run:
    """One Pagefind run's index of one language."""

    folder: Path
    meta: list[Any]
    renamed: dict[str, str]  # its fragments that were given a longer name
    first: int = 0  # the number, among the language's pages of all runs, of its first page


def make_stable(parts: list[Path], bundle: Path) -> dict[str, int]:
    """Join the bundles of the Pagefind runs in `parts` into `bundle`, the same
    bytes for the same pages. Pagefind 1.5 numbers the pages in the order the
    file system lists their files, which differs from one machine (or one
    split of the site into runs) to another, and writes the filter files and
    each language's filter list in hash-map order, which changes from run
    to run. Here the pages are numbered by their fragment's name, the words
    of all runs are cut into chunks anew (`cut_word_index`), the filter
    values are sorted by name with their pages in order, the filters by
    name. What each word, form and filter value says (on which pages, at
    which places) is Pagefind's. Returns the number of pages indexed per
    language."""
    runs: dict[str, list[_Run]] = {}
    entry: dict[str, Any] = {}
    for part in parts:
        part_entry = json.loads((part / _ENTRY).read_text(encoding="utf-8"))
        renamed = _move_fragments(part, bundle)
        for path in sorted(part.rglob("*")):  # a folder before its files
            target = bundle / path.relative_to(part)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            elif path.parent.name not in ("index", "filter") and not path.name.endswith(".pf_meta") \
                    and path.name != _ENTRY and not target.exists():
                path.rename(target)  # Pagefind's script, styles and wasm: named by their content
        for language, info in part_entry["languages"].items():
            meta = _read(part / f"pagefind.{info['hash']}.pf_meta")
            runs.setdefault(language, []).append(_Run(part, meta, renamed))
        entry = {**part_entry, "languages": {**entry.get("languages", {}), **part_entry["languages"]}}
    for language, language_runs in sorted(runs.items()):
        info = entry["languages"][language]
        info["hash"], info["page_count"] = _stable_language(bundle, language, language_runs)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    (bundle / _ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {language: info["page_count"] for language, info in entry["languages"].items()}


def _stable_language(bundle: Path, language: str, runs: list[_Run]) -> tuple[str, int]:
    """One language's metadata, filters and word index from its runs; returns
    the metadata's name and the number of pages."""
    pages: list[list[Any]] = []
    for run in runs:
        run.first = len(pages)
        pages += [[run.renamed.get(name, name), count] for name, count in run.meta[1]]
    order = sorted(range(len(pages)), key=lambda n: pages[n][0])
    number = [0] * len(order)
    for new, old in enumerate(order):
        number[old] = new

    filters: dict[str, dict[str, list[int]]] = {}
    for run in runs:
        for name, chunk in run.meta[3]:
            values = filters.setdefault(name, {})
            for value, numbers in _read(run.folder / "filter" / f"{chunk}.pf_filter")[1]:
                values.setdefault(value, []).extend(number[run.first + n] for n in numbers)
    (bundle / "filter").mkdir(parents=True, exist_ok=True)
    filter_list = [[name, _write(bundle / "filter", language, ".pf_filter", 7,
                                 [name, [[value, sorted(values[value])] for value in sorted(values)]])]
                   for name, values in sorted(filters.items())]

    words: dict[str, list[Any]] = {}
    for run in runs:
        for _, _, chunk in run.meta[2]:
            for key, word_pages, forms in _read(run.folder / "index" / f"{chunk}.pf_index")[0]:
                _renumber(word_pages, number, run.first)
                for _, form_pages in forms:
                    _renumber(form_pages, number, run.first)
                if key in words:
                    words[key][1] += word_pages
                    words[key][2] += forms
                else:
                    words[key] = [key, word_pages, forms]
    ordered = [_in_order(words[key]) for key in sorted(words)]

    if any(run.meta[4] for run in runs) and len(runs) > 1:
        raise RuntimeError("Pagefind's sort orders cannot be joined: their values are not in the bundle")
    meta = [runs[0].meta[0], [pages[old] for old in order], cut_word_index(bundle, language, ordered), filter_list,
            [[name, [number[n] for n in numbers]] for name, numbers in runs[0].meta[4]],
            sorted({key for run in runs for key in run.meta[5]})]
    name = _write(bundle, f"pagefind.{language}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    return name, len(pages)


# Pagefind 1.5 writes a word's pages with the first page's number and, for each
# page after it, the step from the page before.

def _renumber(pages: list[list[Any]], number: list[int], first: int) -> None:
    """A word's pages of one run (steps) given their new numbers, in place."""
    at = first
    for page in pages:
        at += page[0]
        page[0] = number[at]


def _in_order(word: list[Any]) -> list[Any]:
    """A word whose pages hold their new numbers: the pages in that order (as
    steps again), its forms (of all runs joined) in the order of their spelling."""
    key, pages, forms = word
    joined: dict[str, list[list[Any]]] = {}
    for form, form_pages in forms:
        joined.setdefault(form, []).extend(form_pages)
    return [key, _as_steps(pages), [[form, _as_steps(joined[form])] for form in sorted(joined)]]


def _as_steps(pages: list[list[Any]]) -> list[list[Any]]:
    pages.sort(key=lambda page: page[0])
    before = 0
    for page in pages:
        page[0], before = page[0] - before, page[0]
    return pages
