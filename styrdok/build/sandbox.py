"""Throw-away copies of the project, and a local server for a built site.

The tests and the benchmark build the real project with other data (hostile
input, a synthetic library of thousands of documents) and open the result
in a browser. They must never write into the checkout, so they build a copy;
and they serve the site the way a host would, on 127.0.0.1, port 0.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

from styrdok.build.generated_files import MANIFEST, generated_names

# What a build needs besides docs/: the configuration, the hooks and the theme.
BUILD_INPUTS = ("mkdocs.yml", "hooks", "overrides")


def copy_project(project: Path, target: Path, data: Path | None = None) -> Path:
    """A buildable copy of `project` in `target` (emptied first): its
    configuration, hooks, theme and hand-written pages, and `data` (default:
    the project's own policy_data/). Generated pages are left behind, since
    the copy's build writes its own."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__")
    for name in BUILD_INPUTS:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=skip)
        elif source.is_file():
            shutil.copy2(source, target / name)
    docs = project / "docs"
    generated = generated_names(docs)
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel != MANIFEST and rel not in generated and "__pycache__" not in path.parts:
            (target / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "docs" / rel)
    # Links are copied as links: the copy must hold the data as it is, never
    # what a link in it points to (the loader refuses links).
    shutil.copytree(data or project / "policy_data", target / "policy_data", ignore=skip, symlinks=True)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request. The theme's assets and
    the search index may be cached, as a real host lets them be."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass

    def end_headers(self) -> None:
        if self.path.startswith(("/assets/", "/search/")):
            self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser moved on to the next page


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on http://127.0.0.1:<free port>/ while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (for `mkdocs serve`, which
    takes its address as an option and cannot be given port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

