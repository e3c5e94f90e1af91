"""Every built page, in both languages, 1280 and 375 px wide, in chromium.
One page load per page and width checks all of this (the message of a
failure names the page, the width and each problem):

Accessibility (WCAG 2.1 AA, EN 301 549)
- axe-core with the tags wcag2a, wcag2aa, wcag21a, wcag21aa finds 0
  violations. No rule is ever switched off: fix the theme instead
  (docs/assets/styrdok.css, overrides/).

No third parties, nothing missing
- the page makes no request outside the site's own origin (fonts, scripts,
  images, anything: every request is recorded, the foreign ones aborted);
- every file the page loads (style sheets, scripts, images, fonts) exists;
- no JavaScript error is thrown.

Reading (issue 14)
- no word in a table cell or list item is broken across lines, no cell's
  content is wider than the cell, and nothing lets words break anywhere
  (word-break: break-all or break-word, overflow-wrap: anywhere);
- the page itself is never wider than the window (no sideways scrolling;
  a wide table scrolls in its own box).

Keyboard (2.1.1, 2.4.1, 2.4.3, 2.4.7)
- the first Tab reaches a skip link; following it moves focus into the main
  content;
- Tab reaches every link and control on the page as shown; each one, when it
  has focus, is on screen, not hidden, with a visible focus indicator;
- on a phone the menu button opens the navigation drawer from the keyboard,
  Tab then reaches every control in it, and Escape closes it and returns
  focus to the button.
"""

from __future__ import annotations

import re

from ..site_build import PROJECT
from . import support
from .conftest import require_pages

# Subresources that must exist. (Material's language selector also fetches a
# sitemap.xml beside each alternate page, a lookup that may 404 by design, so
# fetches are not in this list.)
_ASSETS = {"stylesheet", "script", "image", "font", "media"}


def test_page_in_the_browser(visitors, width: str, page_path: str) -> None:
    require_pages(page_path)
    visitor = visitors(width)
    page = visitor.page
    missing: list[str] = []

    def on_response(response) -> None:
        if response.status >= 400 and response.request.resource_type in _ASSETS:
            missing.append(f"HTTP {response.status} {response.url}")

    page.on("response", on_response)
    try:
        visitor.open(page_path)
        violations = support.run_axe(page)
    finally:
        page.remove_listener("response", on_response)

    problems: list[str] = []
    if violations:
        problems.append(f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s):\n"
                        + support.describe_violations(violations))
    if visitor.foreign:
        problems.append("requests outside the site's origin (no third parties allowed):\n"
                        + "\n".join(f"  {url}" for url in sorted(set(visitor.foreign))))
    if missing:
        problems.append("files the page loads are missing:\n" + "\n".join(f"  {m}" for m in missing))

    problems += [f"reading: {p}" for p in support.layout_problems(page)]

    controls, stops = support.tab_through(page)
    if not controls:
        problems.append("keyboard: no link or control found on the page")
    problems += [f"keyboard: {p}" for p in support.keyboard_problems(controls, stops)]

    if width == "phone":
        problems += [f"keyboard, navigation drawer: {p}" for p in support.drawer_problems(page)]

    # Last: following the skip link changes the URL's fragment, and Material
    # closes the drawer shortly after any such change.
    problems += [f"keyboard: {p}" for p in support.skip_link_problems(page)]

    if visitor.page_errors:
        problems.append("JavaScript errors:\n" + "\n".join(f"  {e}" for e in visitor.page_errors))
    assert not problems, f"/{page_path} at {support.WIDTHS[width][0]} px ({width}):\n" + "\n".join(problems)


def test_the_sites_css_never_lets_words_break_anywhere() -> None:
    """The site's own style sheets never ask for breaks inside words (the
    browser test above checks the computed styles, Material's included)."""
    assets = PROJECT / "docs" / "assets"
    sheets = sorted(assets.glob("*.css"))
    assert sheets, f"no style sheets in {assets}"
    rule = re.compile(r"word-break\s*:\s*break-(all|word)|overflow-wrap\s*:\s*anywhere")
    found = [f"{sheet.name}: {m.group(0)}" for sheet in sheets
             for m in rule.finditer(re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S))]
    assert not found, "style rules that break words anywhere:\n" + "\n".join(found)


def test_a_printed_document_shows_its_text_facts_address_and_date(visitors) -> None:
    """The print stylesheet: no header, menus or footer; the text, the facts
    and a line with the page's address and the date of the facts."""
    visitor = visitors("desktop")
    page = visitor.page
    for path in ("alingsas/internationell-policy/", "en/alingsas/internationell-policy/"):
        visitor.open(path)
        page.emulate_media(media="print")
        try:
            shown = page.evaluate("""() => Object.fromEntries(Object.entries({
                header: '.md-header', menu: '.md-sidebar--primary', toc: '.md-sidebar--secondary',
                footer: '.md-footer', crumbs: '.sd-breadcrumbs', note: '.sd-print-only', facts: 'dl.sd-facts',
                text: '.sd-text', matrix: 'table.sd-marks'
              }).map(([k, s]) => { const e = document.querySelector(s);
                return [k, !!e && e.checkVisibility({visibilityProperty: true})]; }))""")
            note = page.locator(".sd-print-only").inner_text()
        finally:
            page.emulate_media(media="screen")
        assert shown == {"header": False, "menu": False, "toc": False, "footer": False, "crumbs": False,
                         "note": True, "facts": True, "text": True, "matrix": True}, f"/{path}: {shown}"
        assert f"/{path}" in note and "2026" in note, note
        assert not page.locator(".sd-print-only").is_visible(), "the print line is hidden on screen"
