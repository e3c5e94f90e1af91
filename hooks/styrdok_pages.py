"""MkDocs glue: turn policy_data/ into pages before each build.

All logic lives in the `styrdok` package; this module only connects MkDocs
events to it and turns data errors into a clean build failure (no traceback,
no site written). It runs once per language under mkdocs-static-i18n; the
package caches the loaded data and writes only changed files.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from styrdok.build import generated_files, html_blocks, idle_gc, site
from styrdok.data import today
from styrdok.data.problems import DataError
from styrdok.render.settings import SiteSettings


def _today():
    try:
        return today.today()
    except today.TodayError as exc:
        raise PluginError(str(exc)) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Reproducible bytes (sitemap dates, gzip headers): the day of "today"
    # unless the caller fixed SOURCE_DATE_EPOCH itself.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(today.build_epoch(_today())))
    return config


def _settings(config: MkDocsConfig) -> SiteSettings:
    options = dict(config.extra.get("styrdok") or {})
    return SiteSettings(site_url=config.site_url or "", **options)


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    if _serving and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_expected_dirty_warning)


def _expected_dirty_warning(record: logging.LogRecord) -> bool:
    """`make serve` runs `mkdocs serve --dirty`, which rebuilds only the pages
    whose Markdown changed: right for this site, since the hook rewrites
    exactly the pages an edit changes and the nav does not list documents.
    MkDocs warns about it on every rebuild, and under `strict: true` that
    warning would fail the preview; every other warning still does."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_pre_build(config: MkDocsConfig) -> None:
    if _serving and not config.plugins["i18n"].building:
        idle_gc.pause()  # until the rebuild of both languages is done (on_post_build)
    root = Path(config.config_file_path).parent
    try:
        site.generate(root / "policy_data", Path(config.docs_dir), _today(), _settings(config), serving=_serving)
    except DataError as exc:
        raise PluginError("\n" + exc.report()) from None


def on_serve(server, config: MkDocsConfig, builder):
    """Watch the hand-written pages, not the generated ones (see
    generated_files.hand_written_paths); policy_data/ is watched through
    `watch:` in mkdocs.yml."""
    server.unwatch(config.docs_dir)
    for path in generated_files.hand_written_paths(Path(config.docs_dir)):
        server.watch(str(path))
    return server


class _CompiledTemplates(BytecodeCache):
    """The theme's templates, compiled once per process. MkDocs makes a new
    Jinja environment for every build, and compiles Material's templates
    again each time: a second or so of every rebuild in `mkdocs serve` (and
    again for the English build). Jinja keys each entry on the template's
    source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_env(env: Environment, config: MkDocsConfig, files) -> Environment:
    env.bytecode_cache = _compiled
    return env


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if _serving and not config.plugins["i18n"].building:
        idle_gc.collect_later()


def on_build_error(error: Exception) -> None:
    if _serving:
        idle_gc.collect_later()


_tables: dict[str, list[str]] = {}  # page → the tables set aside from its Markdown


@event_priority(-200)
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files) -> str:
    markdown, _tables[page.file.src_uri] = html_blocks.set_aside(markdown)
    return markdown


@event_priority(200)
def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    return html_blocks.put_back(html, _tables.pop(page.file.src_uri, []))

