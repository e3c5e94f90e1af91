"""MkDocs glue: the site search (logic in styrdok.search).

Gives each page what the header's search needs, and indexes the built site
with Pagefind once both languages are built: after `mkdocs build`, and after
every rebuild of `make serve`, so the preview's search shows the edit
(Pagefind cannot update an index in place; a whole index takes about 2 %
of a rebuild, docs/benchmark.md)."""

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


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["sd_search"] = search.ui(page.url, config.theme["language"])
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # the other language's build, run inside the outer one: index once, after both
    start = time.perf_counter()
    summary = search.write_index(Path(config.site_dir))
    log.info("Pagefind indexed %s pages in %.2f s", summary.get("page_count"), time.perf_counter() - start)
