"""MkDocs glue: one search index per language (logic in styrdok.search_index).

Runs after mkdocs-static-i18n (priority -100) has built every language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from styrdok.build.search_index import PreviewIndexes, point_search_at_language, split_site

_preview: PreviewIndexes | None = None  # `mkdocs serve --dirty` only
_rebuilt: set[str] = set()


def _languages(config: MkDocsConfig) -> tuple[str, list[str]]:
    i18n = config.plugins["i18n"].config
    default = next(lang.locale for lang in i18n.languages if lang.default)
    return default, [lang.locale for lang in i18n.languages if not lang.default]


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = PreviewIndexes() if command == "serve" and dirty else None


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    """With `--dirty`, let the search plugin index only the pages each build
    renders; PreviewIndexes puts them in place. Material's merge with the
    last index (which drops or repeats entries under mkdocs-static-i18n) and
    the i18n plugin's stack of entries would otherwise grow with every
    rebuild. Both are plugin internals, pinned in constraints.txt;
    tests/test_serve_preview.py fails if they change."""
    if _preview is None:
        return
    config.plugins["material/search"].search_index_prev = None
    if not config.plugins["i18n"].building:
        config.plugins["i18n"].search_entries.clear()  # a new rebuild: a new stack


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _preview is not None:
        _rebuilt.add(page.url)
    default, _ = _languages(config)
    language = config.theme["language"]
    return output if language == default else point_search_at_language(output, language)


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # the other language's build, run by the i18n plugin: the outer build has the last word
    default, others = _languages(config)
    if _preview is not None and _preview.ready:
        _preview.update(Path(config.site_dir), _rebuilt, others, default)
    else:
        parts = split_site(Path(config.site_dir), others, default)
        if _preview is not None and parts:
            _preview.remember(parts)
    _rebuilt.clear()
