"""Write generated pages into docs/, touching only what changed.

MkDocs with mkdocs-static-i18n needs real files under docs/ (see
docs/decisions.md). Writing only changed files keeps `mkdocs serve` from
rebuilding in a loop on its own output; a manifest of what was generated
lets a page whose document was deleted disappear on the next build.
"""

from __future__ import annotations

from pathlib import Path

MANIFEST = ".styrdok-generated"


def write_generated(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Make docs/ hold exactly `pages` among generated files; return what changed."""
    changed: list[str] = []
    manifest = docs_dir / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    for name, content in sorted(pages.items()):
        path = docs_dir / name
        data = content.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(name)
    for stale in sorted(previous - set(pages)):
        path = docs_dir / stale
        if path.exists():
            path.unlink()
            changed.append(stale)
        _remove_empty_parents(path.parent, docs_dir)
    listing = "\n".join(sorted(pages)) + "\n"
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
        manifest.write_text(listing, encoding="utf-8")
    return changed


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
