"""Keyboard checks that are not per page (the per-page ones are in
test_pages_in_browser.py): the phone search button, and the keyboard
helpers themselves (they must find faults, not only pass)."""

from __future__ import annotations

import pytest

from . import support


@pytest.mark.parametrize("key", ["Enter", " "])
def test_phone_search_opens_from_the_keyboard(visitors, key: str) -> None:
    visitor = visitors("phone")
    visitor.open("")
    page = visitor.page
    button = page.locator("button.sd-search-open")
    assert button.count() == 1, "no keyboard button opens the search on a phone"
    button.focus()
    page.keyboard.press(key)
    page.wait_for_function("document.getElementById('sd-search').open", timeout=5000)
    page.wait_for_function("document.activeElement?.id === 'sd-search-input'", timeout=5000)
    assert page.evaluate("document.activeElement.checkVisibility({visibilityProperty: true})")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement?.classList.contains('sd-search-open')", timeout=5000)


def test_tab_check_finds_a_control_without_focus_ring(visitors) -> None:
    visitor = visitors("desktop")
    visitor.open("")
    visitor.page.add_style_tag(content=".md-content a:focus-visible { outline: none !important; box-shadow: none !important; }")
    controls, stops = support.tab_through(visitor.page)
    assert any("no visible focus indicator" in p for p in support.keyboard_problems(controls, stops))


def test_tab_check_finds_an_unreachable_control(visitors) -> None:
    """A label that works as a button (as Material's menu icon did) but
    takes no focus."""
    visitor = visitors("desktop")
    visitor.open("")
    visitor.page.evaluate("""() => { const box = document.createElement('input');
        box.type = 'checkbox'; box.id = 'sd-test-toggle'; box.className = 'md-toggle';
        const l = document.createElement('label');
        l.className = 'md-header__button'; l.htmlFor = 'sd-test-toggle'; l.textContent = 'Menu';
        document.body.prepend(box); document.querySelector('.md-content').prepend(l); }""")
    controls, stops = support.tab_through(visitor.page)
    assert any("cannot be reached with Tab" in p for p in support.keyboard_problems(controls, stops))


def test_tab_check_finds_focus_off_screen(visitors) -> None:
    visitor = visitors("desktop")
    visitor.open("")
    visitor.page.evaluate("""() => { const a = document.createElement('a'); a.href = '#x'; a.textContent = 'away';
        a.style.position = 'absolute'; a.style.left = '-9999px'; document.querySelector('.md-content').prepend(a); }""")
    controls, stops = support.tab_through(visitor.page)
    assert any("off screen or hidden" in p for p in support.keyboard_problems(controls, stops))


def test_skip_check_lets_focus_go_past_content_without_controls(visitors) -> None:
    """Material shows its back-to-top button after any upward scroll. On a page
    whose content holds no control after the skip target, the next Tab then goes
    to that button, after the content: the skip link did its job."""
    visitor = visitors("phone")
    visitor.open("")
    page = visitor.page
    page.evaluate("""() => {
        const content = document.querySelector('main .md-content');
        const first = content.querySelector('h1');
        while (first.nextSibling) first.nextSibling.remove();
        const top = document.querySelector('.md-top');
        top.hidden = false; top.style.cssText = 'transform: none; opacity: 1; visibility: visible';
    }""")
    assert support.skip_link_problems(page) == []
    assert page.evaluate("document.activeElement.classList.contains('md-top')"), \
        "the page did not exercise the case: focus should be on the back-to-top button"


def test_skip_check_finds_focus_going_back_before_the_content(visitors) -> None:
    visitor = visitors("desktop")
    visitor.open("")
    page = visitor.page
    page.evaluate("""() => {
        const first = document.querySelector('main .md-content h1');
        while (first.nextSibling) first.nextSibling.remove();
        document.querySelectorAll('.md-top, .md-footer a, .md-footer button').forEach(e => e.remove());
    }""")
    assert any("not into the content" in p for p in support.skip_link_problems(page))
