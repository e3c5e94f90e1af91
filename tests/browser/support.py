"""Shared machinery for the browser tests.

- `serve(folder)`: a local http.server on 127.0.0.1, port 0 (styrdok.sandbox).
- `shared_browser()`: one chromium per test process (so one per xdist worker),
  Debian's /usr/bin/chromium driven by Playwright; never `playwright install`.
- `Visitor`: a page (one tab, reused) that records every request it makes and
  aborts any that leaves the site's origin, plus console errors and dialogs.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from styrdok.build.sandbox import serve_folder as serve  # noqa: F401 - the suites' name for it

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
            service_workers="block", reduced_motion="reduce",
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
        # No animations: what is shown on focus is shown at once (tests read
        # styles right after each key press). Appearance does not change.
        self.context.add_init_script(NO_MOTION)

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

    def open(self, path: str, wait_until: str = "domcontentloaded") -> None:
        """Open a site path such as `en/vasteras/` with a clean record."""
        self.reset()
        response = self.page.goto(self.base_url + path.lstrip("/"), wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()


NO_MOTION = """
document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }';
  document.head.appendChild(style);
});
"""


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


def temp_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


# --- keyboard ----------------------------------------------------------------------

# Marks every control a keyboard user must be able to reach on the page as it
# is shown now: links, buttons, form fields, anything with tabindex >= 0, and
# Material's labels that work as buttons: the header's menu button, and
# the navigation's section labels where they open a sub-menu
# (pointer-events on). Labels that only close something (overlays, drawer
# titles) have Escape as their keyboard equivalent. Returns descriptions.
JS_MARK_CONTROLS = """(root) => {
  const shown = e => e.getClientRects().length > 0
    && e.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && !e.closest('[hidden], [inert], [aria-hidden="true"]');
  const labelButton = e => e.matches('label[for].md-header__button, .md-nav--primary label[for].md-nav__link')
    && getComputedStyle(e).pointerEvents !== 'none';
  const focusable = e => !e.disabled && e.tabIndex >= 0 &&
    (e.matches('a[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex]')
     || e.isContentEditable);
  const all = [...document.querySelectorAll((root || 'body') + ' *')];
  const controls = all.filter(e => shown(e) && (focusable(e) || labelButton(e)));
  document.querySelectorAll('[data-sd-focus]').forEach(e => delete e.dataset.sdFocus);
  controls.forEach((e, i) => e.dataset.sdFocus = String(i));
  return controls.map(e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 140));
}"""

# Records, at each focus change, what got focus and whether a sighted user
# can see it: on screen, not hidden, with an outline or a ring drawn round it.
JS_RECORD_FOCUS = """() => {
  window.__sdStops = [];
  window.__sdSeen = window.__sdSeen || 0;
  if (window.__sdRecorder) return;
  window.__sdRecorder = event => {
    const e = event.target;
    if (!(e instanceof Element) || e.id === 'sd-tab-start') return;
    const cs = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) || (cs.boxShadow && cs.boxShadow !== 'none');
    if (!e.dataset.sdSeen) e.dataset.sdSeen = String(++window.__sdSeen);
    window.__sdStops.push({
      index: e.dataset.sdFocus ?? null,
      seen: e.dataset.sdSeen,
      html: e.outerHTML.replace(/\\s+/g, ' ').slice(0, 140),
      ring: ring,
      inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    });
  };
  document.addEventListener('focusin', window.__sdRecorder, true);
}"""


def tab_through(page, limit: int = 2000, within: str | None = None, start: str | None = None) -> tuple[list[str], list[dict]]:
    """Press Tab from the top of the page (or from the element `start`) until
    focus has been round every control once (or leaves the page); return the
    controls on the page (or `within` a part of it) and what got focus, in
    order."""
    controls = page.evaluate(JS_MARK_CONTROLS, within)
    if start:
        page.focus(start)
    else:
        # Start from the top: an unfocusable mark as the body's first child
        # becomes the browser's starting point for sequential navigation.
        page.evaluate("""() => {
          document.getElementById('sd-tab-start')?.remove();
          const start = document.createElement('span');
          start.id = 'sd-tab-start'; start.tabIndex = -1;
          document.body.prepend(start); start.focus(); window.scrollTo(0, 0);
        }""")
    page.evaluate(JS_RECORD_FOCUS)
    pressed = 0
    batch = len(controls) + 8
    while pressed < limit:
        for _ in range(batch):
            page.keyboard.press("Tab")
        pressed += batch
        recorded = page.evaluate("() => window.__sdStops")
        stops = _one_round(recorded)
        if len(stops) < len(recorded) or pressed >= len(controls) * 3 + 20:
            return controls, stops
        batch = 10
    return controls, _one_round(page.evaluate("() => window.__sdStops"))


def _one_round(recorded: list[dict]) -> list[dict]:
    """The stops up to the first repeat (Tab went round the page once)."""
    seen: set[str] = set()
    out = []
    for stop in recorded:
        key = stop["seen"]
        if key in seen:
            break
        seen.add(key)
        out.append(stop)
    return out


def keyboard_problems(controls: list[str], stops: list[dict]) -> list[str]:
    problems = []
    reached = {s["index"] for s in stops}
    for index, html in enumerate(controls):
        if str(index) not in reached:
            problems.append(f"cannot be reached with Tab: {html}")
    for stop in stops:
        # A stop that was not marked shows itself on focus (the skip link,
        # the language list): judged like the others, at the moment of focus.
        if not (stop["inView"] and stop["visible"]):
            problems.append(f"has focus off screen or hidden: {stop['html']}")
        elif not stop["ring"]:
            problems.append(f"has no visible focus indicator: {stop['html']}")
    return problems


def skip_link_problems(page) -> list[str]:
    """The first Tab from the top reaches a visible skip link, and following
    it moves focus into the main content."""
    page.evaluate("""() => {
      document.getElementById('sd-tab-start')?.remove();
      const start = document.createElement('span');
      start.id = 'sd-tab-start'; start.tabIndex = -1;
      document.body.prepend(start); start.focus(); window.scrollTo(0, 0);
    }""")
    page.keyboard.press("Tab")
    first = page.evaluate("""() => { const e = document.activeElement;
        return {skip: e.classList.contains('md-skip'), href: e.getAttribute('href') || '',
                html: e.outerHTML.slice(0, 120),
                visible: e.checkVisibility({visibilityProperty: true, opacityProperty: true})}; }""")
    if not first["skip"] or "#" not in first["href"]:
        return [f"the first Tab does not reach a skip link (it reaches {first['html']})"]
    problems = []
    if not first["visible"]:
        problems.append("the skip link is not visible when it has focus")
    page.keyboard.press("Enter")
    target = first["href"].split("#", 1)[1]
    if not page.evaluate("id => !!document.getElementById(decodeURIComponent(id))?.closest('main .md-content')", target):
        problems.append(f"the skip link points at #{target}, which is not in the main content")
    page.keyboard.press("Tab")
    # Focus must move forward from the target: to the content's next control or,
    # when the content has none after the target, to what follows the content
    # (Material's back-to-top button, shown after any upward scroll, or the footer).
    landed = page.evaluate("""id => {
        const active = document.activeElement, target = document.getElementById(decodeURIComponent(id));
        if (!target) return {inside: false, html: active.outerHTML.slice(0, 120)};
        const after = e => !!(target.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
        const more = [...document.querySelectorAll('main .md-content a[href], main .md-content button, '
                                                   + 'main .md-content input, main .md-content [tabindex]')]
            .some(e => after(e) && e.tabIndex >= 0 && e.checkVisibility());
        const inContent = !!active.closest('main .md-content');
        const beyond = !!active.closest('.md-top, .md-footer') && after(active);
        return {inside: inContent || (beyond && !more), html: active.outerHTML.slice(0, 120)};
    }""", target)
    if not landed["inside"]:
        problems.append(f"after following the skip link, Tab goes to {landed['html']}, not into the content")
    return problems


def drawer_problems(page) -> list[str]:
    """Phone width: the menu button opens the drawer from the keyboard, Tab
    reaches its controls, Escape closes it and gives focus back."""
    opener = page.locator("button[data-sd-for='__drawer']")
    if opener.count() != 1:
        return ["no button opens the navigation from the keyboard"]
    opener.focus()
    page.keyboard.press("Enter")
    if not page.evaluate("document.getElementById('__drawer').checked"):
        return ["Enter on the menu button does not open the navigation"]
    problems = []
    if opener.get_attribute("aria-expanded") != "true":
        problems.append("the menu button does not say that it is expanded (aria-expanded)")
    # From the menu button on: the rest of the header, then the drawer.
    controls, stops = tab_through(page, within=".md-sidebar--primary", start="button[data-sd-for='__drawer']")
    problems += keyboard_problems(controls, stops)
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary .md-nav__link')]
        .filter(e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})).length""")
    if not shown:
        problems.append("the open navigation shows no link")
    page.keyboard.press("Escape")
    if page.evaluate("document.getElementById('__drawer').checked"):
        problems.append("Escape does not close the navigation")
    elif page.evaluate("document.activeElement.dataset.sdFor") != "__drawer":
        problems.append("after Escape, focus does not return to the menu button")
    return problems


# --- layout --------------------------------------------------------------------------

# Reads the page as laid out now and returns what makes it hard to read:
# - a word in a table cell or list item that the browser broke across lines
#   (each word, cut at spaces and at hyphens, dashes and slashes where a line
#   may end, must lie on one line: one client rect);
# - a table cell or list item whose content is wider than the cell;
# - a table, list or anything inside one whose computed style lets words
#   break anywhere (word-break: break-all / break-word, overflow-wrap: anywhere);
# - a page that is wider than the window (it would scroll sideways).
JS_LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const describe = e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 120);
  const root = document.querySelector('main .md-content') || document.body;
  // Visually hidden parts (a phone's table headings, kept for screen readers) are not read.
  const hidden = e => { for (let a = e; a && a !== root; a = a.parentElement) { const r = a.getBoundingClientRect(); if (r.width <= 1 || r.height <= 1) return true; } return false; };
  const boxes = [...root.querySelectorAll('td, th, li')].filter(e => e.getClientRects().length > 0 && !hidden(e));
  for (const box of boxes) {
    const cs = getComputedStyle(box);
    if (cs.wordBreak === 'break-all' || cs.wordBreak === 'break-word' || cs.overflowWrap === 'anywhere') {
      problems.push(`lets words break anywhere (word-break: ${cs.wordBreak}; overflow-wrap: ${cs.overflowWrap}): ${describe(box)}`);
      continue;
    }
    if ((box.tagName === 'TD' || box.tagName === 'TH') && box.scrollWidth > box.clientWidth + 1) {
      problems.push(`content wider than its cell (${box.scrollWidth} > ${box.clientWidth} px): ${describe(box)}`);
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const holder = node.parentElement && node.parentElement.closest('td, th, li');
    if (!holder || !root.contains(holder) || holder.getClientRects().length === 0 || hidden(holder)) continue;
    const inner = node.parentElement;
    const ics = getComputedStyle(inner);
    if (ics.wordBreak === 'break-all' || ics.wordBreak === 'break-word' || ics.overflowWrap === 'anywhere') {
      const key = describe(inner);
      if (!seen.has(key)) { seen.add(key); problems.push(`lets words break anywhere (word-break: ${ics.wordBreak}; overflow-wrap: ${ics.overflowWrap}): ${key}`); }
      continue;
    }
    const text = node.data;
    const word = /[^\\s\\-\\u2010-\\u2015\\/]+[\\-\\u2010-\\u2015\\/]?/g;
    for (let m = word.exec(text); m; m = word.exec(text)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const lines = new Set(rects.map(r => Math.round(r.top)));
      if (lines.size > 1) {
        problems.push(`the word ${JSON.stringify(m[0])} is broken across ${lines.size} lines in ${describe(holder)}`);
      }
    }
  }
  const wide = document.documentElement.scrollWidth;
  if (wide > window.innerWidth) {
    const culprits = [...document.body.querySelectorAll('*')].filter(e => {
      const r = e.getBoundingClientRect();
      return r.right > window.innerWidth + 1 && getComputedStyle(e).position !== 'fixed'
        && !e.closest('.sd-table-scroll, .md-typeset__scrollwrap, .md-sidebar, .md-search');
    }).slice(0, 3).map(describe);
    problems.push(`the page is ${wide} px wide in a ${window.innerWidth} px window (it scrolls sideways): ${culprits.join(' | ')}`);
  }
  return problems;
}"""


def layout_problems(page) -> list[str]:
    return page.evaluate(JS_LAYOUT_PROBLEMS)
