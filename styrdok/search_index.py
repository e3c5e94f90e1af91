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


def split_site(site_dir: Path, other_languages: list[str], default_language: str) -> bool:
    """Rewrite the built indexes in place. Idempotent: once split, the root
    index holds no other language and nothing is written again."""
    root_index = site_dir / INDEX
    if not root_index.exists():
        return False
    index = json.loads(root_index.read_bytes())  # bytes: half the memory of the decoded text for a large index
    parts = split(index, other_languages, default_language)
    if not any(parts[lang]["docs"] for lang in other_languages):
        return False
    for lang, part in parts.items():
        target = site_dir / INDEX if lang == default_language else site_dir / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def point_search_at_language(html: str, language: str) -> str:
    """Make a page of `language` (not the default) load its own index: Material
    fetches `<base>/search/search_index.json`, so `base` becomes the language root."""
    return _BASE.sub(lambda m: f"{m.group(1)}{m.group(2).rstrip('/')}/{language}/{m.group(3)}", html, count=1)
