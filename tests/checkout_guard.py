"""Proof that a test run leaves the checkout as it found it.

The controller of a run (not an xdist worker) takes a snapshot when pytest
starts, before any worker exists, and another when the whole run is over;
any difference fails the run (tests/conftest.py). The snapshot holds:

- every file under the folders a build writes to (`docs/`, `build/`,
  `site/`), ignored files included, by size and modification time, so a
  generated page rewritten in place shows too;
- every path `git status` reports outside the ignored files (a changed
  tracked file, a new untracked one), by its status, size and time.

Caches that Python and the test tools keep in ignored folders
(`__pycache__/`, `.pytest_cache/`, `.hypothesis/`) are not checked. A
`make serve` running in the same checkout during the tests rewrites `docs/`
and makes this check fail: stop it first.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

WATCHED = ("docs", "build", "site")

Snapshot = dict[str, tuple[str, int, int]]


def _stat(path: Path, status: str) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return (status, -1, -1)
    return (status, info.st_size, info.st_mtime_ns)


def _git_status(project: Path) -> dict[str, str] | None:
    """Paths git reports as changed or untracked (not ignored), or None when
    `project` is not a git checkout (a tarball, a copy)."""
    try:
        result = subprocess.run(["git", "status", "--porcelain=v1", "-z", "--untracked-files=all"],
                                cwd=project, capture_output=True, timeout=60)
    except FileNotFoundError:
        return None
    if result.returncode != 0:
        return None
    entries: dict[str, str] = {}
    fields = iter(result.stdout.decode("utf-8", "surrogateescape").split("\0"))
    for field in fields:
        if not field:
            continue
        status, path = field[:2], field[3:]
        if status[0] in "RC":
            next(fields, None)  # a rename's old path follows; the new one is what is on disk
        entries[path] = status
    return entries


def snapshot(project: Path) -> Snapshot:
    """The state of the checkout that a test run must not change."""
    state: Snapshot = {}
    for folder in WATCHED:
        root = project / folder
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts:
                    state[path.relative_to(project).as_posix()] = _stat(path, "file")
    for rel, status in (_git_status(project) or {}).items():
        state.setdefault(rel.rstrip("/"), _stat(project / rel, status))
    return state


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed between two snapshots, one line per path."""
    lines = []
    for rel in sorted(set(before) | set(after)):
        was, now = before.get(rel), after.get(rel)
        if was == now:
            continue
        existed, exists = was is not None and was[1] >= 0, now is not None and now[1] >= 0
        if existed and not exists:
            lines.append(f"removed: {rel}")
        elif not existed and exists and now is not None and now[0] in ("file", "??"):
            lines.append(f"new: {rel}")
        else:
            lines.append(f"changed: {rel}")
    return lines
