"""MkDocs glue: the site search (logic in styrdok.search).

Gives each page what the header's search needs, and indexes the built site
with Pagefind once both languages are built: within `mkdocs build`; in
`make serve` after every rebuild too, in the background, so that the page
reloads at once and its search follows a few seconds later (the search
says so in the preview)."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from styrdok import search

log = logging.getLogger("mkdocs.hooks.pagefind_index")
_preview: search.BackgroundIndex | None = None  # `mkdocs serve` only


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = search.BackgroundIndex() if command == "serve" else None


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["sd_search"] = search.ui(page.url, config.theme["language"], preview=_preview is not None)
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # the other language's build, run inside the outer one: index once, after both
    if _preview is not None:
        _preview.request(Path(config.site_dir))  # the page reloads at once; the search follows
        return
    start = time.perf_counter()
    pages = search.write_index(Path(config.site_dir))
    log.info("Pagefind indexed %s pages in %.2f s", sum(pages.values()), time.perf_counter() - start)
