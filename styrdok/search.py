"""What the site search (Pagefind) indexes, and with which filters and facts.

Pagefind reads the built HTML. A page is indexed when its front matter holds
a `pagefind` record (written here); the site's page frame then marks its
content with `data-pagefind-body` and prints the record's filters and
facts as `data-pagefind-filter` / `data-pagefind-meta` elements. Only
documents, organisations and actors get a record: the lists across the
library (calendars, comparison, matrices, gaps, news) and the help pages
would repeat what those pages say and crowd every search.

Every label comes from words.yaml in the page's language, so a reader
filters by "Gällande" on a Swedish page and "In force" on an English one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2
import yaml

from .model import Document, Organisation
from .review import Status as ReviewStatus
from .words import Words

# The filters, in the order the search shows them; each one's heading is the
# word `search_filter_<name>` in words.yaml.
FILTERS = ("organisation", "type", "status", "review")

# Parts of a page that say the same on every page of its kind and would
# match nearly every query: the labels of the fact lists and the column
# headings and captions of tables (a matrix's heading row repeats every
# actor's name, run together as one word by Pagefind, which does not part
# table cells), the notices about the version shown, "not stated in the
# source", heading anchors. And a document's "who does what" matrix: it
# repeats the duties its sections state, a fifth of a document's words,
# which the index and every snippet download would carry twice.
EXCLUDE_SELECTORS = (
    ".sd-facts dt",
    "thead",
    "caption",
    ".sd-matrix",
    ".sd-version",
    ".sd-stale",
    ".sd-overdue",
    ".sd-unknown",
    ".headerlink",
)

BUNDLE = "pagefind"  # Pagefind's folder at the site root

# Options for Pagefind's JS API, the same for the header search and the
# search-quality test. noWorker: search in the page, which saves the worker
# script's download (12 KB gzipped). pageLength 0.5 (Pagefind's default is
# 0.75): a long document loses less rank against a short actor page that
# merely names the word; it raised the Swedish mean reciprocal rank of
# tests/browser/test_search_in_browser.py from 0.90 to 0.94.
PAGEFIND_OPTIONS: dict[str, Any] = {"excerptLength": 24, "noWorker": True, "ranking": {"pageLength": 0.5}}


@dataclass(frozen=True)
class Record:
    """One indexed page: its filter values and the facts a result shows."""

    meta: dict[str, str]
    filters: dict[str, str] = field(default_factory=dict)

    def front_matter(self) -> str:
        """YAML front matter for the generated Markdown page. Every value is
        double-quoted with its control characters escaped, so no text can
        end the front matter or change its structure."""
        data = {"pagefind": {"meta": self.meta, "filters": self.filters}}
        body = yaml.safe_dump(data, allow_unicode=True, default_style='"', sort_keys=False, width=2**31)
        return f"---\n{body}---\n\n"


def document_labels(status: str, review_status: ReviewStatus, language: str) -> tuple[str, str]:
    """A document's status and review status as a reader sees them. The one
    place where the model's status values meet the search's filter values."""
    w = Words(language)
    return w[f"status_{status}"], w[f"review_status_{review_status}"]


def document_record(doc: Document, title: str, organisation: Organisation, type_name: str,
                    review_status: ReviewStatus, language: str) -> Record:
    status, review = document_labels(doc.status, review_status, language)
    org = organisation.name.get(language)
    return Record(
        meta={"title": title, "organisation": org, "type": type_name, "status": status},
        filters={"organisation": org, "type": type_name, "status": status, "review": review},
    )


def organisation_record(organisation: Organisation, language: str) -> Record:
    org = organisation.name.get(language)
    return Record(meta={"title": org, "organisation": org, "type": Words(language).organisation},
                  filters={"organisation": org})


def actor_record(name: str, kind: str, organisation: Organisation, language: str) -> Record:
    org = organisation.name.get(language)
    return Record(meta={"title": name, "organisation": org, "type": Words(language)[f"actor_kind_{kind}"]},
                  filters={"organisation": org})


def site_root(page_url: str) -> str:
    """The relative address of the site root (where Pagefind's bundle is)
    from a page, given its URL from the site root (`en/…` for English)."""
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth if depth else "./"


def ui(page_url: str, language: str, preview: bool = False) -> dict[str, Any]:
    """What the page frame needs to draw the search: where the bundle is,
    every word of the search in the page's language, and in the preview a
    note that the search follows an edit a few seconds late."""
    w = Words(language)
    keys = ("search", "search_open", "search_close", "search_placeholder", "search_filters", "search_clear",
            "search_loading", "search_none", "search_one", "search_many", "search_failed", "search_hint",
            "search_more", "search_results")
    return {
        "root": site_root(page_url),
        "words": {key: w[key] for key in keys},
        "filters": [(name, w[f"search_filter_{name}"]) for name in FILTERS],
        "preview_note": w.search_preview if preview else "",
        "options": PAGEFIND_OPTIONS,
    }


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
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(fresh), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")
    pages = make_stable(fresh)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    if old.exists():
        shutil.rmtree(old)
    return pages


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


def make_stable(bundle: Path) -> dict[str, int]:
    """Same pages, same bytes. Pagefind 1.5 writes the word index and the
    fragments in a stable order, but the filter files and each language's
    filter list in hash-map order, which changes from run to run (and so
    do their names, the metadata file that lists them and the entry file).
    This rewrites those files in sorted order: the filter values by name
    with their pages in order, the filters by name. The content is the
    same; only the order (and so the names) becomes fixed. Returns the
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
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", ".pf_meta", 10, meta).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {language: info["page_count"] for language, info in entry["languages"].items()}
