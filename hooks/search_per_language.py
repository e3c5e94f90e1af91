"""MkDocs glue: one search index per language (logic in styrdok.search_index).

Runs after mkdocs-static-i18n (priority -100) has built every language."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from styrdok.search_index import point_search_at_language, split_site


def _languages(config: MkDocsConfig) -> tuple[str, list[str]]:
    i18n = config.plugins["i18n"].config
    default = next(lang.locale for lang in i18n.languages if lang.default)
    return default, [lang.locale for lang in i18n.languages if not lang.default]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    default, _ = _languages(config)
    language = config.theme["language"]
    return output if language == default else point_search_at_language(output, language)


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    default, others = _languages(config)
    split_site(Path(config.site_dir), others, default)
