"""MkDocs glue: the site search (logic in styrdok.render.search and
styrdok.build.search_index).

Gives each page what the header's search needs, and indexes the built site
with Pagefind once both languages are built: within `mkdocs build`; in
`make serve` after every rebuild too, in the background, so that the page
reloads at once and its search follows a few seconds later (the search
says so in the preview)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

import stack_adapter
from styrdok.build import search_index
from styrdok.render import search

log = stack_adapter.hook_logger("pagefind_index")
_preview = search_index.BackgroundIndex()  # used only by `mkdocs serve`
_session = stack_adapter.session


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["sd_search"] = search.ui(page.url, stack_adapter.language(config), preview=_session.serving)
    return context


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if _session.depth > 1:
        return  # the other language's build, run inside the outer one: index once, after both
    if _session.serving:
        _preview.request(Path(config.site_dir))  # the page reloads at once; the search follows
        return
    start = time.perf_counter()
    pages = search_index.write_index(Path(config.site_dir))
    log.info("Pagefind indexed %s pages in %.2f s", sum(pages.values()), time.perf_counter() - start)
