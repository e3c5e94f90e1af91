"""Shared machinery for the browser tests (also used by tests/test_hostile_data.py).

- `serve(folder)`: a local http.server on 127.0.0.1, port 0, in a thread.
- `shared_browser()`: one chromium per test process (so one per xdist worker),
  Debian's /usr/bin/chromium driven by Playwright; never `playwright install`.
- `Visitor`: a page (one tab, reused) that records every request it makes and
  aborts any that leaves the site's origin, plus console errors and dialogs.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("STYRDOK_CHROMIUM", "/usr/bin/chromium")
# Flags measured in ../shared/notes/mkdocs-stack.md: without the networking
# ones chromium keeps calling hosts the closed network refuses.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on http://127.0.0.1:<free port>/ for the duration."""
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


_state: dict[str, object] = {}


def shared_browser():
    """One chromium for this process, closed when the process ends."""
    if "browser" not in _state:
        if not Path(CHROMIUM).exists():
            raise AssertionError(f"{CHROMIUM} is missing: run `make chromium` (scripts/install-chromium)")
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        _state["playwright"], _state["browser"] = playwright, browser
        atexit.register(close_browser)
    return _state["browser"]


def close_browser() -> None:
    browser = _state.pop("browser", None)
    playwright = _state.pop("playwright", None)
    with contextlib.suppress(Exception):
        if browser is not None:
            browser.close()
    with contextlib.suppress(Exception):
        if playwright is not None:
            playwright.stop()


class Visitor:
    """One browser tab at a given size, reused for many pages.

    Every request is recorded; a request to any origin other than the site's
    is aborted (so a missing font never waits for a network that is not
    there) and kept in `foreign` for the test to fail on."""

    def __init__(self, base_url: str, width: int, height: int):
        self.base_url = base_url
        self.origin = _origin(base_url)
        self.context = shared_browser().new_context(
            viewport={"width": width, "height": height}, base_url=base_url,
            service_workers="block", java_script_enabled=True,
        )
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        self.page.on("websocket", lambda ws: self.foreign.append(ws.url))

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if _origin(url) == self.origin or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def _console(self, message) -> None:
        if message.type in ("error", "warning", "log"):
            self.console_errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def reset(self) -> None:
        self.requests.clear()
        self.foreign.clear()
        self.console_errors.clear()
        self.dialogs.clear()
        self.page_errors.clear()

    def open(self, path: str, wait_until: str = "load") -> None:
        """Open a site path such as `en/vasteras/` with a clean record."""
        self.reset()
        response = self.page.goto(self.base_url + path.lstrip("/"), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def site_path(site: Path, page: Path) -> str:
    """The URL path of a built page: `en/vasteras/index.html` → `en/vasteras/`."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """axe-core's violations for the tags of WCAG 2.1 A and AA (no rule off)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),"
        " summary: n.failureSummary}))})))",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html']}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def copy_project(project: Path, target: Path) -> Path:
    """A buildable copy of the project: config, hooks, theme, hand-written
    docs and data (generated docs are rewritten by the build)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(project / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("hooks", "overrides", "policy_data"):
        if (project / name).exists():
            shutil.copytree(project / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    docs = project / "docs"
    manifest = docs / ".styrdok-generated"
    generated = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    generated.add(".styrdok-generated")
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in generated and "__pycache__" not in path.parts:
            (target / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / "docs" / rel)
    return target


def temp_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
