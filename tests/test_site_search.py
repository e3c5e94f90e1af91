"""Search: one index per language, so English readers get English pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from styrdok.build.search_index import point_search_at_language, split

from .site_build import built_site


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def index(site: Path, prefix: str) -> dict:
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_index(site: Path) -> None:
    sv, en = index(site, ""), index(site, "en")
    assert sv["config"]["lang"] == ["sv"] and en["config"]["lang"] == ["en"]
    assert not [d for d in sv["docs"] if d["location"].startswith("en/")]
    assert (site / "en" / en["docs"][0]["location"].split("#")[0]).exists()
    sv_text = " ".join(d["text"] for d in sv["docs"])
    en_text = " ".join(d["text"] for d in en["docs"])
    # A duty is findable by its words in its own language only.
    assert "vänortskedjan" in sv_text
    assert "twin town" in en_text
    assert "Erbjuder administrativt stöd" not in en_text


def test_english_pages_load_the_english_index(site: Path) -> None:
    html = (site / "en/vasteras/riktlinje-internationellt-arbete/index.html").read_text(encoding="utf-8")
    assert re.search(r'"base": "\.\./\.\./\.\./en/"', html)
    swedish = (site / "vasteras/riktlinje-internationellt-arbete/index.html").read_text(encoding="utf-8")
    assert re.search(r'"base": "\.\./\.\."', swedish)


def test_split_strips_the_language_prefix() -> None:
    index = {"config": {"lang": ["sv", "en"]}, "docs": [
        {"location": "a/", "title": "A", "text": ""},
        {"location": "en/a/#x", "title": "A", "text": ""},
        {"location": "en/", "title": "Home", "text": ""},
    ]}
    parts = split(index, ["en"], "sv")
    assert [d["location"] for d in parts["sv"]["docs"]] == ["a/"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["a/#x", ""]


def test_only_the_config_base_is_rewritten() -> None:
    html = '<a data-x="base"></a><script id="__config" type="application/json">{"annotate": null, "base": "../..", "x": 1}</script>'
    assert '"base": "../../en/"' in point_search_at_language(html, "en")
    assert 'data-x="base"' in point_search_at_language(html, "en")
