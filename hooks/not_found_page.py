"""MkDocs glue: keep the root 404 page in the default language.

mkdocs-static-i18n builds English after Swedish, and both builds write
/404.html, so the root one came out English (see the stack notes). The
Swedish page is kept at /404.html and the English one goes to /en/404.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

_default_page: dict[str, str] = {}


def _default_language(config: MkDocsConfig) -> str:
    return next(lang.locale for lang in config.plugins["i18n"].config.languages if lang.default)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    language = config.theme["language"]
    if language == _default_language(config):
        _default_page[config.site_dir] = output_content
        return output_content
    target = Path(config.site_dir) / language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return _default_page.get(config.site_dir, output_content)
