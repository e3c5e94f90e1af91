"""MkDocs glue: turn policy_data/ into pages before each build.

All logic lives in the `styrdok` package; this module only connects MkDocs
events to it and turns data errors into a clean build failure (no traceback,
no site written). It runs once per language under mkdocs-static-i18n; the
package caches the loaded data and writes only changed files.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from styrdok import site, today
from styrdok.problems import DataError
from styrdok.settings import SiteSettings


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


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    try:
        site.generate(root / "policy_data", Path(config.docs_dir), _today(), _settings(config))
    except DataError as exc:
        raise PluginError("\n" + exc.report()) from None
