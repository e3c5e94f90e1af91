"""One search index per language.

Material's search plugin, run under mkdocs-static-i18n, writes one index with
the pages of both languages, so a reader searching in English wades through
Swedish pages (and downloads both). This splits it: the Swedish pages stay
in /search/search_index.json, the English ones go to
/en/search/search_index.json with locations relative to /en/, and each
index's lunr language is set to its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


def split(index: dict[str, Any], other_languages: list[str], default_language: str) -> dict[str, dict[str, Any]]:
    """The index's documents grouped by language, each with its own config."""
    docs: dict[str, list[dict[str, Any]]] = {lang: [] for lang in [default_language, *other_languages]}
    for doc in index.get("docs", []):
        location = doc["location"]
        language = next((lang for lang in other_languages if location == lang or location.startswith(lang + "/")), None)
        if language is None:
            docs[default_language].append(doc)
        else:
            docs[language].append({**doc, "location": location[len(language):].lstrip("/")})
    return {
        lang: {**index, "config": {**index.get("config", {}), "lang": [lang]}, "docs": items}
        for lang, items in docs.items()
    }


def split_site(site_dir: Path, other_languages: list[str], default_language: str) -> dict[str, dict[str, Any]] | None:
    """Rewrite the built indexes in place and return them. Idempotent: once
    split, the root index holds no other language and nothing is written again."""
    root_index = site_dir / INDEX
    if not root_index.exists():
        return None
    index = json.loads(root_index.read_bytes())  # bytes: half the memory of the decoded text for a large index
    parts = split(index, other_languages, default_language)
    if not any(parts[lang]["docs"] for lang in other_languages):
        return None
    _write(site_dir, parts, default_language)
    return parts


def _write(site_dir: Path, parts: dict[str, dict[str, Any]], default_language: str) -> None:
    for lang, part in parts.items():
        target = site_dir / INDEX if lang == default_language else site_dir / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_dumps(part), encoding="utf-8")


def _page(location: str) -> str:
    return location.split("#", 1)[0]


class PreviewIndexes:
    """Whole indexes, one per language, across `mkdocs serve --dirty` rebuilds.

    A dirty rebuild renders only the pages whose Markdown changed, so the
    search plugin's index holds only those pages (Material merges it with
    the last one page-wise, which under mkdocs-static-i18n drops or repeats
    entries). This keeps each language's entries page by page: the first
    build's whole split indexes, then, after each rebuild, the rebuilt
    pages' new entries in place of their old ones. Each page's entries are
    kept as JSON text, so only the rebuilt pages are serialised again."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, str]] = {}  # language → page → its entries as JSON, comma-joined
        self.head: dict[str, str] = {}  # language → the index's JSON up to its list of entries

    @property
    def ready(self) -> bool:
        return bool(self.pages)

    def remember(self, parts: dict[str, dict[str, Any]]) -> None:
        for lang, part in parts.items():
            self.head[lang] = _dumps({k: v for k, v in part.items() if k != "docs"})[:-1] + ',"docs":['
            self.pages[lang] = _by_page(part["docs"])

    def update(self, site_dir: Path, rebuilt: set[str], other_languages: list[str], default_language: str) -> None:
        """Put in the entries of the `rebuilt` pages (URLs as MkDocs gives
        them, `en/…` for English) from the index the plugins just wrote, and
        write every language's whole index again."""
        root_index = site_dir / INDEX
        written = json.loads(root_index.read_bytes()) if root_index.exists() else {"docs": []}
        fresh = split(written, other_languages, default_language)
        for lang, pages in self.pages.items():
            prefix = "" if lang == default_language else lang + "/"
            mine = {url[len(prefix):] for url in rebuilt if _language_of(url, other_languages, default_language) == lang}
            pages.update(dict.fromkeys(mine, ""))
            pages.update({page: text for page, text in _by_page(fresh[lang]["docs"]).items() if page in mine})
            target = site_dir / INDEX if lang == default_language else site_dir / lang / INDEX
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.head[lang] + ",".join(text for text in pages.values() if text) + "]}", encoding="utf-8")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _by_page(entries: list[dict[str, Any]]) -> dict[str, str]:
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(_page(entry["location"]), []).append(_dumps(entry))
    return {page: ",".join(texts) for page, texts in grouped.items()}


def _language_of(url: str, other_languages: list[str], default_language: str) -> str:
    return next((lang for lang in other_languages if url == lang + "/" or url.startswith(lang + "/")), default_language)


_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def point_search_at_language(html: str, language: str) -> str:
    """Make a page of `language` (not the default) load its own index: Material
    fetches `<base>/search/search_index.json`, so `base` becomes the language root."""
    return _BASE.sub(lambda m: f"{m.group(1)}{m.group(2).rstrip('/')}/{language}/{m.group(3)}", html, count=1)
