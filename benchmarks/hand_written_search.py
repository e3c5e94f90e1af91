"""The benchmark's hand-written build gets the search set up as styrdok's:
the header search (the same context for the theme's overrides) and one
Pagefind run over the built site with the same settings, as
hooks/pagefind_index.py gives the styrdok build. No pages are generated.
MkDocs copies this file into the hand-written project's hooks/ folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import stack_adapter

from styrdok.build import search_index
from styrdok.render import search

_site: list[Path] = []


def on_config(config: Any) -> Any:
    if not _site:
        _site.append(Path(config.site_dir))  # the outer (default language) build's site
    return config


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    context["sd_search"] = search.ui(page.url, stack_adapter.language(config), preview=False)
    return context


def on_shutdown() -> None:
    if _site:
        search_index.write_index(_site[0])
