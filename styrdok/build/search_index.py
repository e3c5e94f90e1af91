"""Indexing the built site with Pagefind (offline), and keeping the index
the same bytes for the same site. What is indexed, with which filters and
facts, is decided when the pages are rendered (`styrdok.render.search`).

`make_stable` and `cut_word_index` rewrite files of Pagefind's bundle whose
layout Pagefind does not document or promise to keep (gzip + CBOR, the
order of their fields). They were written for PAGEFIND_VERSION, which the
lock file pins; tests/test_site_search.py fails when another version is
installed, and checks on a built site that every word is found where
Pagefind's own lookup looks for it."""

from __future__ import annotations

import bisect
import gzip
import hashlib
import itertools
import json
import logging
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
    runs = language_globs(site_dir)
    parts = [site_dir / f".pagefind-new-{n}" for n in range(len(runs))]
    try:
        for glob, part in zip(runs, parts):
            _run_pagefind(site_dir, part, glob)
        fresh.mkdir()
        for part in parts:
            _merge_bundle(part, fresh)
    finally:
        for part in parts:
            shutil.rmtree(part, ignore_errors=True)
    pages = make_stable(fresh)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    if old.exists():
        shutil.rmtree(old)
    return pages


# A site folder name that can stand in a Pagefind glob as it is.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")


def language_globs(site_dir: Path) -> list[str | None]:
    """One Pagefind run per language, each given its language's pages: the
    pages of `en/` and the rest of the site. Pagefind holds every page it
    indexes in memory until it writes its bundle, so two runs of half the
    site each peak at about half the memory of one (docs/benchmark.md).
    One run of the whole site (None) when a folder's name could not stand
    in a glob as it is."""
    names = sorted(p.name for p in site_dir.iterdir()
                   if p.name not in ("en", BUNDLE) and not p.name.startswith(".pagefind")
                   and (p.is_dir() or p.suffix == ".html"))
    if not (site_dir / "en").is_dir() or not names or not all(_PLAIN_NAME.fullmatch(n) for n in names):
        return [None]
    rest = ",".join(f"{n}/**/*.html" if (site_dir / n).is_dir() else n for n in names)
    return ["{" + rest + "}", "en/**/*.html"]


def _run_pagefind(site_dir: Path, output: Path, glob: str | None) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), "--quiet"]
    if glob is not None:
        command += ["--glob", glob]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")


def _merge_bundle(part: Path, into: Path) -> None:
    """Move one run's bundle into `into`: its files (named by their content, so
    a name both runs wrote holds the same bytes: Pagefind's script, styles
    and the wasm of a language both indexed) and its languages in the entry file."""
    entry_name = "pagefind-entry.json"
    for path in sorted(part.rglob("*")):  # a folder before its files
        target = into / path.relative_to(part)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.name != entry_name and not target.exists():
            path.rename(target)
    entry = json.loads((part / entry_name).read_text(encoding="utf-8"))
    merged_path = into / entry_name
    if merged_path.exists():
        merged = json.loads(merged_path.read_text(encoding="utf-8"))
        both = set(merged["languages"]) & set(entry["languages"])
        if both:
            raise RuntimeError(f"two Pagefind runs indexed pages of the same language: {sorted(both)}")
        entry["languages"] = {**merged["languages"], **entry["languages"]}
    merged_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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


def cut_word_index(bundle: Path, language: str, meta: list[Any]) -> None:
    """Cut a language's word index into smaller chunks, in place. A query
    downloads the chunk that holds its word, whole. Pagefind 1.5 closes a
    chunk after about 20,000 positions, but counts only words without
    diacritics, so a chunk of Swedish words ran to 100 KB and more (the
    word "vänort" came with "utvärdera", "var" and "välj"). The chunk list
    in the language's metadata names each chunk's first and last word by
    the shortest prefixes that tell neighbours apart, as Pagefind does."""
    old = [bundle / "index" / f"{name}.pf_index" for _, _, name in meta[2]]
    words = [word for path in old for word in _read(path)[0]]
    if any(a[0] >= b[0] for a, b in zip(words, words[1:])):
        raise ValueError(f"Pagefind's word index for {language!r} is not in order")
    for path in old:
        path.unlink()
    chunks = _cut(words)
    bounds = [[chunk[0][0], chunk[-1][0]] for chunk in chunks]
    for before, after in zip(bounds, bounds[1:]):
        n = _common(before[1], after[0])
        before[1], after[0] = before[1][:n + 1], after[0][:n + 1]
    names: set[str] = set()
    for bound, chunk in zip(bounds, chunks):
        data = gzip.compress(_SIGNATURE + cbor2.dumps([chunk]), mtime=0)
        digest, digits = hashlib.sha256(data).hexdigest(), 7
        while f"{language}_{digest[:digits]}" in names:  # two chunks whose names begin alike
            digits += 1
        name = f"{language}_{digest[:digits]}"
        names.add(name)
        (bundle / "index" / f"{name}.pf_index").write_bytes(data)
        bound.append(name)
    meta[2] = bounds


def make_stable(bundle: Path) -> dict[str, int]:
    """Same pages, same bytes. Pagefind 1.5 writes the word index and the
    fragments in a stable order, but the filter files and each language's
    filter list in hash-map order, which changes from run to run (and so
    do their names, the metadata file that lists them and the entry file).
    This rewrites those files in sorted order: the filter values by name
    with their pages in order, the filters by name. The content is the
    same; only the order (and so the names) becomes fixed. The word index
    is cut into smaller chunks on the way (`cut_word_index`). Returns the
    number of pages indexed per language."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old in sorted(meta[3]):
            old_path = bundle / "filter" / f"{old}.pf_filter"
            index = _read(old_path)
            values = sorted(([value, sorted(pages)] for value, pages in index[1]), key=lambda v: v[0])
            old_path.unlink()
            filters.append([name, _write(bundle / "filter", language, ".pf_filter", 7, [index[0], values])])
        meta[3] = filters
        cut_word_index(bundle, language, meta)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {language: info["page_count"] for language, info in entry["languages"].items()}
