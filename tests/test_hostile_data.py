"""Hostile text in the data is inert (issue 3, point 6).

A copy of the project is built with script, event-handler, javascript: and
iframe payloads, HTML comments and Markdown that tries to open raw HTML, in
every kind of text field: document titles, descriptions, section headings,
bodies, duty labels and duties, rules as written, actor names and the
organisation's name. Then:

- the build still succeeds (`mkdocs build --strict`);
- every page that shows one of these texts is opened in chromium: no script
  of the data runs (no dialog, no marker set, no console message), and no
  element the data tried to make exists (script, iframe, object, embed,
  style, on* attributes, javascript:/data: links);
- the payloads are shown as text (escaped), and the Markdown editors may
  write (emphasis, lists, http/https links) still renders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from styrdok.sandbox import copy_project

from .browser import support
from .site_build import PROJECT, html_pages, mkdocs_build

pytestmark = pytest.mark.xdist_group("hostile-site")

ORG = "vanersborg"
DOC = "internationell-policy"

# Every payload sets window.__pwned, shows a dialog or logs PWNED if it runs.
PAYLOADS = [
    '<script>window.__pwned="script";alert("PWNED")</script>',
    '<img src=x onerror="window.__pwned=\'img\';alert(\'PWNED\')">',
    '<svg onload="window.__pwned=\'svg\'"><circle r=5></circle></svg>',
    '<a href="javascript:window.__pwned=\'a\'">klick</a>',
    '[markdown-länk](javascript:window.__pwned=%27md%27)',
    '[data-länk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:window.__pwned="autolink">',
    '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
    '<!-- kommentar --><object data="javascript:window.__pwned=\'object\'"></object>',
    '<style>body{display:none}</style><embed src="x.swf">',
    '"><script>window.__pwned="attr"</script><b x="',
    "'><img src=x onerror=console.log('PWNED')>",
    '<div markdown="1">*rå html*</div>',
    '&lt;script&gt;window.__pwned="entity"&lt;/script&gt;',
    '{: onclick="window.__pwned=\'attr_list\'" }',
    '<details open ontoggle="window.__pwned=\'details\'">x</details>',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned="mxss">',
]
ALLOWED = "Tillåten *betoning*, **fetstil** och [en länk](https://example.org/tillaten).\n\n- punkt ett\n- punkt två\n"
MARK = "HOSTILE"


def _hostile(index: int, text: str | None = None) -> str:
    """One payload per field, in turn, with a marker to find it on pages."""
    payload = PAYLOADS[index % len(PAYLOADS)]
    return f"{MARK}{index} {payload} {text or ''}".strip()


class _Injector:
    def __init__(self) -> None:
        self.count = 0

    def text(self, value: dict | None, markdown: bool = False) -> dict | None:
        if not isinstance(value, dict):
            return value
        out = dict(value)  # keep any other field of the text (e.g. a duty's `about`)
        for language, text in value.items():
            if language not in ("sv", "en") or not isinstance(text, str):
                continue
            self.count += 1
            hostile = _hostile(self.count, text if not markdown else None)
            out[language] = hostile + ("\n\n" + ALLOWED if markdown else "")
        return out


def _inject(project: Path) -> int:
    injector = _Injector()
    org_file = project / "policy_data" / "organisations" / f"{ORG}.yaml"
    org = yaml.safe_load(org_file.read_text(encoding="utf-8"))
    org["name"] = injector.text(org["name"])
    for actor in org["actors"]:
        actor["name"] = injector.text(actor["name"])
    org_file.write_text(yaml.safe_dump(org, allow_unicode=True, sort_keys=False), encoding="utf-8")

    doc_file = project / "policy_data" / "documents" / ORG / f"{DOC}.yaml"
    doc = yaml.safe_load(doc_file.read_text(encoding="utf-8"))
    doc["title"] = injector.text(doc["title"])
    if doc.get("description"):
        doc["description"] = injector.text(doc["description"], markdown=True)
    if (doc.get("adopted") or {}).get("as_written"):
        doc["adopted"]["as_written"] = injector.text(doc["adopted"]["as_written"])

    def sections(items: list) -> None:
        for section in items:
            section["heading"] = injector.text(section["heading"])
            if section.get("body"):
                section["body"] = injector.text(section["body"], markdown=True)
            for responsibility in section.get("responsibilities", []):
                if responsibility.get("label"):
                    responsibility["label"] = injector.text(responsibility["label"])
                responsibility["duties"] = [injector.text(d, markdown=(i == 0))
                                            for i, d in enumerate(responsibility["duties"])]
            sections(section.get("sections", []))

    sections(doc["sections"])
    for rule in doc.get("review", []):
        rule["as_written"] = injector.text(rule["as_written"])
    doc_file.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return injector.count


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(PROJECT, tmp_path_factory.mktemp("hostile") / "project")
    injected = _inject(project)
    assert injected >= len(PAYLOADS), f"only {injected} fields got a payload"
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"the site with hostile text did not build:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    yield site
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def affected(hostile_site: Path) -> list[str]:
    pages = [p for p in html_pages(hostile_site) if MARK in p.read_text(encoding="utf-8")]
    assert pages, "no built page shows the hostile text: was it injected?"
    return [support.site_path(hostile_site, p) for p in pages]


def test_the_hostile_texts_reach_the_pages(affected: list[str]) -> None:
    must = {f"{ORG}/{DOC}/", f"en/{ORG}/{DOC}/", f"{ORG}/", f"en/{ORG}/", f"{ORG}/ansvar/"}
    assert must <= set(affected), sorted(must - set(affected))


# Elements and attributes no text from the data may create.
JS_FORBIDDEN = """() => {
  const bad = [];
  const frame = e => e.closest('.md-content, .md-sidebar, .md-header__title, .md-footer');
  for (const e of document.querySelectorAll('script, iframe, object, embed, style, svg[onload], math, details[ontoggle]')) {
    if (frame(e)) bad.push(e.outerHTML.slice(0, 120));
  }
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}"`);
      if (['href', 'src', 'action', 'data', 'formaction'].includes(a.name) && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        bad.push(`${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}"`);
    }
  }
  for (const img of document.querySelectorAll('.md-content img')) bad.push(img.outerHTML.slice(0, 120));
  return bad;
}"""


def test_no_hostile_text_runs_or_makes_elements(hostile_site: Path, affected: list[str]) -> None:
    problems = []
    with support.serve(hostile_site) as base:
        visitor = support.Visitor(base, *support.WIDTHS["desktop"])
        try:
            for path in affected:
                visitor.open(path)
                page = visitor.page
                # Give any late script (onerror, onload) the chance to run.
                page.wait_for_timeout(50)
                pwned = page.evaluate("() => window.__pwned ?? null")
                found = page.evaluate(JS_FORBIDDEN)
                logs = [m for m in visitor.console_errors if "PWNED" in m]
                if pwned or visitor.dialogs or logs or found or visitor.page_errors:
                    problems.append(f"/{path}: script ran: {pwned!r}, dialogs {visitor.dialogs}, console {logs}, "
                                    f"errors {visitor.page_errors}, forbidden elements {found[:5]}")
                shown = page.evaluate("() => document.querySelector('.md-content').innerText")
                if MARK in page.content() and MARK not in shown:
                    problems.append(f"/{path}: the hostile text is in the HTML but not shown as text")
        finally:
            visitor.close()
    assert not problems, "hostile text from the data was not inert:\n" + "\n".join(problems)


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    with support.serve(hostile_site) as base:
        visitor = support.Visitor(base, *support.WIDTHS["desktop"])
        try:
            visitor.open(f"{ORG}/{DOC}/")
            text = visitor.page.evaluate("() => document.querySelector('.md-content').innerText")
        finally:
            visitor.close()
    for fragment in ("<script>", "onerror=", "javascript:", "<iframe"):
        assert fragment in text, f"{fragment!r} is not shown as text on the document page"


def test_allowed_markdown_still_renders(hostile_site: Path) -> None:
    from bs4 import BeautifulSoup

    page = hostile_site / ORG / DOC / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    texts = soup.select(".md-content .sd-text")
    assert texts, "no section text on the document page"
    first = texts[0]
    assert first.find("em", string="betoning"), first
    assert first.find("strong", string="fetstil"), first
    link = first.find("a", string="en länk")
    assert link is not None and link["href"] == "https://example.org/tillaten", first
    assert [li.get_text() for li in first.select("ul > li")] == ["punkt ett", "punkt två"], first


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_hostile_text_in_search_results_is_inert(hostile_site: Path, prefix: str) -> None:
    """The search shows titles, facts and snippets from the index: a hostile
    title and body come back as text there too."""
    with support.serve(hostile_site) as base:
        visitor = support.Visitor(base, *support.WIDTHS["desktop"])
        try:
            visitor.open(f"{prefix}{ORG}/")
            page = visitor.page
            page.locator("button.sd-search-open").click()
            page.keyboard.type(MARK + "1")
            page.wait_for_function("document.querySelectorAll('#sd-search-results li').length > 0", timeout=15000)
            page.wait_for_timeout(200)
            results = page.locator("#sd-search-results").inner_text()
            pwned = page.evaluate("() => window.__pwned ?? null")
            found = page.evaluate("() => [...document.querySelectorAll('#sd-search-results *')]"
                                  ".filter(e => !['LI', 'H4', 'A', 'P', 'MARK'].includes(e.tagName)).map(e => e.outerHTML)")
        finally:
            visitor.close()
    assert MARK in results and "<" in results, results[:500]
    assert pwned is None and not visitor.dialogs and not found, (pwned, visitor.dialogs, found[:5])
