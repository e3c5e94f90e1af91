"""MkDocs glue: let go of each page's Markdown and HTML once it is written.

MkDocs keeps every page's source and HTML until the build ends, and
mkdocs-static-i18n runs the second language's build inside the first, so a
large library held both languages' pages at once: 1.6 GB at 3,000 documents
instead of about 1 GB (issue 7, docs/benchmark.md). Nothing reads them after
`on_post_page`: the search (Pagefind) reads the written HTML after the
build, and the sitemap needs only each page's address and date.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-1000)  # after every other plugin and hook has had the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    page.markdown = None
    page.content = None
    return output
