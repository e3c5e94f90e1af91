"""MkDocs glue: let go of each page's Markdown and HTML once it is written
(why: stack_adapter.let_go_of_page)."""

from __future__ import annotations

import stack_adapter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-1000)  # after every other plugin and hook has had the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    stack_adapter.let_go_of_page(page)
    return output
