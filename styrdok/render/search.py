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

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


from styrdok.data.model import Document, Organisation
from styrdok.views.review import Status as ReviewStatus
from styrdok.render.words import Words, status_key

# The filters, in the order the search shows them; each one's heading is the
# word `search_filter_<name>` in words.yaml.
FILTERS = ("organisation", "type", "status", "review")

# Parts of a page that say the same on every page of its kind and would match
# nearly every query: the labels of the fact lists and the column headings and
# captions of tables (a matrix's heading row repeats every actor's name, run
# together as one word by Pagefind, which does not part table cells), the
# notices about the version shown, "not stated in the source", heading anchors
# and the "link to this section" under each heading, the links under a
# document's title, and its summary line, whose facts the fact list gives
# again, and the kinds of review ("follow-up", "revision") that label each
# review rule and each review's state. And what the library already says
# elsewhere (class `sd-repeats`): a document's "who does what" block (its
# matrix, legend and duties by actor repeat the duties its sections state) and
# an actor page's duties, each copied from a document. Each word left out makes
# the index chunk that holds it, and every result's fragment, smaller
# (docs/benchmark.md, "Search").
EXCLUDE_SELECTORS = (
    ".sd-facts dt",
    "thead",
    "caption",
    ".sd-repeats",
    ".sd-legend",
    ".sd-summary",
    ".sd-actions",
    ".sd-section-link",
    ".sd-duty-kind",
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

    def as_data(self) -> dict[str, Any]:
        """The record as the page's front matter holds it."""
        return {"pagefind": {"meta": self.meta, "filters": self.filters}}


def document_labels(doc: Document, today: dt.date, review_status: ReviewStatus, language: str) -> tuple[str, str]:
    """A document's status on `today` and its review status as a reader sees
    them: the one place where the model's statuses meet the search's filters."""
    w = Words(language)
    return w[status_key(doc, today)], w[f"review_status_{review_status}"]


def document_record(doc: Document, today: dt.date, title: str, organisation: Organisation, type_name: str,
                    review_status: ReviewStatus, language: str) -> Record:
    status, review = document_labels(doc, today, review_status, language)
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
