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


def _merge_bundle(part: Path, into: Path) -> None:
    """Move one run's bundle into `into`: its files (named by their content, so
    a name two runs wrote holds the same bytes: Pagefind's script, styles,
    the wasm of a language, a page both indexed) and its languages in the
    entry file. A language that an earlier run indexed too is joined to it
    (`_join_language`)."""
    entry = json.loads((part / _ENTRY).read_text(encoding="utf-8"))
    merged_path = into / _ENTRY
    merged = json.loads(merged_path.read_text(encoding="utf-8")) if merged_path.exists() else None
    renamed = _move_fragments(part, into)
    for path in sorted(part.rglob("*")):  # a folder before its files
        target = into / path.relative_to(part)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.name != _ENTRY and not target.exists():
            path.rename(target)
    if merged is not None:
        for language, info in entry["languages"].items():
            if language in merged["languages"]:
                info = _join_language(into, language, merged["languages"][language], info, renamed)
            merged["languages"][language] = info
        entry = merged
    merged_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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
        data = path.read_bytes()
        if target.exists() and target.read_bytes() != data:
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


def _join_language(bundle: Path, language: str, first: dict[str, Any], second: dict[str, Any],
                   renamed: dict[str, str]) -> dict[str, Any]:
    """One language's index from two runs over different pages: the second
    run's pages follow the first's, and its words, filter values and sort
    orders point at them by their new numbers. (`make_stable` then puts the
    pages in their fixed order.) Returns the language's entry."""
    meta_paths = [bundle / f"pagefind.{info['hash']}.pf_meta" for info in (first, second)]
    metas = [_read(path) for path in meta_paths]
    offset = len(metas[0][1])
    pages = metas[0][1] + [[renamed.get(name, name), count] for name, count in metas[1][1]]

    words: dict[str, list[Any]] = {}
    for n, meta in enumerate(metas):
        for _, _, name in meta[2]:
            path = bundle / "index" / f"{name}.pf_index"
            for word in _read(path)[0]:
                if n:
                    word = _shift_word(word, offset)
                if word[0] in words:
                    _add_word(words[word[0]], word)
                else:
                    words[word[0]] = word
            path.unlink()
    filters: dict[str, dict[str, list[int]]] = {}
    for n, meta in enumerate(metas):
        for name, file_name in meta[3]:
            path = bundle / "filter" / f"{file_name}.pf_filter"
            values = filters.setdefault(name, {})
            for value, numbers in _read(path)[1]:
                values.setdefault(value, []).extend(p + offset * n for p in numbers)
            path.unlink()
    if metas[0][4] or metas[1][4]:
        raise RuntimeError("Pagefind's sort orders cannot be joined: their values are not in the bundle")
    chunk = _write(bundle / "index", language, ".pf_index", 7, [[words[key] for key in sorted(words)]])
    meta = [metas[0][0], pages, [["", "", chunk]],
            [[name, _write(bundle / "filter", language, ".pf_filter", 7, [name, sorted(values.items())])]
             for name, values in sorted(filters.items())],
            [], sorted(set(metas[0][5]) | set(metas[1][5]))]
    for path in meta_paths:
        path.unlink()
    name = _write(bundle, f"pagefind.{language}", ".pf_meta", 10, meta)
    return {**first, "hash": name.removeprefix("pagefind."), "page_count": first["page_count"] + second["page_count"]}


def _shift_word(word: list[Any], offset: int) -> list[Any]:
    """A word of a run whose pages follow `offset` pages of another."""
    key, pages, forms = word

    def shifted(pages: list[list[Any]]) -> list[list[Any]]:
        return [[pages[0][0] + offset, *pages[0][1:]], *pages[1:]] if pages else pages

    return [key, shifted(pages), [[form, shifted(form_pages)] for form, form_pages in forms]]


def _add_word(word: list[Any], more: list[Any]) -> None:
    """Add to a word the pages (numbered after its own) of the same word from
    another run."""
    def joined(pages: list[list[Any]], after: list[list[Any]]) -> list[list[Any]]:
        return _as_steps(_as_numbers(pages) + _as_numbers(after))

    word[1] = joined(word[1], more[1])
    forms = {form: n for n, (form, _) in enumerate(word[2])}
    for form, pages in more[2]:
        if form in forms:
            word[2][forms[form]][1] = joined(word[2][forms[form]][1], pages)
        else:
            word[2].append([form, pages])


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


def cut_word_index(bundle: Path, language: str, meta: list[Any], number: list[int]) -> None:
    """Cut a language's word index into smaller chunks, in place. A query
    downloads the chunk that holds its word, whole. Pagefind 1.5 closes a
    chunk after about 20,000 positions, but counts only words without
    diacritics, so a chunk of Swedish words ran to 100 KB and more (the
    word "vänort" came with "utvärdera", "var" and "välj"). The chunk list
    in the language's metadata names each chunk's first and last word by
    the shortest prefixes that tell neighbours apart, as Pagefind does.
    Each page is given its new `number` (`make_stable`)."""
    old = [bundle / "index" / f"{name}.pf_index" for _, _, name in meta[2]]
    words = [_renumber_word(word, number) for path in old for word in _read(path)[0]]
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


def _renumber_word(word: list[Any], number: list[int]) -> list[Any]:
    """A word with its pages given their new numbers, in that order; its forms
    in the order of their spelling."""
    key, pages, forms = word

    def renumbered(pages: list[list[Any]]) -> list[list[Any]]:
        return _as_steps(sorted(([number[page[0]], *page[1:]] for page in _as_numbers(pages)),
                                key=lambda page: page[0]))

    return [key, renumbered(pages), sorted(([form, renumbered(form_pages)] for form, form_pages in forms),
                                          key=lambda form: form[0])]


# Pagefind 1.5 writes a word's pages with the first page's number and, for each
# page after it, the step from the page before.

def _as_numbers(pages: list[list[Any]]) -> list[list[Any]]:
    return [[number, *page[1:]] for number, page in zip(itertools.accumulate(page[0] for page in pages), pages)]


def _as_steps(pages: list[list[Any]]) -> list[list[Any]]:
    return [[page[0] - before, *page[1:]] for before, page in zip([0] + [page[0] for page in pages], pages)]


def page_numbers(meta: list[Any]) -> list[int]:
    """Each page's new number: the pages in the order of their fragment's
    name. Pagefind numbers them in the order it finds their files, which is
    the order the file system lists them in, and differs from one machine
    (or one split of the site into runs) to another."""
    order = sorted(range(len(meta[1])), key=lambda n: meta[1][n][0])
    number = [0] * len(order)
    for new, old in enumerate(order):
        number[old] = new
    meta[1] = [meta[1][old] for old in order]
    return number


def make_stable(bundle: Path) -> dict[str, int]:
    """Same pages, same bytes. Pagefind 1.5 writes the word index and the
    fragments in a stable order, but the filter files and each language's
    filter list in hash-map order, which changes from run to run (and so
    do their names, the metadata file that lists them and the entry file).
    It numbers pages in the order the file system lists their files. This
    rewrites those files in a fixed order: the pages by their fragment's
    name (`page_numbers`), the filter values by name with their pages in
    order, the filters by name. The content is the same; only the order
    (and so the names) becomes fixed. The word index
    is cut into smaller chunks on the way (`cut_word_index`). Returns the
    number of pages indexed per language."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        number = page_numbers(meta)
        meta[4] = [[name, [number[page] for page in pages]] for name, pages in meta[4]]
        filters = []
        for name, old in sorted(meta[3]):
            old_path = bundle / "filter" / f"{old}.pf_filter"
            index = _read(old_path)
            values = sorted(([value, sorted(number[page] for page in pages)] for value, pages in index[1]),
                            key=lambda v: v[0])
            old_path.unlink()
            filters.append([name, _write(bundle / "filter", language, ".pf_filter", 7, [index[0], values])])
        meta[3] = filters
        cut_word_index(bundle, language, meta, number)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {language: info["page_count"] for language, info in entry["languages"].items()}
