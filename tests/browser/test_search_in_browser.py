"""The site search in a real browser, on the real library (issue 15).

Quality: each query must find its page among the first three results, in
the reader's language; the test prints the mean reciprocal rank. Then the
search as a reader uses it: the header button and `/`, the arrow keys, the
filters, the announcement, a phone screen, no request to another site,
nothing loaded before the search is opened, and axe with results open."""

from __future__ import annotations

import pytest

from . import support

PAGE = "vasteras/riktlinje-internationellt-arbete/"

# (query, the page it must find in its top three, filters or None)
SWEDISH = [
    ("vänorter", "alingsas/aktorer/vanortsforeningarna/", None),  # plural of vänort
    ("vänort", "alingsas/aktorer/vanortsansvarig-tjansteman/", None),
    ("revideras vart fjärde år", "alingsas/internationell-policy/", None),  # the review rule in the policy's own words
    ("revidering", "vanersborg/internationell-policy/", None),
    ("Kultur- och fritidsnämnden", "alingsas/aktorer/kultur-och-fritidsnamnden/", None),  # the municipality's own name
    ("kulturnämnden", "vasteras/aktorer/kulturnamnden/", None),
    ("kommunfullmäktige", "vaxjo/aktorer/kommunfullmaktige/", {"organisation": "Växjö kommun"}),  # narrowed by a filter
    ("kommunstyrelsen", "vanersborg/aktorer/kommunstyrelsen/", {"organisation": "Vänersborgs kommun"}),
    ("strategi", "vaxjo/internationell-strategi/", {"type": "Strategi"}),
    ("riktlinje", "vasteras/riktlinje-internationellt-arbete/", None),
    ("riktlinjer", "vasteras/riktlinje-internationellt-arbete/", None),
    ("internationell samordnare", "alingsas/aktorer/internationell-samordnare/", {"organisation": "Alingsås kommun"}),
    ("projektutvecklare", "vaxjo/aktorer/internationell-projektutvecklare/", None),
    ("firmatecknare", "vasteras/aktorer/firmatecknare/", None),
    ("planeringskontoret", "vaxjo/aktorer/planeringskontoret/", None),
    ("utvecklingskontoret", "vanersborg/aktorer/utvecklingskontoret/", None),
    ("stadsledningskontoret", "vasteras/aktorer/stadsledningskontoret/", None),
    ("kommunledningskontoret", "alingsas/aktorer/kommunledningskontoret/", None),
    ("chefsnätverket", "alingsas/aktorer/chefsnatverket/", None),  # the definite form of chefsnätverk
    ("nätverk för internationellt arbete", "vasteras/aktorer/stadens-natverk-for-internationellt-arbete/", None),
    ("Växjö", "vaxjo/", {"type": None}),
    ("Alingsås kommun", "alingsas/", None),
    ("servicepartner", "vasteras/aktorer/servicepartner/", None),
    ("arbetsutskott", "vanersborg/aktorer/kommunstyrelsens-arbetsutskott/", {"organisation": "Vänersborgs kommun"}),
    ("policy", "vanersborg/internationell-policy/", {"organisation": "Vänersborgs kommun"}),
]

ENGLISH = [
    ("twin town", "en/alingsas/aktorer/vanortsforeningarna/", None),
    ("twin towns", "en/alingsas/aktorer/vanortsansvarig-tjansteman/", None),
    ("culture committee", "en/vasteras/aktorer/kulturnamnden/", None),
    ("Culture and leisure committee", "en/alingsas/aktorer/kultur-och-fritidsnamnden/", None),
    ("Kultur- och fritidsnämnden", "en/alingsas/aktorer/kultur-och-fritidsnamnden/", None),  # the Swedish name on an English page
    ("municipal council", "en/vaxjo/aktorer/kommunfullmaktige/", {"organisation": "Växjö Municipality"}),
    ("executive board", "en/vanersborg/aktorer/kommunstyrelsen/", {"organisation": "Vänersborg Municipality"}),
    ("international strategy", "en/vaxjo/internationell-strategi/", None),
    ("strategy", "en/vaxjo/internationell-strategi/", {"type": "Strategy"}),
    ("guideline", "en/vasteras/riktlinje-internationellt-arbete/", None),
    ("guidelines", "en/vasteras/riktlinje-internationellt-arbete/", None),
    ("international coordinator", "en/vanersborg/aktorer/internationell-samordnare/", {"organisation": "Vänersborg Municipality"}),
    ("project developer", "en/vaxjo/aktorer/internationell-projektutvecklare/", None),
    ("authorised signatory", "en/vasteras/aktorer/firmatecknare/", None),
    ("planning office", "en/vaxjo/aktorer/planeringskontoret/", None),
    ("development office", "en/vanersborg/aktorer/utvecklingskontoret/", None),
    ("city management office", "en/vasteras/aktorer/stadsledningskontoret/", None),
    ("managers network", "en/alingsas/aktorer/chefsnatverket/", None),
    ("service partner", "en/vasteras/aktorer/servicepartner/", None),
    ("working committee", "en/alingsas/aktorer/kommunstyrelsens-arbetsutskott/", {"organisation": "Alingsås Municipality"}),
    ("international policy", "en/vanersborg/internationell-policy/", {"organisation": "Vänersborg Municipality"}),
    ("Alingsås Municipality", "en/alingsas/", None),
    ("revised every four years", "en/alingsas/internationell-policy/", None),
]

# Runs Pagefind's own API in the page with the header search's options, and
# returns the URLs of the first three results.
JS_TOP_THREE = """async ([query, filters]) => {
  const data = JSON.parse(document.querySelector('.sd-search__data').textContent);
  const root = new URL(data.root, location.href);
  const pagefind = await import(new URL('pagefind/pagefind.js', root).href);
  await pagefind.options({baseUrl: root.pathname, ...data.options});
  const clean = {};
  for (const [k, v] of Object.entries(filters || {})) if (v !== null) clean[k] = v;
  const search = await pagefind.search(query, {filters: clean});
  const pages = await Promise.all(search.results.slice(0, 3).map(r => r.data()));
  return pages.map(p => p.url);
}"""


def reciprocal_ranks(visitor: support.Visitor, prefix: str, cases: list) -> tuple[float, list[str]]:
    visitor.open(prefix + PAGE, wait_until="networkidle")
    ranks, misses = [], []
    for query, expected, filters in cases:
        top = visitor.page.evaluate(JS_TOP_THREE, [query, filters])
        wanted = "/" + expected
        rank = top.index(wanted) + 1 if wanted in top else None
        ranks.append(1 / rank if rank else 0.0)
        if rank is None:
            misses.append(f"{query!r} ({filters}): {wanted} not in {top}")
        assert all(url.startswith("/en/") == bool(prefix) for url in top), f"{query!r}: another language's page in {top}"
    return sum(ranks) / len(ranks), misses


@pytest.mark.parametrize("prefix, cases", [("", SWEDISH), ("en/", ENGLISH)], ids=["sv", "en"])
def test_each_query_finds_its_page_in_the_top_three(visitors, prefix: str, cases: list) -> None:
    assert len(cases) >= 20
    assert any(f for _, _, f in cases), "no query is narrowed by a filter"
    visitor = visitors("desktop")
    mrr, misses = reciprocal_ranks(visitor, prefix, cases)
    print(f"\nmean reciprocal rank ({prefix or 'sv'}, {len(cases)} queries): {mrr:.3f}")
    assert not misses, "\n".join(misses)
    assert not visitor.page_errors, visitor.page_errors


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_page_loads_nothing_of_the_search_before_it_is_opened(visitors, prefix: str) -> None:
    visitor = visitors("desktop")
    visitor.open(prefix + PAGE, wait_until="networkidle")
    visitor.page.wait_for_timeout(300)
    assert visitor.requests, "the page made no requests at all: the recorder is broken"
    assert not [url for url in visitor.requests if "/pagefind/" in url]
    assert not [url for url in visitor.requests if "search_index" in url]


def open_search(visitor: support.Visitor, how: str) -> None:
    page = visitor.page
    if how == "slash":
        page.locator("body").press("/")
    else:
        page.locator("button.sd-search-open").click()
    page.wait_for_function("document.getElementById('sd-search').open", timeout=5000)
    page.wait_for_function("document.activeElement?.id === 'sd-search-input'", timeout=5000)


def results(visitor: support.Visitor) -> list[str]:
    return visitor.page.eval_on_selector_all("#sd-search-results a", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("prefix, query, how, announced", [
    ("", "vänorter", "slash", "träffar för ”vänorter”"),
    ("en/", "twin town", "button", "results for “twin town”"),
])
def test_a_reader_searches_with_the_keyboard_in_their_language(visitors, prefix: str, query: str, how: str, announced: str) -> None:
    visitor = visitors("desktop")
    visitor.open(prefix + PAGE, wait_until="networkidle")
    page = visitor.page
    open_search(visitor, how)
    page.keyboard.type(query)
    status = page.locator("#sd-search .sd-search__status")
    page.wait_for_function("document.querySelector('#sd-search .sd-search__status').textContent.includes('”')", timeout=15000)
    assert announced in status.text_content()
    assert status.get_attribute("role") == "status"
    links = results(visitor)
    assert links and all(link.startswith("/en/") == bool(prefix) for link in links), links
    # Each result: its title, then organisation · type · status, then the words in context, kept apart.
    first = page.locator("#sd-search-results > li").first
    assert first.locator("a").text_content().strip()
    assert " · " in first.locator(".sd-search__facts").text_content()
    assert first.locator(".sd-search__excerpt mark").count() >= 1
    texts = [t.strip() for t in first.locator("h4, p").all_text_contents()]
    assert len(texts) >= 2 and all(texts), texts
    # Arrow keys: down into the results and between them, up back to the field.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "sd-search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + links[0])
    assert not visitor.page_errors and not visitor.foreign, (visitor.page_errors, visitor.foreign)


def test_a_filter_narrows_the_results(visitors) -> None:
    visitor = visitors("desktop")
    visitor.open(PAGE, wait_until="networkidle")
    page = visitor.page
    open_search(visitor, "button")
    page.keyboard.type("internationell")
    page.wait_for_function("document.querySelectorAll('#sd-search-results li').length > 0", timeout=15000)
    before = page.locator("#sd-search .sd-search__status").text_content()
    assert not [url for url in visitor.requests if "/pagefind/filter/" in url], "a query without filters loaded them"
    page.locator(".sd-search__filters summary").click()
    page.get_by_role("group", name="Organisation").get_by_label("Växjö kommun").check()
    page.wait_for_function("(before) => { const t = document.querySelector('#sd-search .sd-search__status').textContent;"
                           " return t !== before && t.includes('”'); }", arg=before, timeout=15000)
    links = results(visitor)
    assert links and all(link.startswith("/vaxjo/") for link in links), links
    page.get_by_role("button", name="Ta bort alla val").click()
    page.wait_for_function(f"document.querySelector('#sd-search .sd-search__status').textContent === {before!r}", timeout=15000)


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_open_results_fit_the_screen_and_pass_axe(visitors, width: str) -> None:
    visitor = visitors(width)
    visitor.open("en/" + PAGE, wait_until="networkidle")
    page = visitor.page
    open_search(visitor, "button")
    page.keyboard.type("international")
    page.wait_for_function("document.querySelectorAll('#sd-search-results li').length > 0", timeout=15000)
    page.locator(".sd-search__filters summary").click()
    page.wait_for_selector(".sd-search__groups fieldset", timeout=15000)  # the filters load when opened
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    box = page.locator("#sd-search").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    violations = support.run_axe(page)
    assert not violations, support.describe_violations(violations)
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('sd-search').open", timeout=5000)
    assert page.evaluate("document.activeElement.classList.contains('sd-search-open')")
    assert not visitor.foreign, visitor.foreign


@pytest.mark.parametrize(("prefix", "width"), [("", "desktop"), ("en/", "phone")])
def test_the_front_pages_search_link_opens_the_headers_search(visitors, prefix: str, width: str) -> None:
    """The front door's search item leads to the search the header offers:
    following it (by keyboard) puts the cursor in the search field."""
    visitor = visitors(width)
    visitor.open(prefix, wait_until="networkidle")
    page = visitor.page
    link = page.locator("article a[data-sd-search]")
    assert link.count() == 1, "the front page has no search link"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('sd-search').open", timeout=5000)
    page.wait_for_function("document.activeElement?.id === 'sd-search-input'", timeout=5000)
    page.keyboard.type("vänort" if not prefix else "twin town")
    page.wait_for_function("document.querySelectorAll('#sd-search-results li').length > 0", timeout=15000)
    page.keyboard.press("Escape")
    assert not visitor.page_errors, visitor.page_errors
