"""Write generated pages into docs/, touching only what changed, all or
nothing.

MkDocs with mkdocs-static-i18n needs real files under docs/ (see
README, "Decisions"). Writing only changed files keeps `mkdocs serve` from
rebuilding in a loop on its own output; a manifest of what was generated
lets a page whose document was deleted disappear on the next build.

A build that fails part-way must leave docs/ as it was: changed pages are
written to a staging folder inside docs/ (hidden, so MkDocs skips it) and
moved into place only when every page has been rendered. Before the move
the manifest lists the old and the new files together, so even a crash
during the move leaves nothing that the next build would not remove.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MANIFEST = ".styrdok-generated"
STAGING_PREFIX = ".styrdok-staging-"


def generated_names(docs_dir: Path) -> set[str]:
    """The files the last run generated under `docs_dir` (its manifest)."""
    manifest = docs_dir / MANIFEST
    return set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()


class GeneratedWriter:
    """Make docs/ hold exactly the pages written to it, among generated files,
    one page at a time as pages are rendered, so a large library's pages are
    never all in memory at once: `writer[name] = content`
    stages the file if it changed; `finish()` moves the staged files into
    place, removes the files the last run generated and this one did not,
    and writes the manifest. Used as a context manager, an error before
    `finish()` throws the staged files away and docs/ stays as it was."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        for leftover in docs_dir.glob(STAGING_PREFIX + "*"):  # from a process that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        self.previous = generated_names(docs_dir)
        self.names: set[str] = set()
        self.staged: list[str] = []
        self._staging: Path | None = None

    def __enter__(self) -> "GeneratedWriter":
        return self

    def __exit__(self, *error: object) -> None:
        self.abandon()

    def __setitem__(self, name: str, content: str) -> None:
        self.names.add(name)
        path = self.docs_dir / name
        data = content.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            return
        if self._staging is None:
            self.docs_dir.mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.docs_dir))
        staged = self._staging / name
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        self.staged.append(name)

    def keep(self, names: Iterable[str]) -> None:
        """Count `names` as generated this run without rendering them again:
        for a partial render (`mkdocs serve` after one edit), whose untouched
        pages must not be removed as stale."""
        self.names.update(names)

    def hand_written(self) -> Iterator[str]:
        """The files under docs/ that no run generated, hidden ones apart
        (MkDocs does not publish them): what a generated file must not replace."""
        return hand_written_names(self.docs_dir)

    def abandon(self) -> None:
        """Throw away what was staged and not moved into place."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def finish(self) -> list[str]:
        """Move the staged files into place, remove stale ones, write the
        manifest; return what changed (written, then removed)."""
        if self.staged:
            _write_manifest(self.docs_dir, self.previous | self.names)
        assert self._staging is not None or not self.staged
        for name in self.staged:
            target = self.docs_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self._staging / name, target)  # type: ignore[operator]
        self.abandon()
        changed = sorted(self.staged)
        for stale in sorted(self.previous - self.names):
            path = self.docs_dir / stale
            if path.exists():
                path.unlink()
                changed.append(stale)
            _remove_empty_parents(path.parent, self.docs_dir)
        _write_manifest(self.docs_dir, self.names)
        return changed


def _write_manifest(docs_dir: Path, names: set[str]) -> None:
    manifest = docs_dir / MANIFEST
    listing = "\n".join(sorted(names)) + "\n"
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != listing:
        manifest.write_text(listing, encoding="utf-8")


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def hand_written_names(docs_dir: Path) -> Iterator[str]:
    """The files under `docs_dir` that no run generated, hidden ones apart
    (MkDocs does not publish them), as docs-relative names."""
    for path in hand_written_paths(docs_dir) if docs_dir.is_dir() else []:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            name = file.relative_to(docs_dir)
            if file.is_file() and not any(part.startswith(".") for part in name.parts):
                yield name.as_posix()


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

