"""MkDocs glue: turn policy_data/ into pages before each build.

All logic lives in the `styrdok` package, and what leans on MkDocs' inside
in stack_adapter; this module only connects MkDocs events to them and turns
data errors into a clean build failure (no traceback, no site written). It
runs once per language under mkdocs-static-i18n; the package caches the
loaded data and writes only changed files.
"""

from __future__ import annotations

import os
from pathlib import Path

import stack_adapter
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from styrdok.build import generated_files, idle_gc, links, site
from styrdok.data import today
from styrdok.data.problems import DataError
from styrdok.render import page_file, words
from styrdok.render.settings import SiteSettings

_session = stack_adapter.session


def _today():
    try:
        return today.today()
    except today.TodayError as exc:
        raise PluginError(str(exc)) from None


def _settings(config: MkDocsConfig) -> SiteSettings:
    return SiteSettings.from_options(config.site_url or "", config.extra.get("styrdok") or {})


def on_startup(command: str, dirty: bool) -> None:
    _session.start(command, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Reproducible bytes (sitemap dates, gzip headers): the day of "today"
    # unless the caller fixed SOURCE_DATE_EPOCH itself.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(today.build_epoch(_today())))
    config.extra["styrdok_words"] = words.for_theme()  # for overrides/
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _session.begin_build() and _session.serving:
        idle_gc.pause()  # until the rebuild of every language is done (on_post_build)
    root = Path(config.config_file_path).parent
    try:
        site.generate(root / "policy_data", Path(config.docs_dir), _today(), _settings(config),
                      serving=_session.serving)
    except DataError as exc:
        raise PluginError("\n" + exc.report()) from None


def on_serve(server, config: MkDocsConfig, builder):
    """Watch the hand-written pages, not the generated ones (see
    generated_files.hand_written_paths); policy_data/ is watched through
    `watch:` in mkdocs.yml."""
    return stack_adapter.watch_only(server, config.docs_dir, generated_files.hand_written_paths(Path(config.docs_dir)))


def on_env(env: Environment, config: MkDocsConfig, files) -> Environment:
    return stack_adapter.share_compiled_templates(env)


@event_priority(-300)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if _session.end_build() and _session.serving:
        idle_gc.collect_later()


def on_build_error(error: Exception) -> None:
    _session.failed()
    if _session.serving:
        idle_gc.collect_later()


@event_priority(-200)  # after mkdocs-static-i18n's own (it rewrites admonition lines)
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files) -> str:
    """A generated page is HTML already: MkDocs takes it with the title and
    table of contents its front matter carries, without Markdown."""
    outline = page.meta.get(page_file.OUTLINE_KEY)
    if isinstance(outline, dict):
        title, tokens = page_file.toc_tokens(outline)
        stack_adapter.render_without_markdown(page, title, tokens, links.ids_in(markdown))
    return markdown


@event_priority(100)  # before the other hooks and plugins see the page
def on_page_context(context, page, config: MkDocsConfig, nav):
    """The HTML of a generated page, read again from its file as the page is
    built (stack_adapter.render_without_markdown says why)."""
    if isinstance(page.meta.get(page_file.OUTLINE_KEY), dict):
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        stack_adapter.fill_content(page, page_file.body_of(text))
    return context
