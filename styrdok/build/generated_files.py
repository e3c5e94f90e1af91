"""Write generated pages into docs/, touching only what changed.

MkDocs with mkdocs-static-i18n needs real files under docs/ (see
docs/decisions.md). Writing only changed files keeps `mkdocs serve` from
rebuilding in a loop on its own output; a manifest of what was generated
lets a page whose document was deleted disappear on the next build.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MANIFEST = ".styrdok-generated"


def generated_names(docs_dir: Path) -> set[str]:
    """The files the last run generated under `docs_dir` (its manifest)."""
    manifest = docs_dir / MANIFEST
    return set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()


def write_generated(docs_dir: Path, pages: dict[str, str]) -> list[str]:
    """Make docs/ hold exactly `pages` among generated files; return what changed."""
    writer = GeneratedWriter(docs_dir)
    for name, content in sorted(pages.items()):
        writer[name] = content
    return writer.finish()


class GeneratedWriter:
    """`write_generated` one page at a time, as pages are rendered, so a large
    library's pages are never all in memory at once: `writer[name] = content`
    writes the file if it changed; `finish()` removes the files the last run
    generated and this one did not, and writes the manifest."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.previous = generated_names(docs_dir)
        self.names: set[str] = set()
        self.written: set[str] = set()

    def __setitem__(self, name: str, content: str) -> None:
        self.names.add(name)
        path = self.docs_dir / name
        data = content.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written.add(name)

    def keep(self, names: Iterable[str]) -> None:
        """Count `names` as generated this run without rendering them again:
        for a partial render (`mkdocs serve` after one edit), whose untouched
        pages must not be removed as stale."""
        self.names.update(names)

    def finish(self) -> list[str]:
        """Remove stale files, write the manifest; return what changed (written, then removed)."""
        changed = sorted(self.written)
        for stale in sorted(self.previous - self.names):
            path = self.docs_dir / stale
            if path.exists():
                path.unlink()
                changed.append(stale)
            _remove_empty_parents(path.parent, self.docs_dir)
        manifest = self.docs_dir / MANIFEST
        listing = "\n".join(sorted(self.names)) + "\n"
        if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
            manifest.write_text(listing, encoding="utf-8")
        return changed


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def hand_written_paths(docs_dir: Path) -> list[Path]:
    """The files and folders under `docs_dir` that hold no generated file,
    as few as possible: what `mkdocs serve` should watch. The generated
    pages are written by the build itself (from policy_data/, watched on its
    own), so watching them made every edit build the site twice."""
    generated = generated_names(docs_dir) | {MANIFEST}
    folders_with_generated = {parent for name in generated for parent in Path(name).parents}
    out: list[Path] = []

    def visit(folder: Path) -> None:
        for path in sorted(folder.iterdir()):
            rel = path.relative_to(docs_dir)
            if path.is_dir() and rel in folders_with_generated:
                visit(path)
            elif path.is_dir() or rel.as_posix() not in generated:
                out.append(path)

    visit(docs_dir)
    return out

